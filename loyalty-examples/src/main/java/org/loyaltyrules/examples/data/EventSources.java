package org.loyaltyrules.examples.data;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * Reads an event input of any {@link EventFormat} for a program: dates without a zone in the program's zone,
 * amounts in the program's currency unless a line names another.
 */
public final class EventSources {

    private EventSources() {
    }

    /** Reads {@code file}; {@code format} null means detect it. Strict stops at the first bad line (throws). */
    public static LoadedEvents load(Path file, EventFormat format, ProgramSettings settings, boolean strict) {
        requireNonNull(file, "file");
        requireNonNull(settings, "settings");
        EventFormat f = format != null ? format : EventFormat.detect(file);
        switch (f) {
            case CDNOW:
                return CdnowEvents.read(file, settings.zone(), settings.currency(), strict);
            case ONLINE_RETAIL:
                return OnlineRetailEvents.read(file, settings.currency(), strict);
            case COMPLETEJOURNEY:
                return CompleteJourneyEvents.read(file, settings.currency(), strict);
            case CSV:
            case JSONL:
            default: {
                EventReader reader = EventReader.forProgram(settings).strict(strict);
                EventBatch batch;
                try (BufferedReader in = EventReader.open(file)) {
                    String name = file.getFileName().toString();
                    batch = f == EventFormat.CSV ? reader.readCsv(in, name) : reader.readJsonLines(in, name);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put("records", batch.records());
                return new LoadedEvents(f, batch.source(), batch.events(), batch.problems(), batch.records(), counts,
                        List.of(), batch.warnings());
            }
        }
    }
}

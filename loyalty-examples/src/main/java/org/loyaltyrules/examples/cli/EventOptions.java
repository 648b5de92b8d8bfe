package org.loyaltyrules.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.examples.data.EventFormat;
import org.loyaltyrules.examples.data.EventSources;
import org.loyaltyrules.examples.data.LoadedEvents;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.ProgramSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options run and explain share: program, events, format, as-of, strict. */
final class EventOptions {

    @Option(names = "--program", paramLabel = "DIR",
            description = "Program folder (default: loyalty-examples/programs/retail-basic or programs/retail-basic).")
    Path program;

    @Option(names = "--events", paramLabel = "FILE", required = true,
            description = "Events: JSON Lines, a purchase CSV (.csv/.txt), CDNOW, UCI Online Retail or Complete "
                    + "Journey; .gz is read too.")
    Path events;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto (default), jsonl, csv, cdnow, online-retail or completejourney.")
    String format;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Review date (ISO, e.g. 1998-06-30): events after that day are left out and every member "
                    + "is reviewed at its end. Default: the last event's instant.")
    LocalDate asOf;

    @Option(names = "--strict", description = "Stop at the first bad line (exit 1) instead of reporting and going on.")
    boolean strict;

    Path programFolder(CommandLine commandLine) {
        return ProgramFolder.resolve(program, commandLine);
    }

    LoadedEvents load(ProgramSettings settings, CommandLine commandLine) {
        if (!Files.isRegularFile(events)) {
            throw new CommandLine.ParameterException(commandLine, "events file not found: " + events);
        }
        EventFormat chosen;
        try {
            chosen = "auto".equalsIgnoreCase(format) ? null : EventFormat.named(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        LoadedEvents loaded = EventSources.load(events, chosen, settings, strict);
        if (loaded.events().isEmpty() && !loaded.problems().isEmpty()) {
            // e.g. a header without the required columns, or a file of another format: going on would report an
            // empty replay as a success
            throw new NoEvents(loaded.source(), loaded.problems());
        }
        return loaded;
    }

    /** An events file with problems and not one usable event: invalid input (exit 1), not an empty replay. */
    static final class NoEvents extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** At most this many of the problems are printed; the count says how many there were. */
        static final int SHOWN = 10;

        private final transient List<org.loyaltyrules.rules.program.Problem> problems;

        NoEvents(String source, List<org.loyaltyrules.rules.program.Problem> problems) {
            super("no event could be read from " + source + " (" + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems")
                    + (problems.size() > SHOWN ? ", the first " + SHOWN + " below" : "") + ")");
            this.problems = List.copyOf(problems.subList(0, Math.min(SHOWN, problems.size())));
        }

        List<org.loyaltyrules.rules.program.Problem> shown() {
            return problems;
        }
    }

    /** The end of --as-of in the program's zone, or the last event's instant (null without events). */
    Instant reviewUntil(List<LoyaltyEvent> all, ProgramSettings settings) {
        if (asOf != null) {
            return EventReader.endOfDay(asOf, settings.zone());
        }
        return all.stream().map(LoyaltyEvent::at).max(Instant::compareTo).orElse(null);
    }

    static List<LoyaltyEvent> upTo(List<LoyaltyEvent> all, Instant until) {
        if (until == null) {
            return all;
        }
        return all.stream().filter(e -> !e.at().isAfter(until)).toList();
    }
}

package org.loyaltyrules.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.examples.data.EventFormat;
import org.loyaltyrules.examples.data.EventSources;
import org.loyaltyrules.examples.data.LoadedEvents;
import org.loyaltyrules.rules.EventIdOwners;
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

    @Option(names = "--as-of", paramLabel = "DATE", converter = AsOf.Converter.class,
            description = "Review date YYYY-MM-DD (e.g. 1998-06-30): events after that day in the program's zone are "
                    + "left out and every member is reviewed at its end. An instant as a run prints it "
                    + "(1998-06-30T00:00:00Z) is that instant. Default: the last event's instant.")
    AsOf asOf;

    @Option(names = "--strict", description = "Stop at the first bad line (exit 1) instead of reporting and going on.")
    boolean strict;

    Path programFolder(CommandLine commandLine) {
        return ProgramFolder.resolve(program, commandLine);
    }

    /**
     * Reads the events and reports on stderr the lines skipped and how many and the fields that look misspelt; the
     * command reports the ids repeated with different content ({@link #warnRepeats}) once it knows their owners.
     */
    LoadedEvents load(ProgramSettings settings, CommandLine commandLine) {
        if (asOf != null) {
            asOf.requireEventYears(settings.zone(), commandLine);
        }
        if (Files.isDirectory(events)) {
            throw new CommandLine.ParameterException(commandLine, "--events must be a file, was the folder " + events);
        }
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
        // bad lines (skipped), then fields that look misspelt: on stderr, before any work on them
        for (org.loyaltyrules.rules.program.Problem p : loaded.problems()) {
            commandLine.getErr().println(p.location() + ": " + p.message());
        }
        if (!loaded.problems().isEmpty()) {
            // every command that reads events says how many lines it skipped, whatever else it prints
            commandLine.getErr().println(badLinesSkipped(loaded.problems().size()));
        }
        // fields kept as attributes that look like misspelt event fields: the lines were used, the author should know
        for (org.loyaltyrules.rules.program.Problem w : loaded.warnings()) {
            commandLine.getErr().println("warning: " + w.location() + ": " + w.message());
        }
        return loaded;
    }

    /** The line after the bad lines listed on stderr: "events: 3 bad lines skipped (listed above)". */
    static String badLinesSkipped(int count) {
        return String.format(Locale.ROOT, "events: %,d bad line%s skipped (listed above)", count, count == 1 ? "" : "s");
    }

    /**
     * Prints on stderr the warnings of {@link #conflictingRepeats}: before the replay, after the bad lines and the
     * fields that look misspelt.
     */
    static void warnRepeats(List<LoyaltyEvent> replayed, EventIdOwners owners, String member, PrintWriter err) {
        conflictingRepeats(replayed, owners, member).forEach(err::println);
    }

    /**
     * Warnings for event ids a member's history repeats with different content, of {@code member} only (every member
     * when null): a repeat is a duplicate and changes nothing (docs/semantics.md, idempotency), so whatever differs in
     * it is dropped, and the author should know. When the id belongs to another member ({@code owners}), no copy of
     * the member counts: each is refused {@value EventIdOwners#CODE}, and the warning says so and why.
     */
    static List<String> conflictingRepeats(List<LoyaltyEvent> events, EventIdOwners owners, String member) {
        Map<String, LoyaltyEvent> first = new HashMap<>();
        Map<String, Integer> differing = new LinkedHashMap<>();
        for (LoyaltyEvent e : events) {
            if (member != null && !member.equals(e.memberId())) {
                continue;
            }
            String key = e.memberId() + "\u0000" + e.id();
            LoyaltyEvent earlier = first.putIfAbsent(key, e);
            if (earlier != null && !earlier.equals(e)) {
                differing.merge(key, 1, Integer::sum);
            }
        }
        List<String> warnings = new ArrayList<>();
        for (var entry : differing.entrySet()) {
            if (warnings.size() == NoEvents.SHOWN) {
                warnings.add("warning: " + (differing.size() - NoEvents.SHOWN) + " more event ids repeated with "
                        + "different content");
                break;
            }
            LoyaltyEvent kept = first.get(entry.getKey());
            warnings.add("warning: event " + kept.id() + " of member " + kept.memberId() + " is repeated "
                    + (entry.getValue() == 1 ? "once" : entry.getValue() + " times") + " with different content; "
                    + (owners.isForeign(kept)
                    ? "no copy counts, each is refused " + EventIdOwners.CODE + " (" + owners.refusal(kept).detail() + ")"
                    : "only the first copy that applies counts (a refused copy does not), later ones are duplicates "
                    + "and change nothing"));
        }
        return warnings;
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

    /** The end of --as-of in the program's zone (or its instant), or the last event's instant (null without events). */
    Instant reviewUntil(List<LoyaltyEvent> all, ProgramSettings settings) {
        if (asOf != null) {
            return asOf.until(settings.zone());
        }
        return all.stream().map(LoyaltyEvent::at).max(Instant::compareTo).orElse(null);
    }

    /** The review instant as the commands print it: "1998-06-30 (end of day, UTC)" for a date, else the instant. */
    String asOfText(Instant reviewUntil, ProgramSettings settings) {
        return AsOf.describe(asOf, reviewUntil, settings.zone());
    }

    /**
     * The events to replay, those up to the review instant. None is no error (the outputs are complete and empty), but
     * a mistyped year or an export that wrote 0 bytes should not pass for a run: stderr says so.
     */
    List<LoyaltyEvent> toReplay(LoadedEvents input, Instant reviewUntil, ProgramSettings settings, PrintWriter err) {
        List<LoyaltyEvent> events = upTo(input.events(), reviewUntil);
        if (events.isEmpty()) {
            int all = input.events().size();
            err.println("warning: nothing to replay: " + (all == 0 ? input.source() + " holds no event"
                    : String.format(Locale.ROOT, "%s %,d event%s of %s %s after the as-of date %s", all == 1 ? "the"
                            : "all", all, all == 1 ? "" : "s", input.source(), all == 1 ? "is" : "are",
                            asOfText(reviewUntil, settings))));
        }
        return events;
    }

    static List<LoyaltyEvent> upTo(List<LoyaltyEvent> all, Instant until) {
        if (until == null) {
            return all;
        }
        return all.stream().filter(e -> !e.at().isAfter(until)).toList();
    }
}

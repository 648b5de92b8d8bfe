package org.loyaltyrules.examples.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.examples.data.LoadedEvents;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.EventIdOwners;
import org.loyaltyrules.rules.Explanation;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.RuleEvaluationException;
import org.loyaltyrules.rules.TierMove;
import org.loyaltyrules.rules.program.ProgramSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Replay one member's events and tell, event by event, what each rule did and why.")
final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EventOptions options;

    @Option(names = "--member", paramLabel = "ID", required = true, description = "The member to explain.")
    String member;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        Program program = Program.load(options.programFolder(cl));
        ProgramSettings settings = program.settings();
        LoadedEvents input = options.load(settings, cl);
        Instant reviewUntil = options.reviewUntil(input.events(), settings);
        List<LoyaltyEvent> replayed = EventOptions.upTo(input.events(), reviewUntil);
        EventIdOwners owners = EventIdOwners.of(replayed); // as run decides it, on every member's events
        EventOptions.warnRepeats(replayed, owners, member, cl.getErr()); // of this member: the others are not shown
        List<LoyaltyEvent> mine = replayed.stream().filter(e -> e.memberId().equals(member)).toList();
        if (mine.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "no events of member " + member + " in " + input.source()
                    + (reviewUntil == null ? "" : " up to " + options.asOfText(reviewUntil, settings)));
        }
        LoyaltyEngine engine = LoyaltyEngine.create(program);
        String reviewText = reviewUntil == null ? null : options.asOfText(reviewUntil, settings);
        out.println("member " + member + ": " + mine.size() + " event" + (mine.size() == 1 ? "" : "s") + " in "
                + input.source() + ", program " + settings.id() + " " + settings.version());
        // event by event, in replay's order (by time, stable on ties), so that a failed event shows in its place
        Map<String, LoyaltyEvent> first = new HashMap<>();
        MemberState state = null;
        for (LoyaltyEvent event : mine.stream().sorted(Comparator.comparing(LoyaltyEvent::at)).toList()) {
            if (owners.isForeign(event)) {
                // as the engine explains its own refusals: the detail (naming the member the id belongs to) cited as
                // an engine rule, the words of rejections.csv's detail column
                ReplayResult.Rejection refusal = owners.refusal(event);
                out.println(event.at() + " " + event.type() + " " + event.id() + ": REFUSED " + refusal.code() + " ("
                        + refusal.detail() + ")");
                Explanation why = new Explanation("Refused: " + refusal.code(), "", 0, "",
                        Map.of("event", event.id()), refusal.detail());
                out.println("  why: " + why.sentence() + " [" + why.citation() + "]");
                continue;
            }
            LoyaltyEvent firstWithId = first.computeIfAbsent(event.id(), id -> event);
            Decision d;
            try {
                d = engine.apply(state, event);
            } catch (RuleEvaluationException e) {
                out.println(event.at() + " " + event.type() + " " + event.id() + ": RULE_FAILED " + e.getMessage());
                continue;
            }
            print(out, d, event, firstWithId, reviewText);
            if (d.isApplied()) {
                state = d.state();
            }
        }
        if (reviewUntil != null && state != null) {
            try {
                Decision review = engine.reviewTiers(List.of(state), reviewUntil).get(0);
                print(out, review, null, null, reviewText);
                state = review.state();
            } catch (RuleEvaluationException e) {
                out.println(reviewText + " time passes to the review date: RULE_FAILED " + e.getMessage());
            }
        }
        if (state != null) {
            var totals = state.ledger().totals();
            out.println("final: tier " + state.tier().tierId() + ", " + state.pointsAvailable() + " available, "
                    + state.pointsPending() + " pending, " + totals.earned() + " earned, " + totals.redeemed()
                    + " redeemed, " + totals.expired() + " expired, status " + state.status());
        } else {
            out.println("final: no state (no event of member " + member + " was applied)");
        }
        return LoyaltyCli.OK;
    }

    private static void print(PrintWriter out, Decision d, LoyaltyEvent event, LoyaltyEvent firstWithId,
                              String reviewText) {
        boolean review = event == null;
        if (review && d.postings().isEmpty() && d.tierMoves().isEmpty()) {
            return;
        }
        if (review) {
            out.println(reviewText + " time passes to the review date: points activate and expire, tiers are reviewed");
        } else if (d.outcome() == Decision.Outcome.DUPLICATE) {
            // the decision carries the first event's postings: printed here they would read as points earned again
            out.println(event.at() + " " + event.type() + " " + event.id() + ": DUPLICATE (id already processed"
                    + (event.equals(firstWithId) ? "" : "; this event differs from the first with this id")
                    + "): changes nothing");
            return;
        } else {
            out.println(event.at() + " " + event.type() + " " + event.id() + ": " + d.outcome()
                    + d.refused().map(r -> " " + r.code() + " (" + r.detail() + ")").orElse(""));
        }
        for (Posting p : d.postings()) {
            out.printf(Locale.ROOT, "  %-15s %+d %s%n", p.type(), p.points(), p.explanation());
        }
        for (TierMove m : d.tierMoves()) {
            out.println("  tier " + m.from() + " -> " + m.to() + " at " + m.at() + " (" + m.kind() + "): " + m.reason());
        }
        for (Explanation e : d.explanations()) {
            out.println("  why: " + e.sentence() + " [" + e.citation() + "]");
        }
    }
}

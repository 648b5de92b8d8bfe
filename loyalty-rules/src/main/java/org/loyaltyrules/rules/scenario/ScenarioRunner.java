package org.loyaltyrules.rules.scenario;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.tier.TierLadder;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.Explanation;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ProgramNames;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.RuleEvaluationException;
import org.loyaltyrules.rules.facts.CapApplied;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReadException;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.NearMiss;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.loyaltyrules.rules.scenario.ScenarioResult.Check;

/**
 * Runs {@link Scenario}s against one engine: builds the given member (enrolled at {@code enrolledAt}, or at the
 * first event's instant; a {@code tier} is assigned by an enrollment event, as a floor), applies the given events,
 * then the {@code when} events, and compares every expectation of {@code then}; a {@code when} event refused, or
 * answered DUPLICATE because its id was already used, without {@code then} expecting it is a failed check.
 * Thread-safe like the engine.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioRunner {

    /**
     * What {@code then.refusal} and {@code then.refusals} expect of a {@code when} event whose id the member already
     * processed: the engine answers it {@link Decision.Outcome#DUPLICATE} and applies nothing.
     */
    public static final String DUPLICATE = "DUPLICATE";

    private final LoyaltyEngine engine;

    private ScenarioRunner(LoyaltyEngine engine) {
        this.engine = requireNonNull(engine, "engine");
    }

    public static ScenarioRunner of(LoyaltyEngine engine) {
        return new ScenarioRunner(engine);
    }

    public ScenarioResult run(Scenario scenario) {
        requireNonNull(scenario, "scenario");
        List<Decision> decisions = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // for each when event that came out DUPLICATE, by id: which event used its id first
        Map<String, String> duplicates = new HashMap<>();
        try {
            ProgramSettings settings = engine.program().settings();
            EventReader reader = EventReader.forProgram(settings).strict(true);
            List<LoyaltyEvent> given = read(reader, scenario.given().events(), scenario.source(), "$.given.events",
                    warnings);
            List<LoyaltyEvent> when = read(reader, scenario.when(), scenario.source(), "$.when", warnings);
            Scenario.Then then = scenario.then();
            List<String> unknown = unknownNames(scenario, when, engine.names());
            if (!unknown.isEmpty()) {
                return failed(scenario, String.join("; ", unknown), warnings);
            }
            // a date means the end of that day, as the CLI's --as-of reads one
            Instant asOf = then.asOf() == null ? null
                    : time(EventReader::asOf, then.asOf(), settings, scenario, "$.then.asOf");
            if (asOf != null) {
                // time only moves forward: an earlier asOf would check the state after an event at a time before it
                LoyaltyEvent latest = when.stream().max(Comparator.comparing(LoyaltyEvent::at)).orElseThrow();
                if (asOf.isBefore(latest.at())) {
                    return failed(scenario, scenario.source() + " $.then.asOf: must not be before when event "
                            + latest.id() + " (" + latest.at() + "), was " + asOf, warnings);
                }
            }
            Scenario.Given g = scenario.given();
            Instant enrolledAt = g.enrolledAt() != null
                    ? time(EventReader::instant, g.enrolledAt(), settings, scenario, "$.given.enrolledAt")
                    : Stream.concat(given.stream(), when.stream()).map(LoyaltyEvent::at)
                            .min(Comparator.naturalOrder()).orElseThrow();
            if (!g.attributes().isEmpty()) {
                // the engine checks the attributes it reads (complaints) as an enrollment's: asked here, so that a bad
                // one is told at its path, not as a stored state at the first event
                Decision check = engine.apply(engine.newMember(g.member(), enrolledAt), new Enrollment(
                        "given-attributes", g.member(), enrolledAt, null, g.attributes()));
                if (check.outcome() == Decision.Outcome.REFUSED) {
                    return failed(scenario, scenario.source() + " $.given.attributes: " + check.refusal().code() + " "
                            + check.refusal().detail(), warnings);
                }
            }
            MemberState state = engine.newMember(g.member(), enrolledAt).withTags(g.tags())
                    .withAttributes(g.attributes());
            List<LoyaltyEvent> setup = new ArrayList<>();
            if (g.tier() != null) {
                setup.add(new Enrollment("given-tier", g.member(), enrolledAt, g.tier(),
                        java.util.Map.of()));
            }
            setup.addAll(given);
            // where each event id was first used, to say which event a DUPLICATE repeats
            Map<String, String> firstUse = new HashMap<>();
            for (int i = 0; i < setup.size(); i++) {
                LoyaltyEvent event = setup.get(i);
                int events = setup.size() - given.size();
                String path = i < events ? "$.given.tier" : "$.given.events[" + (i - events) + "]";
                String earlier = firstUse.putIfAbsent(event.id(), describe(path));
                Decision d = engine.apply(state, event);
                if (d.outcome() == Decision.Outcome.REFUSED) {
                    return failed(scenario, scenario.source() + " " + path + ": given event " + event.id()
                            + " was refused: " + d.refusal().code() + " " + d.refusal().detail(), warnings);
                }
                if (d.outcome() == Decision.Outcome.DUPLICATE) {
                    return failed(scenario, scenario.source() + " " + path + ": given event " + event.id()
                            + " was not applied: its id was already used by " + earlier + " (DUPLICATE)", warnings);
                }
                state = d.state();
            }
            for (int i = 0; i < when.size(); i++) {
                LoyaltyEvent event = when.get(i);
                String earlier = firstUse.putIfAbsent(event.id(), describe("$.when[" + i + "]"));
                Decision d = engine.apply(state, event);
                if (d.outcome() == Decision.Outcome.DUPLICATE) {
                    duplicates.put(event.id(), "its id " + event.id() + " was already used by " + earlier
                            + ", so the engine did not apply it");
                }
                decisions.add(d);
                state = d.state();
            }
            Decision review = null;
            if (asOf != null) {
                review = engine.reviewTiers(List.of(state), asOf).get(0);
                state = review.state();
            } else {
                asOf = when.get(when.size() - 1).at();
            }
            List<String> explained = explanations(decisions, duplicates);
            if (review != null) {
                // what time passing to asOf did (activations, expiries, the tier review): not the when events'
                // postings, but it moves the state the checks read, so a failure shows it
                explain("asOf", review, duplicates, explained);
            }
            return new ScenarioResult(scenario, checks(then, decisions, duplicates, state, asOf, settings),
                    explained, null, warnings);
        } catch (EventReadException e) {
            return failed(scenario, e.problems().stream().map(p -> p.location() + ": " + p.message())
                    .collect(Collectors.joining("; ")), decisions, duplicates, warnings);
        } catch (RuleEvaluationException | IllegalArgumentException e) {
            return failed(scenario, e.getMessage(), decisions, duplicates, warnings);
        }
    }

    /**
     * Each id or name the scenario writes that the program cannot have, at its JSON path with the values it can
     * have: a tier not in the ladder, a cap or benefit program.json and the rules do not name, a posting rule no rule
     * of the pack or posting of the engine has, a refusal code the engine never gives, a risk flag no rule concludes
     * (when the rules name every flag code as a literal). Such an expectation could only fail, on a typo.
     */
    private static List<String> unknownNames(Scenario scenario, List<LoyaltyEvent> when, ProgramNames names) {
        List<String> problems = new ArrayList<>();
        BiConsumer<String, String> bad = (path, problem) -> problems.add(scenario.source() + " " + path + ": "
                + problem);
        Scenario.Then then = scenario.then();
        known(scenario.given().tier(), names.tiers(), "a tier of the ladder", "$.given.tier", bad);
        known(then.tier(), names.tiers(), "a tier of the ladder", "$.then.tier", bad);
        for (int i = 0; then.caps() != null && i < then.caps().size(); i++) {
            known(then.caps().get(i).cap(), names.caps(), "a cap of program.json risk.caps",
                    "$.then.caps[" + i + "].cap", bad);
        }
        List<String> benefits = new ArrayList<>(names.benefits());
        // a claim of a benefit the program lacks is refused under the id claimed
        when.stream().filter(e -> e instanceof BenefitClaim).map(e -> ((BenefitClaim) e).benefit())
                .filter(id -> !benefits.contains(id)).forEach(benefits::add);
        for (int i = 0; then.benefits() != null && i < then.benefits().size(); i++) {
            known(then.benefits().get(i).benefit(), benefits, "a benefit of program.json, of a rule or of a claim",
                    "$.then.benefits[" + i + "].benefit", bad);
        }
        for (int i = 0; then.postings() != null && i < then.postings().size(); i++) {
            String rule = then.postings().get(i).rule();
            known(rule == null || rule.isEmpty() ? null : rule, names.postingRules(),
                    "a rule of the pack or a posting rule of the engine", "$.then.postings[" + i + "].rule", bad);
        }
        List<String> refusals = Stream.concat(Stream.of("none", DUPLICATE), names.refusalCodes().stream()).toList();
        String refusal = "\"none\", DUPLICATE or a refusal code of the engine";
        known(then.refusal(), refusals, refusal, "$.then.refusal", bad);
        if (then.refusals() != null) {
            then.refusals().forEach((id, code) -> known(code, refusals, refusal, "$.then.refusals." + id, bad));
        }
        for (int i = 0; then.riskFlags() != null && names.riskFlags().isPresent() && i < then.riskFlags().size();
             i++) {
            known(then.riskFlags().get(i), names.riskFlags().get(), "a risk flag code the rules conclude",
                    "$.then.riskFlags[" + i + "]", bad);
        }
        return problems;
    }

    private static void known(String value, List<String> allowed, String what, String path,
                              BiConsumer<String, String> bad) {
        if (value != null && !allowed.contains(value)) {
            bad.accept(path, "must be " + what + ", one of " + allowed + ", was \"" + value + "\""
                    + NearMiss.suggestion(value, allowed));
        }
    }

    private static ScenarioResult failed(Scenario scenario, String error, List<Decision> decisions,
                                         Map<String, String> duplicates, List<String> warnings) {
        return new ScenarioResult(scenario, List.of(), explanations(decisions, duplicates), error, warnings);
    }

    private static ScenarioResult failed(Scenario scenario, String error, List<String> warnings) {
        return failed(scenario, error, List.of(), Map.of(), warnings);
    }

    /**
     * A time of the scenario read in the program's zone; Scenario.parse read it in UTC, so only a time at the edge of
     * the years the reader allows can fail here, located like a bad event field.
     */
    private static Instant time(BiFunction<String, ZoneId, Instant> reading, String text,
                                ProgramSettings settings, Scenario scenario, String path) {
        try {
            return reading.apply(text, settings.zone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(scenario.source() + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** The event at {@code path} of the scenario file, as a DUPLICATE's message names the event that used its id. */
    private static String describe(String path) {
        return (path.startsWith("$.when") ? "when event " : path.equals("$.given.tier") ? "the enrollment of "
                : "given event ") + path;
    }

    /** The events at {@code path} of the scenario file, located by JSON path; their warnings go to {@code warnings}. */
    private static List<LoyaltyEvent> read(EventReader reader, List<String> events, String source, String path,
                                           List<String> warnings) {
        EventBatch batch = reader.readEmbedded(events, source, path);
        batch.warnings().forEach(w -> warnings.add(w.location() + ": " + w.message()));
        return batch.events();
    }

    private List<Check> checks(Scenario.Then then, List<Decision> decisions, Map<String, String> duplicates,
                               MemberState state, Instant asOf, ProgramSettings settings) {
        List<Check> checks = new ArrayList<>();
        if (then.pointsAwarded() != null) {
            checks.add(new Check("pointsAwarded", then.pointsAwarded().toString(),
                    Long.toString(decisions.stream().mapToLong(Decision::pointsAwarded).sum())));
        }
        if (then.pointsAvailable() != null) {
            checks.add(new Check("pointsAvailable", then.pointsAvailable().toString(),
                    Long.toString(state.pointsAvailable())));
        }
        if (then.pointsPending() != null) {
            checks.add(new Check("pointsPending", then.pointsPending().toString(), Long.toString(state.pointsPending())));
        }
        if (then.growth() != null) {
            TierLadder ladder = settings.ladder();
            Instant from = ladder.window().start(asOf, state.membershipStart(), settings.calendar());
            BigDecimal growth = state.growth().total(ladder.metric(), from, asOf);
            checks.add(new Check("growth (" + ladder.metric() + " in the current window)", then.growth(),
                    growth.signum() == 0 ? "0" : growth.stripTrailingZeros().toPlainString()));
        }
        if (then.tier() != null) {
            checks.add(new Check("tier", then.tier(), state.tier().tierId()));
        }
        if (then.status() != null) {
            checks.add(new Check("status", then.status(), state.status().name()));
        }
        if (then.postings() != null) {
            List<Posting> actual = decisions.stream().filter(Decision::isApplied)
                    .flatMap(d -> d.postings().stream()).toList();
            checks.add(written("postings", then.postings(), actual,
                    (e, p) -> p.type() + " " + p.points() + (e != null && e.rule() == null ? "" : " " + p.rule()),
                    e -> e.type() + " " + e.points() + (e.rule() == null ? "" : " " + e.rule())));
        }
        if (then.caps() != null) {
            List<CapApplied> actual = decisions.stream().filter(d -> d.outcome() != Decision.Outcome.DUPLICATE)
                    .flatMap(d -> d.capsApplied().stream()).toList();
            checks.add(written("caps", then.caps(), actual,
                    (e, c) -> c.capId() + (e != null && e.headroom() == null ? "" : " headroom " + c.headroom())
                            + (e != null && e.withheld() == null ? "" : " withheld " + c.withheld()),
                    e -> e.cap() + (e.headroom() == null ? "" : " headroom " + e.headroom())
                            + (e.withheld() == null ? "" : " withheld " + e.withheld())));
        }
        if (then.benefits() != null) {
            checks.add(new Check("benefits", then.benefits().stream().map(b -> b.benefit() + " " + b.outcome())
                    .toList().toString(), decisions.stream().filter(d -> d.outcome() != Decision.Outcome.DUPLICATE)
                    .flatMap(d -> d.benefits().stream())
                    .map(b -> b.benefitId() + " " + b.outcome()).toList().toString()));
        }
        if (then.riskFlags() != null) {
            checks.add(new Check("riskFlags", then.riskFlags().toString(), decisions.stream()
                    .filter(d -> d.outcome() != Decision.Outcome.DUPLICATE).flatMap(d -> d.riskFlags().stream()).map(f -> f.code()).toList().toString()));
        }
        checks.addAll(refusals(then, decisions, duplicates));
        return checks;
    }

    /**
     * The refusal expected of each {@code when} event ({@code refusal} for the last one, {@code refusals} by id)
     * against its refusal code, {@link #DUPLICATE} when its id was already used (the engine did not apply it), or
     * "none"; a refusal or a duplicate nobody expected is a failed check with its code and detail.
     */
    private static List<Check> refusals(Scenario.Then then, List<Decision> decisions,
                                        Map<String, String> duplicates) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            boolean duplicate = d.outcome() == Decision.Outcome.DUPLICATE;
            String actual = duplicate ? DUPLICATE : d.refused().map(Refusal::code).orElse("none");
            String expected = i == decisions.size() - 1 && then.refusal() != null ? then.refusal()
                    : then.refusals() != null ? then.refusals().get(d.eventId()) : null;
            if (duplicate && !DUPLICATE.equals(expected)) {
                // the code alone would not say why: name the event that used the id first
                actual = DUPLICATE + ": " + duplicates.get(d.eventId());
            }
            if (i == decisions.size() - 1 && then.refusal() != null) {
                checks.add(new Check("refusal", then.refusal(), actual));
            } else if (expected != null) {
                checks.add(new Check("refusal of " + d.eventId(), expected, actual));
            } else if (duplicate) {
                checks.add(new Check("refusal of " + d.eventId() + " (not expected)", "none", actual));
            } else if (d.outcome() == Decision.Outcome.REFUSED) {
                checks.add(new Check("refusal of " + d.eventId() + " (not expected)", "none",
                        d.refusal().code() + ": " + d.refusal().detail()));
            }
        }
        return checks;
    }

    /**
     * Compares two lists item by item on the fields the author wrote: each actual item is shown with the fields of the
     * expected item at its index (all fields where there is none), so a field left out is never compared.
     */
    private static <E, A> Check written(String name, List<E> expected, List<A> actual,
                                        BiFunction<E, A, String> actualText, Function<E, String> expectedText) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            got.add(actualText.apply(i < expected.size() ? expected.get(i) : null, actual.get(i)));
        }
        return new Check(name, expected.stream().map(expectedText).toList().toString(), got.toString());
    }

    /**
     * What each {@code when} event did: its postings (type, points, the rule cited as {@code loyalty explain} cites
     * it, at file:line for a rule of the pack or {@code , engine}, and the rule's explanation of it), then every
     * other explanation of its decision with the rule that concluded it and where that rule is written (caps, risk
     * flags, tier moves, benefits, an award a cap or a block withheld entirely, so it has no posting), as
     * {@code loyalty explain} shows them: {@code p1 why: cap daily-points leaves 20000 of an award of 25007: 5007
     * withheld [rule "Awards above a cap's headroom are trimmed to the headroom" at standard:risk/caps.drl:8]}.
     */
    private static List<String> explanations(List<Decision> decisions, Map<String, String> duplicates) {
        List<String> lines = new ArrayList<>();
        for (Decision d : decisions) {
            explain(d.eventId(), d, duplicates, lines);
        }
        return lines;
    }

    /** What decision {@code d} did, each line led by {@code label} (the event's id, or asOf for time passing). */
    private static void explain(String label, Decision d, Map<String, String> duplicates, List<String> lines) {
        if (d.outcome() == Decision.Outcome.REFUSED) {
            lines.add(label + " refused: " + d.refusal().code() + " " + d.refusal().detail());
            return;
        }
        if (d.outcome() == Decision.Outcome.DUPLICATE) {
            // a duplicate carries the postings of the event that used its id first: they are not this event's
            lines.add(label + " " + DUPLICATE + ": " + duplicates.get(d.eventId()));
            return;
        }
        List<Explanation> why = new ArrayList<>(d.explanations());
        // each posting's own explanation is one of its rule's: the one with its sentence, else the rule's next
        // one (the engine words a clawback's explanation longer than its posting), so it prints once, here
        Explanation[] own = new Explanation[d.postings().size()];
        for (int i = 0; i < own.length; i++) {
            Posting p = d.postings().get(i);
            own[i] = why.stream().filter(e -> e.rule().equals(p.rule()) && e.sentence().equals(p.explanation()))
                    .findFirst().orElse(null);
            why.remove(own[i]);
        }
        for (int i = 0; i < own.length; i++) {
            Posting p = d.postings().get(i);
            if (own[i] == null) {
                own[i] = why.stream().filter(e -> e.rule().equals(p.rule())).findFirst().orElse(null);
                why.remove(own[i]);
            }
            // cited as loyalty explain cites it: at file:line for a rule of the pack, ", engine" for the engine's
            String citation = own[i] != null ? own[i].citation() : d.explanations().stream()
                    .filter(e -> e.rule().equals(p.rule())).findFirst().map(Explanation::citation)
                    .orElse("rule \"" + p.rule() + "\"");
            // an ACTIVATE or EXPIRE of time passing has no rule to cite
            lines.add(label + " " + p.type() + " " + p.points() + (p.rule().isEmpty() ? ""
                    : " [" + citation + "]") + " " + (own[i] != null ? own[i].sentence() : p.explanation()));
        }
        for (Explanation e : why) {
            lines.add(label + " why: " + e.sentence() + " [" + e.citation() + "]");
        }
    }
}

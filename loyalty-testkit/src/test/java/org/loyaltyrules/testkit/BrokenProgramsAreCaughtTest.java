package org.loyaltyrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.testkit.TestPrograms.MARCH_3;
import static org.loyaltyrules.testkit.TestPrograms.history;
import static org.loyaltyrules.testkit.TestPrograms.purchase;
import static org.loyaltyrules.testkit.TestPrograms.refund;

import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook.SkipResult;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.EarnLine;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.program.PeriodCount;
import org.loyaltyrules.core.program.PeriodCounters;
import org.loyaltyrules.core.tier.TierStatus;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.testkit.reference.ReferencePrograms;

/**
 * Each invariant fails, naming itself, the event and the numbers, for a program that breaks it. Where a rule author
 * could break it in DRL (caps switched off, a random bonus, a small-basket bonus) the broken rule is planted in a real
 * program, and the invariant is shown to fail both on a written history and on generated ones. The engine keeps the
 * others out of any DRL's reach (it runs no rules for a redemption, reads only risk flags from the rules it runs for
 * a refund, answers a known event id itself and books the ledger in core), so those checks are proven against a
 * deliberately tampered evaluation, the bug a change to the engine could bring.
 */
class BrokenProgramsAreCaughtTest {

    private static final ProgramInvariants SOUND = ProgramInvariants.of(TestPrograms.program()).monotoneInSpend(true);

    /** Generated histories of the small program; the sound program keeps every invariant on them. */
    private static List<History> generated(int count) {
        return generated(SOUND, count);
    }

    /** {@code count} generated histories of the program of {@code sound}, which keeps every invariant on them. */
    private static List<History> generated(ProgramInvariants sound, int count) {
        List<History> histories = LoyaltyArbitraries.forProgram(sound.program()).histories().sampleStream()
                .limit(count).toList();
        assertThat(histories).allSatisfy(h -> assertThat(sound.violations(h)).isEmpty());
        return histories;
    }

    private static List<Violation> violations(ProgramInvariants invariants, List<History> histories,
                                              Invariant invariant) {
        List<Violation> found = new ArrayList<>();
        histories.forEach(h -> found.addAll(invariants.violations(h, invariant)));
        return found;
    }

    // ---------------------------------------------------------------- rules a DRL author could write

    @Example
    void caps_switched_off_break_CAPS_NEVER_EXCEEDED_on_two_purchases_in_one_day() {
        // given
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("risk/caps.drl",
                TestPrograms.CAPS_SWITCHED_OFF));
        History twoPurchases = history(null, purchase("p1", MARCH_3, "200.00"),
                purchase("p2", MARCH_3.plus(Duration.ofHours(1)), "200.00"));

        // when
        InvariantViolation thrown = catchThrowableOfType(InvariantViolation.class, () -> broken.check(twoPurchases));

        // then: the breach, the rule that awarded the points (no cap rule trimmed them), the events to replay
        assertThat(thrown).hasMessage("""
                program testkit-small 1 breaks 1 invariant(s) on the history of 3 events of member m1:
                  CAPS_NEVER_EXCEEDED (caps are never exceeded) at event p2: purchase at 2025-03-03T11:00:00Z \
                (APPLIED): cap daily-points (DAY 2025-03-03, POINTS) counts 400 > limit 300 after this purchase \
                awarded 200
                    explanations[0] rule "Purchases earn base points at the program rate" \
                (standard:earning/base-earn.drl:9): base 1 per unit on eligible 200.00 = 200
                the events sent, for loyalty explain --program DIR --events FILE.jsonl --member m1:
                {"id":"m1-enrol","type":"enrollment","member":"m1","at":"2025-03-03T09:00:00Z"}
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"200.00",\
                "currency":"USD"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-03-03T11:00:00Z","amount":"200.00",\
                "currency":"USD"}""");
        assertThat(thrown.violations()).extracting(Violation::invariant).containsExactly(Invariant.CAPS_NEVER_EXCEEDED);
        SOUND.check(twoPurchases); // the standard caps.drl trims p2 to 100
    }

    @Example
    void caps_are_counted_on_the_program_s_calendar_day_so_caps_switched_off_are_caught_across_midnight_utc() {
        // given: the small program in Los Angeles (UTC-8 until 9 March); 20:00Z on 3 March and 06:00Z on 4 March are
        // both 3 March there, 01:00Z and 09:00Z on 4 March are 3 and 4 March there
        String losAngeles = TestPrograms.PROGRAM_JSON.replace("\"zone\": \"UTC\"", "\"zone\": \"America/Los_Angeles\"");
        ProgramInvariants sound = ProgramInvariants.of(Program.of(ProgramJson.parse(losAngeles, "program.json")));
        ProgramInvariants broken = ProgramInvariants.of(Program.of(ProgramJson.parse(losAngeles, "program.json"),
                Map.of("risk/caps.drl", TestPrograms.CAPS_SWITCHED_OFF)));
        History oneDayThereTwoInUtc = history(null, purchase("p1", Instant.parse("2025-03-03T20:00:00Z"), "200.00"),
                purchase("p2", Instant.parse("2025-03-04T06:00:00Z"), "200.00"));
        History twoDaysThereOneInUtc = history(null, purchase("p1", Instant.parse("2025-03-04T01:00:00Z"), "200.00"),
                purchase("p2", Instant.parse("2025-03-04T09:00:00Z"), "200.00"));

        // then: 400 on one Los Angeles day breaks the cap of 300; 200 on each of two days keeps it
        assertThat(broken.violations(oneDayThereTwoInUtc)).extracting(Violation::message).containsExactly(
                "CAPS_NEVER_EXCEEDED (caps are never exceeded) at event p2: purchase at 2025-03-04T06:00:00Z (APPLIED):"
                        + " cap daily-points (DAY 2025-03-03, POINTS) counts 400 > limit 300 after this purchase"
                        + " awarded 200");
        assertThat(sound.violations(oneDayThereTwoInUtc)).isEmpty();
        assertThat(broken.violations(twoDaysThereOneInUtc)).isEmpty();
        assertThat(sound.violations(twoDaysThereOneInUtc)).isEmpty();
    }

    @Example
    void a_violation_names_the_event_each_re_send_sent_which_the_printed_history_shows_only_as_a_pick() {
        // given: step 2 re-sends the applied event 3 modulo 2 (m1-enrol, p1), so p1
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("risk/caps.drl",
                TestPrograms.CAPS_SWITCHED_OFF));
        History resent = history(null, purchase("p1", MARCH_3, "200.00"), new Step.Resend(3),
                purchase("p2", MARCH_3.plus(Duration.ofHours(1)), "200.00"));

        // when
        InvariantViolation thrown = catchThrowableOfType(InvariantViolation.class,
                () -> broken.check(resent, Invariant.CAPS_NEVER_EXCEEDED));

        // then
        assertThat(resent.toString()).contains("\n    2: resend an earlier applied event (pick 3)\n");
        assertThat(thrown.getMessage()).startsWith("program testkit-small 1 breaks 1 invariant(s) on the history of"
                + " 4 events of member m1:\n  CAPS_NEVER_EXCEEDED (caps are never exceeded) at event p2: ").contains(
                "= 200\nthe re-sends: step 2 re-sent p1 (purchase)\nthe events sent, for loyalty explain --program DIR"
                        + " --events FILE.jsonl --member m1:\n{\"id\":\"m1-enrol\"");
        assertThat(thrown.jsonLines().lines().map(line -> line.substring(0, line.indexOf(",")))).containsExactly(
                "{\"id\":\"m1-enrol\"", "{\"id\":\"p1\"", "{\"id\":\"p1\"", "{\"id\":\"p2\"");
    }

    @Example
    void caps_switched_off_are_caught_on_generated_histories() {
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("risk/caps.drl",
                TestPrograms.CAPS_SWITCHED_OFF));

        List<Violation> found = violations(broken, generated(40), Invariant.CAPS_NEVER_EXCEEDED);

        assertThat(found).isNotEmpty().allSatisfy(v -> assertThat(v.message())
                .startsWith("CAPS_NEVER_EXCEEDED (caps are never exceeded) at event ")
                .containsPattern("cap daily-points \\(DAY \\d{4}-\\d{2}-\\d{2}, POINTS\\) counts \\d+ > limit 300"));
    }

    @Example
    void a_random_bonus_breaks_DETERMINISM_and_the_message_shows_both_draws() {
        // given: caps off, so that each draw reaches the ledger untrimmed
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("earning/lucky-draw.drl",
                TestPrograms.LUCKY_DRAW, "risk/caps.drl", TestPrograms.CAPS_SWITCHED_OFF));
        History threePurchases = history(null, purchase("p1", MARCH_3, "10.00"),
                purchase("p2", MARCH_3.plusSeconds(60), "10.00"), purchase("p3", MARCH_3.plusSeconds(120), "10.00"));

        // when
        List<Violation> found = broken.violations(threePurchases, Invariant.DETERMINISM);

        // then: the first difference of each part, with both values: 10 base points plus each draw
        Pattern message = Pattern.compile(Pattern.quote("DETERMINISM (the same state and event give equal decisions)")
                + " at event p(\\d): purchase at \\S+ \\(APPLIED\\): evaluated twice on the same state, the decisions"
                + " differ in state\\.ledger\\.lots\\[(\\d)]\\.amount: (\\d+) vs (\\d+); postings\\[1]\\.points: (\\d+)"
                + " vs (\\d+); explanations\\[1]\\.sentence: lucky draw = (\\d+) vs lucky draw = (\\d+)");
        assertThat(found).isNotEmpty().allSatisfy(v -> {
            Matcher m = message.matcher(v.message());
            assertThat(m.matches()).as(v.message()).isTrue();
            assertThat(Integer.parseInt(m.group(2))).isEqualTo(Integer.parseInt(m.group(1)) - 1); // p1's lot is [0]
            long first = Long.parseLong(m.group(5));
            long second = Long.parseLong(m.group(6));
            assertThat(first).isNotEqualTo(second);
            assertThat(List.of(m.group(3), m.group(4), m.group(7), m.group(8)))
                    .containsExactly(String.valueOf(10 + first), String.valueOf(10 + second), String.valueOf(first),
                            String.valueOf(second));
            // the explanation that differs names the planted rule and where it is written
            assertThat(v.report("")).contains("\nexplanations[1] rule \"Purchases earn a lucky-draw bonus\""
                    + " (program:earning/lucky-draw.drl:7): lucky draw = " + first);
        });
    }

    @Example
    void a_random_bonus_is_caught_on_generated_histories() {
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("earning/lucky-draw.drl",
                TestPrograms.LUCKY_DRAW));

        List<Violation> found = violations(broken, generated(20), Invariant.DETERMINISM);

        assertThat(found).isNotEmpty().allSatisfy(v -> assertThat(v.invariant()).isEqualTo(Invariant.DETERMINISM));
    }

    @Example
    void a_small_basket_bonus_breaks_MONOTONE_IN_SPEND_where_the_program_declares_it() {
        // given
        Program program = TestPrograms.program("earning/small-basket-bonus.drl", TestPrograms.SMALL_BASKET_BONUS);
        History smallBasket = history(null, purchase("p1", MARCH_3, "15.00"));

        // when
        List<Violation> declared = ProgramInvariants.of(program).monotoneInSpend(true).violations(smallBasket);
        List<Violation> undeclared = ProgramInvariants.of(program).violations(smallBasket);

        // then: the numbers, and the rule that paid the bonus, where it is written
        assertThat(declared).extracting(v -> v.report("  ")).containsExactly("""
                MONOTONE_IN_SPEND (more spend never earns fewer points) at event p1: purchase at 2025-03-03T10:00:00Z \
                (APPLIED): 15.00 USD earns 65 points, but 30.00 USD earns only 30
                  explanations[0] rule "Purchases earn base points at the program rate" \
                (standard:earning/base-earn.drl:9): base 1 per unit on eligible 15.00 = 15
                  explanations[1] rule "Small baskets earn a 50-point bonus" \
                (program:earning/small-basket-bonus.drl:6): small basket bonus = 50""");
        assertThat(declared.get(0).message()).isEqualTo("MONOTONE_IN_SPEND (more spend never earns fewer points) at"
                + " event p1: purchase at 2025-03-03T10:00:00Z (APPLIED): 15.00 USD earns 65 points, but 30.00 USD"
                + " earns only 30");
        assertThat(undeclared).isEmpty();
    }

    @Example
    void a_small_basket_bonus_breaks_MONOTONE_IN_SPEND_where_program_json_declares_it() {
        // given: the same bonus, the claim made in program.json rather than in the test
        Program program = TestPrograms.declaringMonotonicity("earning/small-basket-bonus.drl",
                TestPrograms.SMALL_BASKET_BONUS);
        History smallBasket = history(null, purchase("p1", MARCH_3, "15.00"));

        // when
        List<Violation> found = ProgramInvariants.of(program).violations(smallBasket);

        // then
        assertThat(found).extracting(Violation::message).containsExactly("MONOTONE_IN_SPEND (more spend never earns"
                + " fewer points) at event p1: purchase at 2025-03-03T10:00:00Z (APPLIED): 15.00 USD earns 65 points,"
                + " but 30.00 USD earns only 30");
        assertThat(ProgramInvariants.of(program).monotoneInSpend(false).violations(smallBasket)).isEmpty();
    }

    @Example
    void a_small_basket_bonus_is_caught_on_generated_histories() {
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("earning/small-basket-bonus.drl",
                TestPrograms.SMALL_BASKET_BONUS)).monotoneInSpend(true);

        List<Violation> found = violations(broken, generated(40), Invariant.MONOTONE_IN_SPEND);

        assertThat(found).isNotEmpty().allSatisfy(v -> assertThat(v.message())
                .startsWith("MONOTONE_IN_SPEND (more spend never earns fewer points) at event ")
                .containsPattern("earns (\\d+) points, but \\d+\\.\\d\\d USD( \\(lines [\\d., ]+\\))?"
                        + " earns only \\d+"));
    }

    @Example
    void a_bonus_on_a_band_of_amounts_breaks_MONOTONE_IN_SPEND_a_quarter_more_past_the_band() {
        // given: 25 points more from 50.00 to 60.00; one unit more stays in the band, twice the spend earns more
        Program program = TestPrograms.program("earning/band-bonus.drl", TestPrograms.BAND_BONUS);
        History band = history(null, purchase("p1", MARCH_3, "50.00"));

        // when
        List<Violation> found = ProgramInvariants.of(program).monotoneInSpend(true).violations(band);

        // then: 50.00 earns 50 + 25; 55.00 (a tenth more) 55 + 25; 62.50 (a quarter more) only 62
        assertThat(found).extracting(Violation::message).containsExactly("MONOTONE_IN_SPEND (more spend never earns"
                + " fewer points) at event p1: purchase at 2025-03-03T10:00:00Z (APPLIED): 50.00 USD earns 75 points,"
                + " but 62.50 USD earns only 62");
        assertThat(SOUND.violations(band)).isEmpty();
    }

    @Example
    void a_bonus_on_a_band_of_amounts_is_caught_on_generated_histories() {
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("earning/band-bonus.drl",
                TestPrograms.BAND_BONUS)).monotoneInSpend(true);

        List<Violation> found = violations(broken, generated(40), Invariant.MONOTONE_IN_SPEND);

        assertThat(found).isNotEmpty().allSatisfy(v -> assertThat(v.message())
                .startsWith("MONOTONE_IN_SPEND (more spend never earns fewer points) at event "));
    }

    @Example
    void a_small_line_bonus_breaks_MONOTONE_IN_SPEND_because_the_lines_grow_with_the_amount() {
        // given: the bonus reads basket lines, not the purchase's amount
        Program program = TestPrograms.program("earning/small-line-bonus.drl", TestPrograms.SMALL_LINE_BONUS);
        History smallLine = history(null, TestPrograms.oneLine("p1", MARCH_3, "9.99"));

        // when
        List<Violation> found = ProgramInvariants.of(program).monotoneInSpend(true).violations(smallLine);

        // then: one minor unit more on the amount and on its line takes the line to 10.00, past the bonus
        assertThat(found).extracting(v -> v.report("  ")).containsExactly("""
                MONOTONE_IN_SPEND (more spend never earns fewer points) at event p1: purchase at 2025-03-03T10:00:00Z \
                (APPLIED): 9.99 USD (lines 9.99) earns 39 points, but 10.00 USD (lines 10.00) earns only 10
                  explanations[0] rule "Purchases earn base points at the program rate" \
                (standard:earning/base-earn.drl:9): base 1 per unit on eligible 9.99 = 9
                  explanations[1] rule "Basket lines under 10.00 earn a 30-point bonus each" \
                (program:earning/small-line-bonus.drl:6): small line 0 = 30""");
        assertThat(SOUND.violations(smallLine)).isEmpty();
    }

    @Example
    void a_small_line_bonus_is_caught_on_generated_histories() {
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("earning/small-line-bonus.drl",
                TestPrograms.SMALL_LINE_BONUS)).monotoneInSpend(true);

        List<Violation> found = violations(broken, generated(40), Invariant.MONOTONE_IN_SPEND);

        assertThat(found).isNotEmpty().allSatisfy(v -> assertThat(v.message())
                .startsWith("MONOTONE_IN_SPEND (more spend never earns fewer points) at event ")
                .containsPattern("\\d+\\.\\d\\d USD \\(lines [\\d., ]+\\) earns (\\d+) points, but \\d+\\.\\d\\d USD"
                        + " \\(lines [\\d., ]+\\) earns only \\d+"));
    }

    @Example
    void the_events_a_violation_prints_read_back_as_the_events_the_history_sent() {
        // given: generated histories (basket lines, delivery and tax, refunds, redemptions, re-sends) that break a cap
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("risk/caps.drl",
                TestPrograms.CAPS_SWITCHED_OFF));
        EventReader reader = EventReader.forProgram(TestPrograms.program().settings());
        List<LoyaltyEvent> everySent = new ArrayList<>();
        int failed = 0;

        for (History history : generated(40)) {
            // when
            InvariantViolation thrown = catchThrowableOfType(InvariantViolation.class,
                    () -> broken.check(history, Invariant.CAPS_NEVER_EXCEEDED));
            if (thrown == null) {
                continue;
            }
            failed++;
            String message = thrown.getMessage();
            String header = "\nthe events sent, for loyalty explain --program DIR --events FILE.jsonl --member "
                    + history.member().memberId() + ":\n";
            String printed = message.substring(message.indexOf(header) + header.length());
            EventBatch readBack = reader.readJsonLines(new StringReader(printed), "violation.jsonl");

            // then: what the message prints is what the history sent, in order, and what jsonLines() gives
            List<LoyaltyEvent> sent = broken.run(history).events();
            assertThat(readBack.problems()).isEmpty();
            assertThat(readBack.events()).isEqualTo(sent);
            assertThat(thrown.jsonLines()).isEqualTo(printed + "\n");
            everySent.addAll(sent);
        }
        assertThat(failed).isPositive();
        assertThat(everySent).anyMatch(e -> e instanceof Purchase && !((Purchase) e).lines().isEmpty())
                .anyMatch(e -> e instanceof Purchase && !((Purchase) e).tax().isZero())
                .anyMatch(e -> e instanceof Refund).anyMatch(e -> e instanceof Redemption)
                .anyMatch(e -> everySent.stream().filter(e::equals).count() > 1);
    }

    // ---------------------------------------------------------------- what no DRL can break: tampered evaluations

    /** The sound program's engine, with each decision passed through {@code change} (event, decision, state given). */
    private static ProgramInvariants tampered(Change change) {
        return tampered(TestPrograms.program(), change);
    }

    /** {@code program}'s engine, with each decision passed through {@code change}. */
    private static ProgramInvariants tampered(Program program, Change change) {
        Evaluator sound = Evaluator.of(LoyaltyEngine.create(program));
        return ProgramInvariants.using(program, new Evaluator() {
            @Override
            public MemberState newMember(String memberId, java.time.Instant at) {
                return sound.newMember(memberId, at);
            }

            @Override
            public Decision apply(MemberState state, LoyaltyEvent event) {
                return change.apply(event, state, sound);
            }

            @Override
            public MemberState timePassed(MemberState state, java.time.Instant at) {
                return sound.timePassed(state, at);
            }
        });
    }

    @FunctionalInterface
    private interface Change {
        Decision apply(LoyaltyEvent event, MemberState state, Evaluator sound);
    }

    /** {@code decision} with another state, its postings extended by what that state's ledger added. */
    private static Decision withState(Decision d, MemberState state) {
        List<Posting> postings = new ArrayList<>(d.postings());
        postings.addAll(state.ledger().postingsSince(d.state().ledger()));
        return new Decision(d.programVersion(), d.eventId(), d.memberId(), d.outcome(), state, postings, d.tierMoves(),
                d.benefits(), d.capsApplied(), d.riskFlags(), d.notices(), d.explanations(), d.refusal());
    }

    /** The sound engine, but every applied event of {@code kind} also earns 25 points, from {@code rule}. */
    private static ProgramInvariants earningOn(Class<? extends LoyaltyEvent> kind, String rule, String sentence) {
        return tampered((event, state, sound) -> {
            Decision d = sound.apply(state, event);
            if (!kind.isInstance(event) || !d.isApplied()) {
                return d;
            }
            return withState(d, d.state().withLedger(d.state().ledger().earn(event.id(), event.at(), event.at(), null,
                    false, List.of(new EarnLine(rule, 25, sentence)))));
        });
    }

    @Example
    void a_refund_that_earns_a_goodwill_bonus_breaks_REFUNDS_NEVER_CREATE_POINTS() {
        ProgramInvariants broken = earningOn(Refund.class, "Refunds earn a goodwill bonus", "goodwill 25");
        History refunded = history(null, purchase("p1", MARCH_3, "100.00"),
                refund("r1", MARCH_3.plus(Duration.ofHours(1)), "p1", "40.00"));

        assertThat(broken.violations(refunded, Invariant.REFUNDS_NEVER_CREATE_POINTS)).extracting(Violation::message)
                .containsExactly(
                        "REFUNDS_NEVER_CREATE_POINTS (refunds never create points) at event r1: refund at"
                                + " 2025-03-03T11:00:00Z (APPLIED): the refund posted EARN 25",
                        "REFUNDS_NEVER_CREATE_POINTS (refunds never create points) at event r1: refund at"
                                + " 2025-03-03T11:00:00Z (APPLIED): available + pending is 85 after refunding"
                                + " 40.00 USD; time alone leaves 100, less the 40 the refund took back = 60");
        assertThat(SOUND.violations(refunded)).isEmpty();
    }

    /** The sound engine, but each refund claws back as if only 0.01 of it had been refunded (and no line named). */
    private static ProgramInvariants clawingBackACent() {
        return tampered((event, state, sound) -> sound.apply(state, event instanceof Refund r ? new Refund(r.id(),
                r.memberId(), r.at(), r.originalEventId(), TestPrograms.usd("0.01"), r.attributes(), List.of())
                : event));
    }

    @Example
    void a_refund_that_claws_back_too_little_breaks_REFUNDS_NEVER_CREATE_POINTS_once_the_purchase_is_refunded() {
        ProgramInvariants broken = clawingBackACent();
        History refunded = history(null, purchase("p1", MARCH_3, "200.00"),
                refund("r1", MARCH_3.plus(Duration.ofHours(1)), "p1", "120.00"),
                refund("r2", MARCH_3.plus(Duration.ofHours(2)), "p1", "80.00"));

        // a partial refund without lines claws back at least its share of the points, less rounding; the refund that
        // completes the purchase must leave nothing
        assertThat(broken.violations(refunded)).extracting(Violation::message).containsExactly(
                "REFUNDS_NEVER_CREATE_POINTS (refunds never create points) at event r1: refund at 2025-03-03T11:00:00Z"
                        + " (APPLIED): purchase p1 of 200.00 USD earned 200 points and is refunded 120.00 USD in part"
                        + " (r1 120.00 USD), yet its refunds clawed back 0: less than 118, the share 200 x 120.00 /"
                        + " 200.00 = 120 less rounding",
                "REFUNDS_NEVER_CREATE_POINTS (refunds never create points) at event r2: refund at 2025-03-03T12:00:00Z"
                        + " (APPLIED): purchase p1 of 200.00 USD is refunded in full (r1 120.00 USD, r2 80.00 USD),"
                        + " yet the points it earned less those its refunds clawed back are 200 - 0 = 200, not 0",
                "REFUNDS_NEVER_CREATE_POINTS (refunds never create points) at event r2: refund at 2025-03-03T12:00:00Z"
                        + " (APPLIED): purchase p1 of 200.00 USD is refunded in full (r1 120.00 USD, r2 80.00 USD),"
                        + " yet the spend growth it credited less what its refunds clawed back is 200 - 0.02 = 199.98,"
                        + " not 0");
        assertThat(SOUND.violations(refunded)).isEmpty();
    }

    @Example
    void a_partial_refund_of_a_basket_that_earned_on_a_cent_of_it_is_within_the_bound() {
        // given: 1,000 points per USD, tobacco excluded; 100.00 = tobacco 99.99 + gum 0.01 earns 10 points, and a
        // refund of 50.00 without lines gives back a share of each line to the cent: 0.00 of the gum, so nothing
        Program program = Program.of(ProgramJson.parse(TestPrograms.PROGRAM_JSON.replace("\"baseRate\": \"1\"",
                "\"baseRate\": \"1000\", \"exclusions\": {\"categories\": [\"tobacco\"]}"), "program.json"));
        History refunded = history(null, purchase("p1", MARCH_3, "100.00").withLines(List.of(
                        PurchaseLine.of("T", "tobacco", 1, TestPrograms.usd("99.99")),
                        PurchaseLine.of("G", "food", 1, TestPrograms.usd("0.01")))),
                refund("r1", MARCH_3.plus(Duration.ofHours(1)), "p1", "50.00"));

        // when
        List<Violation> found = ProgramInvariants.of(program).violations(refunded);

        // then: a share of 5 is not owed when the eligible money refunded is 0.00: the bound allows a unit of
        // eligible money per line (10 points each), not a unit of the whole purchase's
        assertThat(found).isEmpty();
    }

    @Example
    void a_refund_that_claws_back_too_little_is_caught_on_generated_histories() {
        List<Violation> found = violations(clawingBackACent(), generated(60), Invariant.REFUNDS_NEVER_CREATE_POINTS);

        assertThat(found).isNotEmpty().allSatisfy(v -> assertThat(v.message()).containsPattern(
                "\\(APPLIED\\): purchase m\\d+-p\\d+ of \\d+\\.\\d\\d USD (is refunded in full|earned \\d+ points and is"
                        + " refunded \\d+\\.\\d\\d USD in part) \\(m\\d+-r\\d+ "));
    }

    /** The sound engine, but each refund claws back as if all that is left of its purchase had been refunded. */
    private static ProgramInvariants clawingBackAll() {
        return tampered((event, state, sound) -> sound.apply(state, event instanceof Refund r
                && state.purchase(r.originalEventId()).filter(p -> p.refundable().amount().signum() > 0).isPresent()
                ? new Refund(r.id(), r.memberId(), r.at(), r.originalEventId(),
                        state.purchase(r.originalEventId()).get().refundable(), r.attributes(), List.of())
                : event));
    }

    @Example
    void a_refund_that_claws_back_too_much_breaks_REFUNDS_NEVER_CREATE_POINTS() {
        // given a refund of 1 % that takes all the purchase's points (testkit mutation audit F3: 0 of 300 histories):
        // 1000.00 earns 300 under the daily cap of 300, so the share of 10.00 is 3
        ProgramInvariants broken = clawingBackAll();
        History refunded = history(null, purchase("p1", MARCH_3, "1000.00"),
                refund("r1", MARCH_3.plus(Duration.ofHours(1)), "p1", "10.00"));

        // then: a partial refund without lines claws back at most its share of the points, plus rounding
        assertThat(broken.violations(refunded, Invariant.REFUNDS_NEVER_CREATE_POINTS)).extracting(Violation::message)
                .containsExactly("REFUNDS_NEVER_CREATE_POINTS (refunds never create points) at event r1: refund at"
                        + " 2025-03-03T11:00:00Z (APPLIED): purchase p1 of 1000.00 USD earned 300 points and is"
                        + " refunded 10.00 USD in part (r1 10.00 USD), yet its refunds clawed back 300: more than 5,"
                        + " the share 300 x 10.00 / 1000.00 = 3 plus rounding");
        assertThat(SOUND.violations(refunded)).isEmpty();
    }

    @Example
    void a_refund_that_claws_back_too_much_is_caught_on_generated_histories() {
        List<Violation> found = violations(clawingBackAll(), generated(60), Invariant.REFUNDS_NEVER_CREATE_POINTS);

        assertThat(found).isNotEmpty().anySatisfy(v -> assertThat(v.message()).contains("plus rounding"));
    }

    @Example
    void a_refund_that_frees_the_cap_of_points_the_member_spent_and_keeps_breaks_CAPS_NEVER_EXCEEDED() {
        // given: the engine as it was before the terms audit's F1: a refund gave the cap back its whole share, also
        // the part the member had redeemed and keeps (unrecovered under RECOVER_AVAILABLE)
        ProgramInvariants broken = tampered((event, state, sound) -> {
            Decision d = sound.apply(state, event);
            if (!(event instanceof Refund r) || !d.isApplied()) {
                return d;
            }
            long kept = d.state().ledger().totals().unrecovered() - state.ledger().totals().unrecovered();
            return withState(d, d.state().withCapUsage(d.state().capUsage().giveBack("daily-points",
                    org.loyaltyrules.core.program.CountingPeriod.DAY, state.purchase(r.originalEventId()).get().at(),
                    r.at(), java.time.ZoneOffset.UTC, state.membershipStart(), kept)));
        });
        // 300.00 earns the day's 300, all redeemed at once, then returned: the 300 cannot be recovered
        History spentThenReturned = history(null, purchase("p1", MARCH_3, "300.00"),
                new Step.RedeemShare("x1", MARCH_3.plus(Duration.ofMinutes(30)), 1000, ""),
                refund("r1", MARCH_3.plus(Duration.ofHours(1)), "p1", "300.00"),
                purchase("p2", MARCH_3.plus(Duration.ofHours(2)), "100.00"));

        // then: the member obtained 300 today and keeps them, so p2's 100 more exceed the cap
        assertThat(broken.violations(spentThenReturned, Invariant.CAPS_NEVER_EXCEEDED)).extracting(Violation::message)
                .containsExactly("CAPS_NEVER_EXCEEDED (caps are never exceeded) at event p2: purchase at"
                        + " 2025-03-03T12:00:00Z (APPLIED): cap daily-points (DAY 2025-03-03, POINTS) counts 400 >"
                        + " limit 300 after this purchase awarded 100");
        HistoryRun sound = SOUND.run(spentThenReturned);
        assertThat(sound.finalState().ledger().totals().unrecovered()).isEqualTo(300L);
        assertThat(sound.finalState().ledger().totals().earned()).isEqualTo(300L); // p2 earned nothing
        assertThat(SOUND.violations(spentThenReturned)).isEmpty();
    }

    @Example
    void a_redemption_that_earns_a_bonus_breaks_REDEMPTIONS_NEVER_EARN() {
        ProgramInvariants broken = earningOn(Redemption.class, "Redemptions earn a thank-you bonus", "thank-you 25");
        History redeems = history(null, purchase("p1", MARCH_3, "100.00"),
                new Step.RedeemShare("x1", MARCH_3.plus(Duration.ofDays(1)), 500, ""));

        assertThat(broken.violations(redeems)).extracting(Violation::message).containsExactly(
                "REDEMPTIONS_NEVER_EARN (redemptions never earn points) at event x1: redemption at"
                        + " 2025-03-04T10:00:00Z (APPLIED): the redemption posted EARN 25",
                "REDEMPTIONS_NEVER_EARN (redemptions never earn points) at event x1: redemption at"
                        + " 2025-03-04T10:00:00Z (APPLIED): available + pending is 75 after redeeming 50 points; time"
                        + " alone leaves 100, less the 50 redeemed = 50");
        assertThat(SOUND.violations(redeems)).isEmpty();
        assertThat(violations(broken, generated(20), Invariant.REDEMPTIONS_NEVER_EARN)).isNotEmpty()
                .allSatisfy(v -> assertThat(v.invariant()).isEqualTo(Invariant.REDEMPTIONS_NEVER_EARN));
    }

    @Example
    void a_redemption_that_resets_the_tier_breaks_NO_DEMOTION_ON_REDEMPTION() {
        ProgramInvariants broken = tampered((event, state, sound) -> {
            Decision d = sound.apply(state, event);
            return event instanceof Redemption && d.isApplied()
                    ? withState(d, d.state().withTier(TierStatus.base("member", event.at()))) : d;
        });
        History goldRedeems = history("gold", purchase("p1", MARCH_3, "100.00"),
                new Step.RedeemShare("x1", MARCH_3.plus(Duration.ofDays(1)), 500, ""));

        assertThat(broken.violations(goldRedeems)).extracting(Violation::message).containsExactly(
                "NO_DEMOTION_ON_REDEMPTION (redeeming points never demotes the member) at event x1: redemption at"
                        + " 2025-03-04T10:00:00Z (APPLIED): redeeming 75 points left the member in member; time alone"
                        + " gives gold (before: gold)");
        assertThat(SOUND.violations(goldRedeems)).isEmpty();
    }

    @Example
    void an_engine_that_forgets_processed_events_breaks_DUPLICATES_CHANGE_NOTHING() {
        ProgramInvariants broken = tampered((event, s, sound) -> sound.apply(new MemberState(s.memberId(),
                s.enrolledAt(), s.membershipStart(), s.tier(), s.growth(), s.tags(), s.attributes(), s.status(),
                s.ledger(), s.capUsage(), s.benefitUsage(), s.purchases(), s.refunds(), Set.of(), s.surveyScore(),
                s.lastEventAt()), event));
        History resent = history(null, purchase("p1", MARCH_3, "100.00"), new Step.Resend(1));

        assertThat(broken.violations(resent, Invariant.DUPLICATES_CHANGE_NOTHING)).extracting(Violation::message)
                .containsExactly("DUPLICATES_CHANGE_NOTHING (a duplicate event changes nothing) at event p1:"
                        + " purchase at 2025-03-03T10:00:00Z (APPLIED): event p1 was applied before, but re-sending it"
                        + " was answered APPLIED and awarded 100 points");
        assertThat(SOUND.violations(resent)).isEmpty();
    }

    @Example
    void a_ledger_whose_postings_disagree_with_its_lots_breaks_LEDGER_CONSERVED() {
        ProgramInvariants broken = tampered((event, state, sound) -> {
            Decision d = sound.apply(state, event);
            PointsLedger l = d.state().ledger();
            List<Posting> withoutEarn = l.postings().stream().filter(p -> p.type() != PostingType.EARN).toList();
            return new Decision(d.programVersion(), d.eventId(), d.memberId(), d.outcome(), d.state().withLedger(
                    PointsLedger.restore(l.memberId(), l.lots(), withoutEarn, l.redemptions(), l.debt(), l.totals(),
                            l.lastActivityAt().orElse(null))), d.postings(), d.tierMoves(), d.benefits(),
                    d.capsApplied(), d.riskFlags(), d.notices(), d.explanations(), d.refusal());
        });
        History onePurchase = history(null, purchase("p1", MARCH_3, "100.00"));

        assertThat(broken.violations(onePurchase)).extracting(Violation::message).containsExactly(
                "LEDGER_CONSERVED (the ledger conserves points after every decision) at event p1: purchase at"
                        + " 2025-03-03T10:00:00Z (APPLIED): the postings (ACTIVATE aside) sum to 0, + unrecovered 0 ="
                        + " 0, but available 100 + pending 0 = 100");
    }

    // ---------------------------------------------------------------- benefit quotas (jd-plus: TERM_MONTH, fees)

    /** jd-plus: 5 free-shipping coupons and 1 PLUS coupon a month of the paid term, PLUS at 198.00 CNY a year. */
    private static final Program JD_PLUS = ReferencePrograms.load("jd-plus");
    private static final ProgramInvariants SOUND_JD_PLUS = ProgramInvariants.of(JD_PLUS);

    /** jd-plus, its engine clearing the member's benefit usage before each claim: a counter that forgets. */
    private static ProgramInvariants forgettingClaims() {
        return tampered(JD_PLUS, (event, state, sound) -> sound.apply(event instanceof BenefitClaim
                ? state.withBenefitUsage(PeriodCounters.EMPTY) : state, event));
    }

    /** Member m1 of jd-plus, enrolled at {@code enrolled} (in {@code tier} when given), then {@code events}. */
    private static History jdPlusHistory(Instant enrolled, String tier, LoyaltyEvent... events) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Send(new Enrollment("m1-enrol", "m1", enrolled, tier, Map.of())));
        for (LoyaltyEvent event : events) {
            steps.add(new Step.Send(event));
        }
        return new History(new MemberProfile("m1", enrolled, tier, Map.of(), Set.of()), steps);
    }

    private static BenefitClaim claim(String id, Instant at, String benefit) {
        return new BenefitClaim(id, "m1", at, benefit, Map.of());
    }

    @Example
    void a_benefit_counter_that_forgets_breaks_BENEFIT_QUOTAS_KEPT_on_the_sixth_coupon_of_a_term_month() {
        // given: PLUS paid at 18:00 on 3 March in Shanghai, then six free-shipping coupons ten minutes apart
        List<LoyaltyEvent> events = new ArrayList<>(List.of(new MembershipFee("f1", "m1", MARCH_3,
                Money.of("198.00", "CNY"), "plus", 12, Map.of())));
        for (int i = 1; i <= 6; i++) {
            events.add(claim("c" + i, MARCH_3.plus(Duration.ofMinutes(10L * i)), "free-shipping"));
        }
        History sixCoupons = jdPlusHistory(MARCH_3.minus(Duration.ofHours(1)), null,
                events.toArray(LoyaltyEvent[]::new));

        // when
        List<Violation> found = forgettingClaims().violations(sixCoupons, Invariant.BENEFIT_QUOTAS_KEPT);

        // then: the months of the term count from the fee, so all six fall in its first month
        assertThat(found).extracting(Violation::message).containsExactly("BENEFIT_QUOTAS_KEPT (benefit quotas and"
                + " occasions are kept) at event c6: benefit_claim at 2025-03-03T11:00:00Z (APPLIED): benefit"
                + " free-shipping (TERM_MONTH T2025-03-03+0) has 6 claims granted > quota 5 with this one");
        HistoryRun sound = SOUND_JD_PLUS.run(sixCoupons);
        assertThat(sound.turns()).extracting(t -> t.event().id() + " " + t.decision().outcome()).containsExactly(
                "m1-enrol APPLIED", "f1 APPLIED", "c1 APPLIED", "c2 APPLIED", "c3 APPLIED", "c4 APPLIED", "c5 APPLIED",
                "c6 REFUSED");
        assertThat(SOUND_JD_PLUS.violations(sixCoupons)).isEmpty();
    }

    @Example
    void a_counter_keeping_only_its_latest_month_breaks_BENEFIT_QUOTAS_KEPT_for_a_member_sent_back_by_a_fee_refund() {
        // given: jd-plus scenario 06 and the engine before it (each counter kept only its latest period): PLUS assigned
        // at enrolment on 5 January (months from the 5th), 5 coupons on 12 March; PLUS bought on 20 March (its own
        // months), 5 coupons, refunded on 25 March; on 26 March the member is back in the 5 March - 5 April month
        ProgramInvariants broken = tampered(JD_PLUS, (event, state, sound) -> {
            Map<String, PeriodCount> latest = new LinkedHashMap<>();
            state.benefitUsage().counts().forEach(count -> {
                latest.remove(count.id());
                latest.put(count.id(), count);
            });
            return sound.apply(state.withBenefitUsage(new PeriodCounters(List.copyOf(latest.values()))), event);
        });
        Instant enrolled = Instant.parse("2025-01-05T02:00:00Z");
        List<LoyaltyEvent> events = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            events.add(claim("a" + i, Instant.parse("2025-03-12T0" + i + ":00:00Z"), "free-shipping"));
        }
        events.add(new MembershipFee("f1", "m1", Instant.parse("2025-03-20T02:00:00Z"), Money.of("198.00", "CNY"),
                "plus", 12, Map.of()));
        for (int i = 1; i <= 5; i++) {
            events.add(claim("b" + i, Instant.parse("2025-03-21T0" + i + ":00:00Z"), "free-shipping"));
        }
        events.add(new FeeRefund("fr1", "m1", Instant.parse("2025-03-25T02:00:00Z"), "f1", null, Map.of()));
        events.add(claim("c1", Instant.parse("2025-03-26T01:00:00Z"), "free-shipping"));
        History backInMarch = jdPlusHistory(enrolled, "plus", events.toArray(LoyaltyEvent[]::new));

        // then: the testkit counts the month of the membership start itself, and finds the sixth coupon in it
        assertThat(broken.violations(backInMarch, Invariant.BENEFIT_QUOTAS_KEPT)).extracting(Violation::message)
                .containsExactly("BENEFIT_QUOTAS_KEPT (benefit quotas and occasions are kept) at event c1:"
                        + " benefit_claim at 2025-03-26T01:00:00Z (APPLIED): benefit free-shipping"
                        + " (TERM_MONTH T2025-01-05+2) has 6 claims granted > quota 5 with this one");
        HistoryRun sound = SOUND_JD_PLUS.run(backInMarch);
        assertThat(sound.turns().get(sound.turns().size() - 1).decision().refusal()).isNotNull();
        assertThat(SOUND_JD_PLUS.violations(backInMarch)).isEmpty();
    }

    @Example
    void a_benefit_counter_that_forgets_is_caught_on_generated_histories() {
        // about one jd-plus history in eight reaches a quota (LoyaltyArbitrariesProperties)
        List<History> histories = generated(SOUND_JD_PLUS, 100);

        List<Violation> found = violations(forgettingClaims(), histories, Invariant.BENEFIT_QUOTAS_KEPT);

        assertThat(found).isNotEmpty().allSatisfy(v -> assertThat(v.message()).containsPattern(
                "^BENEFIT_QUOTAS_KEPT \\(benefit quotas and occasions are kept\\) at event m\\d+-c\\d+(-\\d)?:"
                        + " benefit_claim at \\S+ \\(APPLIED\\): benefit (free-shipping|plus-coupon) \\(TERM_MONTH"
                        + " T\\d{4}-\\d\\d-\\d\\d\\+\\d+\\) has \\d+ claims granted > quota [15] with this one$"));
    }

    private static final Program SEPHORA = ReferencePrograms.load("sephora-beauty-insider");
    private static final ProgramInvariants SOUND_SEPHORA = ProgramInvariants.of(SEPHORA);

    /** sephora-beauty-insider, its engine taking each claim's day (Los Angeles) for the member's birthday. */
    private static ProgramInvariants birthdayOnEveryClaim() {
        return tampered(SEPHORA, (event, state, sound) -> {
            if (!(event instanceof BenefitClaim)) {
                return sound.apply(state, event);
            }
            Map<String, String> attributes = new LinkedHashMap<>(state.attributes());
            attributes.put("birthday", LocalDate.ofInstant(event.at(), SEPHORA.settings().zone()).toString());
            return sound.apply(state.withAttributes(attributes), event);
        });
    }

    @Example
    void an_engine_that_grants_a_birthday_gift_outside_the_birthday_month_breaks_BENEFIT_QUOTAS_KEPT() {
        // given: a member born on 14 July enrolled on 1 March 2025; the gift (1 a year, BIRTHDAY_MONTH) claimed on
        // 10 March, 20 July and 25 July (Los Angeles)
        Instant enrolled = Instant.parse("2025-03-01T18:00:00Z");
        History history = new History(new MemberProfile("m1", enrolled, null, Map.of("birthday", "1990-07-14"),
                Set.of()), List.of(
                new Step.Send(new Enrollment("m1-enrol", "m1", enrolled, null, Map.of("birthday", "1990-07-14"))),
                new Step.Send(claim("c1", Instant.parse("2025-03-10T18:00:00Z"), "birthday-gift")),
                new Step.Send(claim("c2", Instant.parse("2025-07-20T18:00:00Z"), "birthday-gift")),
                new Step.Send(claim("c3", Instant.parse("2025-07-25T18:00:00Z"), "birthday-gift"))));

        // when
        List<Violation> found = birthdayOnEveryClaim().violations(history, Invariant.BENEFIT_QUOTAS_KEPT);

        // then: the March gift is outside the birthday month (and uses the year's gift, so July's are refused)
        assertThat(found).extracting(Violation::message).containsExactly(
                "BENEFIT_QUOTAS_KEPT (benefit quotas and occasions are kept) at event c1: benefit_claim at"
                        + " 2025-03-10T18:00:00Z (APPLIED): benefit birthday-gift (BIRTHDAY_MONTH) granted on"
                        + " 2025-03-10, outside the member's birthday 1990-07-14");
        HistoryRun sound = SOUND_SEPHORA.run(history);
        assertThat(sound.turns()).extracting(t -> t.event().id() + " " + t.decision().outcome())
                .containsExactly("m1-enrol APPLIED", "c1 REFUSED", "c2 APPLIED", "c3 REFUSED");
        assertThat(SOUND_SEPHORA.violations(history)).isEmpty();
    }

    @Example
    void an_engine_that_grants_birthday_gifts_outside_the_birthday_month_is_caught_on_generated_histories() {
        // sephora's members have a birthday 0 to 120 days after their enrolment (seven in ten), and its one benefit is
        // the birthday gift, so claims outside the month, and by members without a birthday, come in most samples
        List<History> histories = generated(SOUND_SEPHORA, 100);

        List<Violation> found = violations(birthdayOnEveryClaim(), histories, Invariant.BENEFIT_QUOTAS_KEPT);

        assertThat(found).extracting(Violation::message).anySatisfy(m -> assertThat(m).containsPattern(
                "^BENEFIT_QUOTAS_KEPT \\(benefit quotas and occasions are kept\\) at event m\\d+-c\\d+(-\\d)?:"
                        + " benefit_claim at \\S+ \\(APPLIED\\): benefit birthday-gift \\(BIRTHDAY_MONTH\\) granted"
                        + " on \\d{4}-\\d\\d-\\d\\d, outside the member's birthday \\d{4}-\\d\\d-\\d\\d$"))
                .anySatisfy(m -> assertThat(m).endsWith(", to a member without a birthday attribute"));
    }

    // ---------------------------------------------------------------- the jqwik contract itself

    /**
     * The contract for the program with caps switched off. An inner class without {@code @Group}, so jqwik never runs
     * it on its own (its run would fail, as it should); the example below calls its properties.
     */
    class CapsSwitchedOffProperties extends ProgramPropertiesContract {
        @Override
        protected Program program() {
            return TestPrograms.program("risk/caps.drl", TestPrograms.CAPS_SWITCHED_OFF);
        }
    }

    /** The contract for a program whose DRL does not compile; counts how often it is loaded. */
    class DoesNotCompileProperties extends ProgramPropertiesContract {
        int loaded;

        @Override
        protected Program program() {
            loaded++;
            return TestPrograms.program("earning/broken.drl",
                    "package org.loyaltyrules.rules.earning;\nrule \"Unfinished\" when then");
        }
    }

    /** The contract for the sound program; counts how often it is loaded. */
    class CountingProperties extends ProgramPropertiesContract {
        int loaded;

        @Override
        protected Program program() {
            loaded++;
            return TestPrograms.program();
        }
    }

    @Example
    void the_invariants_a_subclass_property_uses_are_the_ones_the_contract_compiled_once() {
        CountingProperties contract = new CountingProperties();

        ProgramInvariants first = contract.invariants();
        contract.loyaltyHistories();
        ProgramInvariants again = contract.invariants();

        assertThat(again).isSameAs(first);
        assertThat(contract.loaded).isEqualTo(1);
        assertThat(first.program().id()).isEqualTo("testkit-small");
    }

    @Example
    void a_program_that_does_not_compile_is_compiled_once_and_every_property_fails_with_that_failure() {
        DoesNotCompileProperties contract = new DoesNotCompileProperties();

        Throwable providing = catchThrowable(contract::loyaltyHistories);
        Throwable checking = catchThrowable(() -> contract.caps_are_never_exceeded(history(null)));
        Throwable again = catchThrowable(() -> contract.refunds_never_create_points(history(null)));

        assertThat(providing).isInstanceOf(ProgramException.class);
        assertThat(checking).isSameAs(providing);
        assertThat(again).isSameAs(providing);
        assertThat(contract.loaded).isEqualTo(1);
    }

    @Example
    void the_contract_property_for_caps_fails_for_a_program_with_caps_switched_off() {
        CapsSwitchedOffProperties contract = new CapsSwitchedOffProperties();
        List<History> histories = contract.loyaltyHistories().sampleStream().limit(60).toList();

        List<InvariantViolation> failures = new ArrayList<>();
        for (History history : histories) {
            try {
                contract.caps_are_never_exceeded(history);
            } catch (InvariantViolation e) {
                failures.add(e);
            }
        }

        assertThat(failures).isNotEmpty().allSatisfy(e -> assertThat(e).hasMessageStartingWith(
                "program testkit-small 1 breaks 1 invariant(s) on the ").hasMessageContaining(
                "\n  CAPS_NEVER_EXCEEDED (caps are never exceeded) at event m"));
        histories.forEach(contract::the_ledger_conserves_points_after_every_decision); // the rest still holds
    }

    /** The contract for a program whose program.json declares it monotone in spend and whose DRL breaks that. */
    class DeclaredMonotoneWithACliffProperties extends ProgramPropertiesContract {
        @Override
        protected Program program() {
            return TestPrograms.declaringMonotonicity("earning/small-basket-bonus.drl",
                    TestPrograms.SMALL_BASKET_BONUS);
        }
    }

    /** What the contract's skip hook answers for the monotonicity property of {@code contract}. */
    private static SkipResult monotonicitySkip(ProgramPropertiesContract contract) {
        PropertyLifecycleContext context = (PropertyLifecycleContext) Proxy.newProxyInstance(
                PropertyLifecycleContext.class.getClassLoader(), new Class<?>[] {PropertyLifecycleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("testInstance")) {
                        return contract;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new ProgramPropertiesContract.SkipUnlessMonotone().shouldBeSkipped(context);
    }

    @Example
    void the_contract_property_for_monotonicity_runs_and_fails_for_a_declared_program_with_a_cliff() {
        // given: audit 14 K6 inverted the skip, so no program that declares monotonicity (all ten reference programs)
        // had it checked, and no test noticed
        DeclaredMonotoneWithACliffProperties declared = new DeclaredMonotoneWithACliffProperties();
        CountingProperties undeclared = new CountingProperties();

        // when
        SkipResult declaredSkip = monotonicitySkip(declared);
        SkipResult undeclaredSkip = monotonicitySkip(undeclared);
        Throwable thrown = catchThrowable(() -> declared.more_spend_never_earns_fewer_points(
                history(null, purchase("p1", MARCH_3, "15.00"))));

        // then: run where program.json declares it, skipped with the reason where it does not; and, run, it catches
        // the small-basket bonus (15.00 earns 15 + 50, 30.00 only 30)
        assertThat(declaredSkip.isSkipped()).isFalse();
        assertThat(undeclaredSkip.isSkipped()).isTrue();
        assertThat(undeclaredSkip.reason()).contains("the program does not declare it is monotone in spend"
                + " (program.json \"declares\": {\"monotoneInSpend\": true})");
        assertThat(thrown).isInstanceOf(InvariantViolation.class).hasMessageContaining("\n  MONOTONE_IN_SPEND (more"
                + " spend never earns fewer points) at event p1: purchase at 2025-03-03T10:00:00Z (APPLIED): 15.00 USD"
                + " earns 65 points, but 30.00 USD earns only 30");
    }
}

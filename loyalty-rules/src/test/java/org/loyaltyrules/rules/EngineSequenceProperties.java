package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.LedgerTotals;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * Stateful property (issue #8): random sequences of purchases, refunds (partial, full, beyond what is left, of unknown
 * purchases), redemptions (sometimes above the available points), reversals (sometimes repeated or unknown), tier
 * reviews that move time on by up to 400 days, re-sent earlier events and reloads (alternating two program versions
 * with identical rules and numbers) are applied to one member, and after every step:
 * <ul>
 * <li>the ledger conserves points: earned + adjustedIn = available + pending + redeemed + expired + clawedBack
 *     - unrecovered + adjustedOut;</li>
 * <li>no day's EARN postings exceed the daily cap, less what refunds made that day gave back to it (semantics §9:
 *     a refund in the period of the original use lowers the usage by its share);</li>
 * <li>the tier equals a reference model's (calendar-year growth, upgrade on the crossing event, status valid to the end
 *     of the next year, review to the level the lapsed year earned); redemptions and reversals never move it;</li>
 * <li>a re-sent event is a DUPLICATE and a refused event changes nothing: the state after is the state before;</li>
 * <li>every decision names the program version loaded when it was made, and no Drools session stays open.</li>
 * </ul>
 * Tries: {@code jqwik.tries.default} (junit-platform.properties, 80 for CI); the long run in docs/reliability.md sets
 * {@code -Djqwik.tries.default=...}.
 */
class EngineSequenceProperties {

    private static final String PROGRAM = """
            {
              "id": "reliability", "version": "%s", "currency": "USD", "zone": "UTC",
              "earning": {"baseRate": "1", "tierBonus": {"silver": "20", "gold": "50", "platinum": "100"}},
              "growth": {"rates": {"growth": "1"}},
              "tiers": {
                "metric": "growth",
                "window": {"type": "CALENDAR_YEAR"},
                "validity": "END_OF_NEXT_WINDOW",
                "downgrade": "TO_EARNED_LEVEL",
                "ladder": [
                  {"id": "member", "threshold": "0"},
                  {"id": "silver", "threshold": "500"},
                  {"id": "gold", "threshold": "2000"},
                  {"id": "platinum", "threshold": "5000"}
                ]
              },
              "pendingDays": 3,
              "expiry": {"policy": "FIXED_DAYS", "days": 60},
              "risk": {"caps": [{"id": "daily-points", "period": "DAY", "measure": "POINTS", "limit": 1000}]}
            }
            """;
    private static final long DAILY_CAP = 1_000;
    private static final Currency USD = Currency.getInstance("USD");
    private static final List<String> TIERS = List.of("member", "silver", "gold", "platinum");
    private static final List<BigDecimal> THRESHOLDS = List.of(BigDecimal.ZERO, BigDecimal.valueOf(500),
            BigDecimal.valueOf(2000), BigDecimal.valueOf(5000));
    /** 17 seconds past the minute: no event ever falls exactly on a year boundary, where reviews run. */
    private static final Instant START = Instant.parse("2025-01-01T08:00:17Z");
    private static final int STEPS = 60;

    private static final Program VERSION_A = Program.of(ProgramJson.parse(PROGRAM.formatted("A"), "program.json"));
    private static final Program VERSION_B = Program.of(ProgramJson.parse(PROGRAM.formatted("B"), "program.json"));
    private static LoyaltyEngine engine;

    private static final AtomicLong SEQUENCES = new AtomicLong();
    private static final AtomicLong STEPS_RUN = new AtomicLong();
    private static final Map<String, Long> OUTCOMES = new TreeMap<>();

    private static synchronized LoyaltyEngine engine() {
        if (engine == null) {
            engine = LoyaltyEngine.create(VERSION_A);
        }
        return engine;
    }

    @Provide
    Arbitrary<ActionChain<Member>> histories() {
        return ActionChain.startWith(Member::new)
                .withAction(6, (Action.Independent<Member>) EngineSequenceProperties::purchases)
                .withAction(3, new Refunds())
                .withAction(3, new Redemptions())
                .withAction(2, new Reversals())
                .withAction(1, (Action.Independent<Member>) EngineSequenceProperties::reviews)
                .withAction(2, new Duplicates())
                .withAction(1, (Action.Independent<Member>) EngineSequenceProperties::reloads)
                .withMaxTransformations(STEPS);
    }

    @Property
    void every_step_conserves_points_respects_caps_and_tiers_and_refusals_change_nothing(
            @ForAll("histories") ActionChain<Member> chain) {
        Member end = chain
                .withInvariant("earned + adjustedIn = available + pending + redeemed + expired + clawedBack"
                        + " - unrecovered + adjustedOut", m -> {
                    PointsLedger l = m.state.ledger();
                    LedgerTotals t = l.totals();
                    assertThat(t.earned() + t.adjustedIn()).isEqualTo(l.available() + l.pending() + t.redeemed()
                            + t.expired() + t.clawedBack() - t.unrecovered() + t.adjustedOut());
                })
                .withInvariant("EARN per day - same-day refunds' share <= daily cap", m -> {
                    Map<LocalDate, Long> perDay = new HashMap<>();
                    for (Posting p : m.state.ledger().postings()) {
                        if (p.type() == PostingType.EARN) {
                            perDay.merge(LocalDate.ofInstant(p.at(), ZoneOffset.UTC), p.points(), Long::sum);
                        }
                    }
                    perDay.forEach((day, points) -> assertThat(points - m.givenBack.getOrDefault(day, 0L))
                            .as("EARN on %s less %d given back", day, m.givenBack.getOrDefault(day, 0L))
                            .isLessThanOrEqualTo(DAILY_CAP));
                })
                .withInvariant("tier = reference model", m ->
                        assertThat(m.state.tier().tierId()).as("tier after %s", m.lastKind).isEqualTo(TIERS.get(m.refRank)))
                .withInvariant("redemptions never move the tier", m -> {
                    if (m.lastKind.startsWith("redeem") || m.lastKind.startsWith("reverse")) {
                        assertThat(m.state.tier()).isEqualTo(m.before.tier());
                    }
                })
                .withInvariant("duplicates and refusals change nothing", m -> {
                    if (m.last != null && m.last.outcome() != Decision.Outcome.APPLIED) {
                        assertThat(m.state).isSameAs(m.before);
                        assertThat(m.last.state()).isEqualTo(m.before);
                        assertThat(m.last.pointsAwarded()).isZero();
                    }
                    if (m.lastKind.startsWith("resend")) {
                        assertThat(m.last.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
                    }
                    if (m.last != null && m.last.outcome() == Decision.Outcome.REFUSED) {
                        assertThat(m.last.postings()).isEmpty();
                    }
                })
                .withInvariant("the decision names the loaded program version", m -> {
                    if (m.last != null) {
                        assertThat(m.last.programVersion()).isEqualTo(m.version);
                    }
                })
                .withInvariant("no Drools session stays open", m -> assertThat(LoyaltyEngine.liveSessions()).isZero())
                .run();

        SEQUENCES.incrementAndGet();
        STEPS_RUN.addAndGet(end.steps);
        synchronized (OUTCOMES) {
            end.outcomes.forEach((k, v) -> OUTCOMES.merge(k, v, Long::sum));
        }
        Statistics.label("tier reached").collect(TIERS.get(end.maxRank));
        Statistics.label("refused").collect(end.outcomes.keySet().stream().anyMatch(k -> k.contains("REFUSED")));
    }

    @AfterContainer
    static void report() {
        System.out.printf("EngineSequenceProperties: %d sequences, %d steps, outcomes %s%n", SEQUENCES.get(),
                STEPS_RUN.get(), OUTCOMES);
    }

    // ---------------------------------------------------------------- the steps

    private static Arbitrary<Long> uniform(long min, long max) {
        return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<Transformer<Member>> purchases() {
        return Combinators.combine(uniform(100, 60_000), uniform(0, 3 * 24 * 60))
                .as((cents, gap) -> Transformer.transform("buy " + cents + "c +" + gap + "m",
                        (Member m) -> m.buy(cents, gap)));
    }

    /** Half of the redemptions ask for at most the available points, half for more. */
    private static final class Redemptions implements Action.Dependent<Member> {
        @Override
        public Arbitrary<Transformer<Member>> transformer(Member m) {
            long available = Math.max(1, m.state.pointsAvailable());
            return Arbitraries.oneOf(uniform(1, available), uniform(available + 1, available + 1_000))
                    .map(points -> Transformer.transform("redeem " + points, (Member s) -> s.redeem(points)));
        }
    }

    private static Arbitrary<Transformer<Member>> reviews() {
        return uniform(1, 400).map(days -> Transformer.transform("review +" + days + "d", (Member m) -> m.review(days)));
    }

    private static Arbitrary<Transformer<Member>> reloads() {
        return Arbitraries.just(Transformer.transform("reload", Member::reload));
    }

    /** A refund of {@code percent} % of what is left of an earlier purchase (over 100: more than is left). */
    private static final class Refunds implements Action.Dependent<Member> {
        @Override
        public Arbitrary<Transformer<Member>> transformer(Member m) {
            List<String> ids = new ArrayList<>(m.refundable.keySet());
            ids.add("p-unknown");
            return Combinators.combine(Arbitraries.of(ids), Arbitraries.of(10, 25, 50, 100, 100, 120))
                    .as((id, percent) -> Transformer.transform("refund " + percent + "% of " + id,
                            (Member s) -> s.refund(id, percent)));
        }
    }

    private static final class Reversals implements Action.Dependent<Member> {
        @Override
        public Arbitrary<Transformer<Member>> transformer(Member m) {
            List<String> ids = new ArrayList<>(m.redemptions);
            ids.add("x-unknown");
            return Arbitraries.of(ids).map(id -> Transformer.transform("reverse " + id, (Member s) -> s.reverse(id)));
        }
    }

    private static final class Duplicates implements Action.Dependent<Member> {
        @Override
        public boolean precondition(Member m) {
            return !m.applied.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Member>> transformer(Member m) {
            return Arbitraries.of(m.applied)
                    .map(e -> Transformer.transform("resend " + e.id(), (Member s) -> s.resend(e)));
        }
    }

    // ---------------------------------------------------------------- the member and the reference model

    /** The member driven through the engine, the ids later steps may refer to, and the reference tier model. */
    static final class Member {
        MemberState state = engine().newMember("m1", START);
        MemberState before = state;
        Decision last;
        String lastKind = "start";
        Instant now = START;
        int seq;
        long steps;
        String version = engine().program().settings().version();
        /** Purchase id to the amount (cents) that may still be refunded, and to its instant. */
        final Map<String, Long> refundable = new TreeMap<>();
        final Map<String, Instant> purchasedAt = new HashMap<>();
        final List<String> redemptions = new ArrayList<>();
        final List<LoyaltyEvent> applied = new ArrayList<>();
        final Map<String, Long> outcomes = new TreeMap<>();
        /** Points a refund gave back to the cap of the day it was made, when the purchase was made that day too. */
        final Map<LocalDate, Long> givenBack = new HashMap<>();

        /** Reference model: growth per calendar year, the tier's rank and the last year its status is valid. */
        final Map<Integer, BigDecimal> growth = new HashMap<>();
        int refRank;
        int refValidThrough;
        int maxRank;

        Member buy(long cents, long gapMinutes) {
            now = now.plus(Duration.ofMinutes(gapMinutes));
            String id = "p" + seq;
            BigDecimal amount = BigDecimal.valueOf(cents, 2);
            Decision d = apply("buy", Purchase.of(id, "m1", now, Money.of(amount, USD)));
            if (d.isApplied()) {
                refundable.put(id, cents);
                purchasedAt.put(id, now);
                BigDecimal credited = growthOf(d, id);
                assertThat(credited).as("growth of %s", id).isEqualByComparingTo(amount.setScale(0, RoundingMode.FLOOR));
                int year = year(now);
                BigDecimal total = growth.merge(year, credited, BigDecimal::add);
                int reached = level(total);
                if (refRank > 0 && reached == refRank || reached > refRank) {
                    refRank = reached; // an upgrade, or a requalification: valid to the end of next year
                    refValidThrough = year + 1;
                }
                maxRank = Math.max(maxRank, refRank);
            }
            return this;
        }

        Member refund(String purchase, int percent) {
            long left = refundable.getOrDefault(purchase, 10_000L);
            long cents = Math.max(1, left * percent / 100);
            Decision d = apply("refund", Refund.of("r" + seq, "m1", now, purchase, Money.of(BigDecimal.valueOf(cents, 2),
                    USD)));
            if (d.isApplied()) {
                refundable.put(purchase, left - cents);
                LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
                if (day.equals(LocalDate.ofInstant(purchasedAt.get(purchase), ZoneOffset.UTC))) {
                    // semantics §9: a refund in the period of the original use gives back to the cap what it
                    // recovered of its share (not what the member spent and keeps, unrecovered)
                    givenBack.merge(day, d.state().ledger().totals().clawedBack()
                            - before.ledger().totals().clawedBack() - (d.state().ledger().totals().unrecovered()
                            - before.ledger().totals().unrecovered()), Long::sum);
                }
                // the clawed-back growth is dated at the purchase: it lowers that year's growth, not the tier (yet)
                growth.merge(year(purchasedAt.get(purchase)), growthOf(d, d.eventId()), BigDecimal::add);
            }
            return this;
        }

        Member redeem(long points) {
            String id = "x" + seq;
            Decision d = apply("redeem", Redemption.of(id, "m1", now, points));
            if (d.isApplied()) {
                redemptions.add(id);
            }
            return this;
        }

        Member reverse(String redemption) {
            apply("reverse", new RedemptionReversal("xr" + seq, "m1", now, redemption, Map.of()));
            return this;
        }

        Member review(long days) {
            now = now.plus(Duration.ofDays(days));
            apply("review", new TierReview("tr" + seq, "m1", now, Map.of()));
            return this;
        }

        Member resend(LoyaltyEvent event) {
            apply("resend", event);
            return this;
        }

        Member reload() {
            Program next = version.equals("A") ? VERSION_B : VERSION_A;
            engine().reload(next);
            version = next.settings().version();
            before = state;
            last = null;
            lastKind = "reload";
            seq++;
            steps++;
            outcomes.merge("reload", 1L, Long::sum);
            return this;
        }

        private Decision apply(String kind, LoyaltyEvent event) {
            reviewsDueAt(event.at());
            before = state;
            last = engine().apply(state, event);
            lastKind = kind;
            seq++;
            steps++;
            outcomes.merge(kind + " " + last.outcome() + (last.refusal() == null ? "" : " " + last.refusal().code()),
                    1L, Long::sum);
            last.tierMoves().forEach(move -> outcomes.merge("tier " + move.kind(), 1L, Long::sum));
            if (last.isApplied()) {
                state = last.state();
                if (!kind.equals("resend")) {
                    applied.add(event);
                }
            }
            return last;
        }

        /** Reviews the engine runs before an event: each lapsed status falls to the level its last year earned. */
        private void reviewsDueAt(Instant at) {
            int year = year(at);
            while (refRank > 0 && refValidThrough < year) {
                int lapsedYear = refValidThrough;
                refRank = level(growth.getOrDefault(lapsedYear, BigDecimal.ZERO));
                refValidThrough = lapsedYear + 1;
            }
        }

        private static BigDecimal growthOf(Decision d, String eventId) {
            return d.state().growth().entries().stream()
                    .filter(e -> e.eventId().equals(eventId) && e.metric().equals("growth"))
                    .map(GrowthEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        private static int level(BigDecimal growth) {
            int rank = 0;
            for (int i = 0; i < THRESHOLDS.size(); i++) {
                if (growth.compareTo(THRESHOLDS.get(i)) >= 0) {
                    rank = i;
                }
            }
            return rank;
        }

        private static int year(Instant at) {
            return at.atZone(ZoneOffset.UTC).getYear();
        }

        @Override
        public String toString() {
            return "Member[now=" + now + ", tier=" + state.tier() + ", reference=" + TIERS.get(refRank) + " through "
                    + refValidThrough + ", growth=" + growth + ", available=" + state.pointsAvailable() + "]";
        }
    }
}

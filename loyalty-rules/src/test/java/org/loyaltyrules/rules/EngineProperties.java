package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;

/**
 * Invariants of the engine under the standard pack: purity, caps, monotone earning, refunds, ledger conservation
 * and replay. One program carries every feature the invariants could trip over: tier bonuses, a channel bonus, an
 * additive campaign, a minimum order, pending days, expiry and a daily points cap.
 */
class EngineProperties {

    private static final String PROGRAM = """
            {
              "id": "properties", "version": "1", "currency": "USD", "zone": "UTC",
              "earning": {
                "baseRate": "1",
                "tierBonus": {"silver": "20", "gold": "50"},
                "channelBonus": {"app": "10"},
                "campaigns": [{"id": "double-days", "name": "Double days", "from": "2025-03-10", "to": "2025-03-12",
                               "factor": "2", "mode": "ADD"}],
                "minimumOrder": "5.00"
              },
              "growth": {"rates": {"growth": "1"}},
              "tiers": {
                "metric": "growth",
                "window": {"type": "CALENDAR_YEAR"},
                "ladder": [
                  {"id": "member", "threshold": "0"},
                  {"id": "silver", "threshold": "500"},
                  {"id": "gold", "threshold": "2000"}
                ]
              },
              "pendingDays": 3,
              "expiry": {"policy": "FIXED_DAYS", "days": 20},
              "risk": {"caps": [{"id": "daily-points", "period": "DAY", "measure": "POINTS", "limit": 1000}]}
            }
            """;
    private static final long DAILY_CAP = 1_000;
    /** Two days before the campaign, so that histories and the events after them fall before, in and after it. */
    private static final Instant START = Instant.parse("2025-03-08T08:00:00Z");
    private static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final LocalDate CAMPAIGN_FROM = LocalDate.parse("2025-03-10");
    private static final LocalDate CAMPAIGN_TO = LocalDate.parse("2025-03-12");

    private static LoyaltyEngine engine;

    /** Compiled once: the pack does not change between tries, and a compile costs seconds. */
    private static synchronized LoyaltyEngine engine() {
        if (engine == null) {
            engine = Programs.engine(PROGRAM);
        }
        return engine;
    }

    // ---------------------------------------------------------------- what members do

    /** One thing a member does, {@code gapMinutes} after the previous one. */
    sealed interface Step permits Buy, GiveBack, Spend {
        long gapMinutes();
    }

    record Buy(long cents, String channel, long gapMinutes) implements Step {
    }

    /** A refund of {@code percent} % of an earlier purchase (chosen by index, modulo the purchases so far). */
    record GiveBack(int purchase, int percent, long gapMinutes) implements Step {
    }

    record Spend(long points, long gapMinutes) implements Step {
    }

    /** Uniform, not jqwik's default bias towards small numbers: gaps and amounts should spread over days and caps. */
    private static Arbitrary<Long> uniform(long min, long max) {
        return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<Long> gaps() {
        return uniform(0, 36 * 60);
    }

    private static Arbitrary<String> channels() {
        return Arbitraries.of("store", "app", "online");
    }

    /** Purchases of up to $400: a few a day stay under the daily cap, so most awards are not trimmed. */
    private static Arbitrary<Buy> buys(long minCents) {
        return Combinators.combine(uniform(minCents, 40_000), channels(), gaps()).as(Buy::new);
    }

    private static Arbitrary<Step> steps() {
        Arbitrary<GiveBack> refunds = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(1, 100), gaps()).as(GiveBack::new);
        Arbitrary<Spend> redemptions = Combinators.combine(uniform(1, 800), gaps())
                .as(Spend::new);
        return Arbitraries.frequencyOf(Tuple.of(6, buys(0)), Tuple.of(2, refunds), Tuple.of(2, redemptions));
    }

    /** The events of {@code steps} for one member, at increasing instants from {@link #START}. */
    private static List<LoyaltyEvent> events(String member, List<? extends Step> steps) {
        List<LoyaltyEvent> events = new ArrayList<>();
        List<Purchase> purchases = new ArrayList<>();
        Instant at = START;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            at = at.plus(Duration.ofMinutes(step.gapMinutes()));
            String id = member + "-e" + i;
            if (step instanceof Buy) {
                Buy buy = (Buy) step;
                Purchase purchase = Purchase.of(id, member, at, Money.ofMinor(buy.cents(), Money.currency("USD")))
                        .withChannel(buy.channel());
                purchases.add(purchase);
                events.add(purchase);
            } else if (step instanceof GiveBack && !purchases.isEmpty()) {
                GiveBack refund = (GiveBack) step;
                Purchase original = purchases.get(refund.purchase() % purchases.size());
                BigDecimal amount = original.amount().amount().multiply(BigDecimal.valueOf(refund.percent()))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.FLOOR).max(new BigDecimal("0.01"));
                events.add(Refund.of(id, member, at, original.id(), Money.of(amount, Money.currency("USD"))));
            } else if (step instanceof Spend) {
                events.add(Redemption.of(id, member, at, ((Spend) step).points()));
            }
        }
        return events;
    }

    /** Applies events in order, keeping the state of every applied event; returns every decision. */
    private static List<Decision> applyAll(MemberState initial, List<LoyaltyEvent> events) {
        List<Decision> decisions = new ArrayList<>();
        MemberState state = initial;
        for (LoyaltyEvent event : events) {
            Decision decision = engine().apply(state, event);
            decisions.add(decision);
            state = decision.state();
        }
        return decisions;
    }

    private static MemberState stateAfter(String member, List<LoyaltyEvent> history) {
        List<Decision> decisions = applyAll(null, history);
        return decisions.isEmpty() ? engine().newMember(member, START) : decisions.get(decisions.size() - 1).state();
    }

    private static Instant lastInstant(List<LoyaltyEvent> events) {
        return events.isEmpty() ? START : events.get(events.size() - 1).at();
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return steps().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Step>> longerHistories() {
        return steps().list().ofMinSize(1).ofMaxSize(12);
    }

    // ---------------------------------------------------------------- purity

    @Property(tries = 60)
    void sameStateAndSameEventGiveEqualDecisions(@ForAll("longerHistories") List<Step> steps) {
        // given: the last event of the history is the one decided twice
        List<LoyaltyEvent> events = events("m1", steps);
        if (events.isEmpty()) {
            return; // only a refund with nothing to refund: no event at all
        }
        MemberState state = stateAfter("m1", events.subList(0, events.size() - 1));
        LoyaltyEvent event = events.get(events.size() - 1);

        // when
        Decision first = engine().apply(state, event);
        Decision second = engine().apply(state, event);

        // then
        Statistics.label("event").collect(event.type());
        assertThat(second).isEqualTo(first);
    }

    // ---------------------------------------------------------------- caps

    /** Purchases on up to three days, in time order. */
    @Provide
    Arbitrary<List<Purchase>> purchasesOnFewDays() {
        Arbitrary<Purchase> purchase = Combinators.combine(Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 24 * 60 - 1), uniform(100, 60_000),
                        channels())
                .as((day, minute, cents, channel) -> Purchase.of("p", "m1",
                        Instant.parse("2025-03-09T00:00:00Z").plus(Duration.ofDays(day).plusMinutes(minute)),
                        Money.ofMinor(cents, Money.currency("USD"))).withChannel(channel));
        return purchase.list().ofMinSize(1).ofMaxSize(8).map(list -> {
            List<Purchase> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(Purchase::at));
            List<Purchase> numbered = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                Purchase p = sorted.get(i);
                numbered.add(Purchase.of("p" + i, p.memberId(), p.at(), p.amount()).withChannel(p.channel()));
            }
            return numbered;
        });
    }

    @Property(tries = 120)
    void pointsAwardedInADayNeverExceedTheDailyCap(@ForAll("purchasesOnFewDays") List<Purchase> purchases) {
        // when
        List<Decision> decisions = applyAll(null, new ArrayList<>(purchases));

        // then
        Map<LocalDate, Long> perDay = new TreeMap<>();
        boolean trimmed = false;
        for (int i = 0; i < decisions.size(); i++) {
            perDay.merge(LocalDate.ofInstant(purchases.get(i).at(), ZoneOffset.UTC), decisions.get(i).pointsAwarded(),
                    Long::sum);
            trimmed |= !decisions.get(i).capsApplied().isEmpty();
        }
        Statistics.label("cap").collect(trimmed ? "trimmed" : "untouched")
                .coverage(c -> c.check("trimmed").percentage(p -> p >= 10));
        assertThat(perDay.values()).allSatisfy(points -> assertThat(points).isLessThanOrEqualTo(DAILY_CAP));
    }

    // ---------------------------------------------------------------- monotone earning

    /** A member's history and two amounts of one purchase made after it, {@code low <= high}. */
    record SpendPair(List<Step> history, long low, long high, String channel, long gapMinutes) {
    }

    @Provide
    Arbitrary<SpendPair> spendPairs() {
        Arbitrary<Long> cents = uniform(0, 90_000);
        return Combinators.combine(histories(), cents, cents, channels(), uniform(0, 3 * 24 * 60))
                .as((history, a, b, channel, gap) -> new SpendPair(history, Math.min(a, b), Math.max(a, b), channel,
                        gap));
    }

    @Property(tries = 80)
    void moreEligibleSpendNeverEarnsFewerPoints(@ForAll("spendPairs") SpendPair given) {
        // given
        List<LoyaltyEvent> history = events("m1", given.history());
        MemberState state = stateAfter("m1", history);
        Instant at = lastInstant(history).plus(Duration.ofMinutes(given.gapMinutes()));
        Purchase low = Purchase.of("x", "m1", at, Money.ofMinor(given.low(), Money.currency("USD")))
                .withChannel(given.channel());
        Purchase high = Purchase.of("x", "m1", at, Money.ofMinor(given.high(), Money.currency("USD")))
                .withChannel(given.channel());

        // when
        long lowPoints = engine().apply(state, low).pointsAwarded();
        Decision highDecision = engine().apply(state, high);
        long highPoints = highDecision.pointsAwarded();

        // then
        LocalDate date = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Statistics.label("campaign").collect(!date.isBefore(CAMPAIGN_FROM) && !date.isAfter(CAMPAIGN_TO))
                .coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("tier").collect(state.tier().tierId());
        Statistics.label("high amount").collect(highDecision.capsApplied().isEmpty() ? "untouched" : "capped");
        assertThat(lowPoints).isLessThanOrEqualTo(highPoints);
    }

    // ---------------------------------------------------------------- refunds

    /** A member's history, a purchase after it and a full refund of that purchase {@code refundGapMinutes} later. */
    record FullRefund(List<Step> history, Buy purchase, long refundGapMinutes) {
    }

    @Provide
    Arbitrary<FullRefund> fullRefunds() {
        return Combinators.combine(histories(), buys(1), uniform(0, 5 * 24 * 60))
                .as(FullRefund::new);
    }

    @Property(tries = 80)
    void refundingAWholePurchaseRestoresPointsAndGrowth(@ForAll("fullRefunds") FullRefund given) {
        // given
        List<LoyaltyEvent> history = events("m1", given.history());
        MemberState before = stateAfter("m1", history);
        Instant boughtAt = lastInstant(history).plus(Duration.ofMinutes(given.purchase().gapMinutes()));
        Instant refundedAt = boughtAt.plus(Duration.ofMinutes(given.refundGapMinutes()));
        Purchase purchase = Purchase.of("bought", "m1", boughtAt,
                Money.ofMinor(given.purchase().cents(), Money.currency("USD"))).withChannel(given.purchase().channel());
        Refund refund = Refund.of("returned", "m1", refundedAt, "bought", purchase.amount());

        // when
        List<Decision> decisions = applyAll(before, List.of(purchase, refund));
        MemberState after = decisions.get(1).state();

        // then: as if the purchase had never happened, time having passed all the same
        MemberState untouched = engine().reviewTiers(List.of(before), refundedAt).get(0).state();
        Statistics.label("refund").collect(decisions.get(0).pointsAwarded() == 0 ? "nothing earned"
                        : refundedAt.isBefore(boughtAt.plus(Duration.ofDays(3))) ? "while pending" : "after pending")
                .coverage(c -> {
                    c.check("while pending").percentage(p -> p >= 10);
                    c.check("after pending").percentage(p -> p >= 10);
                });
        assertThat(decisions).allSatisfy(d -> assertThat(d.isApplied()).isTrue());
        assertThat(after.pointsAvailable() + after.pointsPending())
                .isEqualTo(untouched.pointsAvailable() + untouched.pointsPending());
        assertThat(after.growth().total("growth", YEAR_START, refundedAt))
                .isEqualByComparingTo(untouched.growth().total("growth", YEAR_START, refundedAt));
    }

    // ---------------------------------------------------------------- ledger

    @Property(tries = 50)
    void everyDecisionStateKeepsTheLedgerConserved(@ForAll("longerHistories") List<Step> steps) {
        // when
        List<Decision> decisions = applyAll(null, events("m1", steps));

        // then
        for (Decision decision : decisions) {
            Statistics.label("outcome").collect(decision.outcome());
            assertThat(decision.state().ledger().isConserved())
                    .as("ledger after %s: %s", decision.eventId(), decision.state().ledger()).isTrue();
        }
    }

    // ---------------------------------------------------------------- replay

    @Provide
    Arbitrary<List<LoyaltyEvent>> eventsOfSeveralMembers() {
        return Combinators.combine(histories(), histories(), histories()).as((a, b, c) -> {
            List<LoyaltyEvent> events = new ArrayList<>(events("m1", a));
            events.addAll(events("m2", b));
            events.addAll(events("m3", c));
            return events;
        });
    }

    @Property(tries = 30)
    void replayingTheSameEventsTwiceGivesIdenticalResults(@ForAll("eventsOfSeveralMembers") List<LoyaltyEvent> events) {
        ReplayResult first = engine().replay(events);
        ReplayResult second = engine().replay(events);

        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 30)
    void replayingEveryEventTwiceGivesTheSameFinalStates(@ForAll("eventsOfSeveralMembers") List<LoyaltyEvent> events) {
        // given
        List<LoyaltyEvent> duplicated = new ArrayList<>();
        for (LoyaltyEvent event : events) {
            duplicated.add(event);
            duplicated.add(event);
        }

        // when
        ReplayResult once = engine().replay(events);
        ReplayResult twice = engine().replay(duplicated);

        // then
        assertThat(twice.members()).isEqualTo(once.members());
        assertThat(twice.postings()).isEqualTo(once.postings());
        assertThat(twice.duplicates()).isEqualTo(once.eventsApplied());
    }
}

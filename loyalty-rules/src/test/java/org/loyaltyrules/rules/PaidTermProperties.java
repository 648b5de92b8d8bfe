package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;

/**
 * Paying for a tier never leaves a member below a member who did not pay (docs/semantics.md §14, item 6): the same
 * purchases and refunds, with and without a membership fee (and its refund), under programs that sell a tier members
 * can also earn, compared after every term has ended: the payer holds at least the non-payer's tier, and an earned
 * status of the same tier at least as long.
 */
class PaidTermProperties {

    private static final Instant JOINED = Instant.parse("2025-01-10T10:00:00Z");
    private static final List<Instant> CHECKS = List.of(Instant.parse("2027-11-01T00:00:00Z"),
            Instant.parse("2028-03-01T00:00:00Z"), Instant.parse("2028-09-01T00:00:00Z"),
            Instant.parse("2029-02-01T00:00:00Z"));
    private static final Map<String, LoyaltyEngine> ENGINES = new ConcurrentHashMap<>();

    /** The ways a ladder of member, silver (800) and gold (1,500) can be reviewed, with one tier sold. */
    record Variant(String window, String validity, int graceDays, String downgrade, String sold, int termMonths,
                   String silverKeep, String goldKeep) {

        LoyaltyEngine engine() {
            String json = """
                    {
                      "id": "paid-properties", "version": "1", "currency": "USD", "zone": "UTC",
                      "earning": {"baseRate": "1", "tierBonus": {"silver": "20", "gold": "50"}},
                      "tiers": {
                        "metric": "spend", "window": %s, "validity": "%s", "graceDays": %d, "downgrade": "%s",
                        "ladder": [{"id": "member"}, {"id": "silver", "threshold": "800", "keep": "%s"},
                                   {"id": "gold", "threshold": "1500", "keep": "%s"}]
                      },
                      "membership": {"plans": [{"tier": "silver", "price": "99.00", "termMonths": %d},
                                               {"tier": "gold", "price": "199.00", "termMonths": %d}]}
                    }
                    """.formatted(window, validity, graceDays, downgrade, silverKeep, goldKeep, termMonths, termMonths);
            return ENGINES.computeIfAbsent(json, Programs::engine);
        }
    }

    record Bought(int day, int amount, Integer refundedAfterDays) {
    }

    record Fee(int day, Integer refundedAfterDays, Integer secondAfterDays, boolean secondOtherTier) {
    }

    @Provide
    Arbitrary<Variant> variants() {
        return Combinators.combine(
                Arbitraries.of("{\"type\": \"CALENDAR_YEAR\"}", "{\"type\": \"ROLLING_MONTHS\", \"months\": 12}"),
                Arbitraries.of("END_OF_WINDOW", "END_OF_NEXT_WINDOW"), Arbitraries.of(0, 30, 120),
                Arbitraries.of("ONE_STEP", "TO_EARNED_LEVEL"), Arbitraries.of("silver", "gold"),
                Arbitraries.of(6, 12, 24), Arbitraries.of("800", "500"), Arbitraries.of("1500", "1000"))
                .as(Variant::new);
    }

    @Provide
    Arbitrary<List<Bought>> purchases() {
        Arbitrary<Integer> refund = Arbitraries.integers().between(1, 120).injectNull(0.7);
        return Combinators.combine(Arbitraries.integers().between(0, 800),
                Arbitraries.integers().between(1, 17).map(n -> n * 100), refund).as(Bought::new).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Fee> fees() {
        return Combinators.combine(Arbitraries.integers().between(0, 700),
                Arbitraries.integers().between(1, 300).injectNull(0.6),
                Arbitraries.integers().between(1, 250).injectNull(0.6), Arbitraries.of(true, false)).as(Fee::new);
    }

    @Property(tries = 2000)
    void a_member_who_paid_never_ends_below_one_who_did_not(@ForAll("variants") Variant variant,
                                                            @ForAll("purchases") List<Bought> purchases,
                                                            @ForAll("fees") Fee fee) {
        LoyaltyEngine engine = variant.engine();
        List<LoyaltyEvent> shared = new ArrayList<>();
        for (int i = 0; i < purchases.size(); i++) {
            Bought b = purchases.get(i);
            Instant at = JOINED.plus(Duration.ofDays(b.day())).plusSeconds(i);
            shared.add(Purchase.of("p" + i, "m1", at, Money.of(b.amount() + ".00", "USD")));
            if (b.refundedAfterDays() != null) {
                shared.add(Refund.of("r" + i, "m1", at.plus(Duration.ofDays(b.refundedAfterDays())), "p" + i,
                        Money.of(b.amount() + ".00", "USD")));
            }
        }
        List<LoyaltyEvent> paying = new ArrayList<>(shared);
        Instant paidAt = JOINED.plus(Duration.ofDays(fee.day())).plusSeconds(30);
        paying.add(new MembershipFee("f1", "m1", paidAt, price(variant.sold()), variant.sold(),
                variant.termMonths(), Map.of()));
        if (fee.secondAfterDays() != null) {
            String tier = fee.secondOtherTier() ? (variant.sold().equals("gold") ? "silver" : "gold") : variant.sold();
            paying.add(new MembershipFee("f2", "m1", paidAt.plus(Duration.ofDays(fee.secondAfterDays())), price(tier),
                    tier, variant.termMonths(), Map.of()));
        }
        if (fee.refundedAfterDays() != null) {
            paying.add(new FeeRefund("fr1", "m1", paidAt.plus(Duration.ofDays(fee.refundedAfterDays())), "f1", null,
                    Map.of()));
        }

        MemberState payer = replay(engine, paying);
        MemberState nonPayer = replay(engine, shared);

        // every event comes before the first check (the latest, a fee refund, by 2027-10-07)
        assertThat(payer.lastEventAt()).isBefore(CHECKS.get(0));
        Statistics.collect(variant.sold(), payer.fees().size() + " fees applied");
        for (Instant check : CHECKS) {
            TierStatus paid = engine.reviewTiers(List.of(payer), check).get(0).state().tier();
            TierStatus unpaid = engine.reviewTiers(List.of(nonPayer), check).get(0).state().tier();
            int paidRank = engine.program().settings().ladder().rank(paid.tierId());
            int unpaidRank = engine.program().settings().ladder().rank(unpaid.tierId());
            assertThat(paidRank).as("on %s the payer holds %s, the non-payer %s", check, paid, unpaid)
                    .isGreaterThanOrEqualTo(unpaidRank);
            if (paidRank == unpaidRank && paid.source() == TierSource.EARNED && unpaid.source() == TierSource.EARNED) {
                assertThat(paid.validUntil()).as("on %s the payer holds %s, the non-payer %s", check, paid, unpaid)
                        .isAfterOrEqualTo(unpaid.validUntil());
            }
        }
    }

    private static Money price(String tier) {
        return Money.of(tier.equals("gold") ? "199.00" : "99.00", "USD");
    }

    /** The member after {@code events} in time order, with the enrolment first; a refused event changes nothing. */
    private static MemberState replay(LoyaltyEngine engine, List<LoyaltyEvent> events) {
        List<LoyaltyEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(LoyaltyEvent::at));
        MemberState state = engine.apply(null, new Enrollment("e0", "m1", JOINED, null, Map.of())).state();
        for (LoyaltyEvent event : ordered) {
            Decision d = engine.apply(state, event);
            Assume.that(d.isApplied() || !(event instanceof Purchase || event instanceof Refund));
            state = d.state();
        }
        return state;
    }
}

package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.examples.programs.StandardRules.BASE;
import static org.loyaltyrules.examples.programs.StandardRules.TIER_BONUS;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.facts.BenefitGrant;
import org.loyaltyrules.rules.facts.CapApplied;

/** programs/retail-basic: the terms are in its README.md; every expected number is worked out by hand beside it. */
class RetailBasicScenariosTest {

    private static LoyaltyEngine engine;

    @BeforeAll
    static void load() {
        engine = Member.engine("retail-basic");
    }

    @Test
    void a_purchase_earns_one_point_per_dollar_rounded_down_and_stays_pending_for_fourteen_days() {
        Member m = Member.of(engine, "r1");

        Decision d = m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "120.50"));

        assertThat(d.pointsAwarded()).isEqualTo(120L); // 120.50 x 1 = 120.5, FLOOR -> 120
        assertThat(d.postings()).extracting("type", "points", "rule")
                .containsExactly(tuple(PostingType.EARN, 120L, BASE));
        assertThat(m.pending()).isEqualTo(120L);
        assertThat(m.available()).isZero();

        m.reviewAt("2025-03-17T09:59:59Z"); // 1 second before 03-03 10:00 + 14 days
        assertThat(m.pending()).isEqualTo(120L);
        Decision activation = m.reviewAt("2025-03-17T10:00:00Z"); // 03-03 10:00 + 14 days
        assertThat(m.available()).isEqualTo(120L);
        assertThat(m.pending()).isZero();
        assertThat(activation.postings()).extracting("type", "points")
                .containsExactly(tuple(PostingType.ACTIVATE, 120L));
    }

    @Test
    void the_purchase_crossing_a_threshold_upgrades_and_later_purchases_earn_the_tier_bonus_rounded_per_award() {
        Member m = Member.of(engine, "r2");

        Decision first = m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "600.00"));
        assertThat(first.pointsAwarded()).isEqualTo(600L); // 600 x 1; bonus of the tier held before: member 0 %
        assertThat(first.tierChange()).hasValueSatisfying(move -> {
            assertThat(move.from()).isEqualTo("member");
            assertThat(move.to()).isEqualTo("silver"); // growth 600 >= 500
            assertThat(move.kind()).isEqualTo("UPGRADE");
        });

        Decision silver = m.apply(m.usd("p2", "2025-03-04T10:00:00Z", "100.00"));
        assertThat(silver.postings()).extracting("points", "rule")
                .containsExactly(tuple(100L, BASE), tuple(20L, TIER_BONUS)); // 100; 20 % of 100 = 20
        assertThat(silver.pointsAwarded()).isEqualTo(120L);

        Decision toGold = m.apply(m.usd("p3", "2025-03-05T10:00:00Z", "1300.00"));
        assertThat(toGold.pointsAwarded()).isEqualTo(1_560L); // still silver: 1300 + 20 % x 1300 = 1300 + 260
        assertThat(m.tier()).isEqualTo("gold"); // growth 600 + 100 + 1300 = 2000 >= 2000

        Decision gold = m.apply(m.usd("p4", "2025-03-06T10:00:00Z", "10.99"));
        // PER_AWARD: base 10.99 -> 10, bonus 50 % x 10.99 = 5.495 -> 5; 15 (rounding the total 16.485 would give 16)
        assertThat(gold.postings()).extracting("points", "rule")
                .containsExactly(tuple(10L, BASE), tuple(5L, TIER_BONUS));
        assertThat(gold.pointsAwarded()).isEqualTo(15L);
    }

    @Test
    void the_daily_cap_trims_awards_to_twenty_thousand_points_a_day_and_resets_the_next_day() {
        Member m = Member.of(engine, "r3");

        Decision big = m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "25000.00"));
        assertThat(big.pointsAwarded()).isEqualTo(20_000L); // 25,000 x 1 = 25,000, cap 20,000 -> 5,000 withheld
        assertThat(big.capsApplied()).containsExactly(new CapApplied("daily-points", 20_000L, 5_000L));
        assertThat(m.tier()).isEqualTo("platinum"); // growth is not capped: 25,000 >= 5,000

        Decision sameDay = m.apply(m.usd("p2", "2025-03-03T15:00:00Z", "100.00"));
        assertThat(sameDay.pointsAwarded()).isZero(); // platinum 100 + 100 % = 200, headroom 20,000 - 20,000 = 0
        assertThat(sameDay.capsApplied()).containsExactly(new CapApplied("daily-points", 0L, 200L));

        Decision nextDay = m.apply(m.usd("p3", "2025-03-04T10:00:00Z", "100.00"));
        assertThat(nextDay.pointsAwarded()).isEqualTo(200L); // new day: 100 + 100 % x 100
        assertThat(nextDay.capsApplied()).isEmpty();
    }

    @Test
    void the_eleventh_purchase_within_an_hour_puts_the_member_under_review_and_its_points_are_held_until_release() {
        Member m = Member.of(engine, "r4");
        for (int i = 0; i < 10; i++) { // 10:00, 10:05, ..., 10:45: ten purchases are allowed
            Decision d = m.apply(m.usd("p" + i, "2025-03-03T10:%02d:00Z".formatted(i * 5), "10.00"));
            assertThat(d.riskFlags()).isEmpty();
        }

        Decision eleventh = m.apply(m.usd("p10", "2025-03-03T10:50:00Z", "10.00"));

        // purchases in (09:50, 10:50]: 11 > maxPurchases 10
        assertThat(eleventh.riskFlags()).extracting("code").containsExactly("VELOCITY");
        assertThat(m.state().status()).isEqualTo(MemberStatus.UNDER_REVIEW);
        assertThat(eleventh.pointsAwarded()).isEqualTo(10L); // credited, but held
        assertThat(m.state().ledger().held()).isEqualTo(10L);
        assertThat(m.pending()).isEqualTo(110L); // 11 x 10, all inside the 14-day return window

        m.apply(new Adjustment("release", m.id(), Member.instant("2025-03-20T09:00:00Z"), 0,
                "velocity checked: office order", MemberStatus.ACTIVE, Map.of()));
        assertThat(m.state().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(m.state().ledger().held()).isZero();
        assertThat(m.available()).isEqualTo(110L); // every lot's 14 days ended by 03-17 10:50
    }

    @Test
    void refunding_over_half_of_ninety_days_purchases_claws_back_in_proportion_and_puts_the_member_under_review() {
        Member m = Member.of(engine, "r5");
        m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "200.00")); // 200 points, pending

        Decision refund = m.apply(Refund.of("x1", m.id(), Member.instant("2025-03-05T10:00:00Z"), "p1",
                Member.money("120.00", "USD")));

        assertThat(refund.postings()).extracting("type", "points")
                .containsExactly(tuple(PostingType.CLAWBACK, -120L)); // 200 x 120 / 200 = 120
        assertThat(m.pending()).isEqualTo(80L); // 200 - 120
        assertThat(refund.riskFlags()).extracting("code").containsExactly("REFUND_RATIO"); // 120 / 200 = 0.6 > 0.5
        assertThat(m.state().status()).isEqualTo(MemberStatus.UNDER_REVIEW);
    }

    @Test
    void refunding_exactly_half_is_not_above_the_ratio_and_the_member_stays_active() {
        Member m = Member.of(engine, "r6");
        m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "200.00"));

        Decision refund = m.apply(Refund.of("x1", m.id(), Member.instant("2025-03-05T10:00:00Z"), "p1",
                Member.money("100.00", "USD")));

        assertThat(refund.postings()).extracting("points").containsExactly(-100L); // 200 x 100 / 200
        assertThat(refund.riskFlags()).isEmpty(); // 100 / 200 = 0.5, not above 0.5
        assertThat(m.state().status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void points_expire_at_the_end_of_the_next_calendar_year() {
        Member m = Member.of(engine, "r7");
        m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "300.00"));

        m.reviewAt("2026-12-31T23:59:59Z");
        assertThat(m.available()).isEqualTo(300L); // earned 2025: kept through 31 Dec 2026
        Decision expiry = m.reviewAt("2027-01-01T00:00:00Z");

        assertThat(m.available()).isZero();
        assertThat(expiry.postings()).extracting("type", "points").containsExactly(tuple(PostingType.EXPIRE, -300L));
        assertThat(m.state().ledger().totals().expired()).isEqualTo(300L);
    }

    @Test
    void status_lapses_at_the_anniversary_and_after_thirty_days_grace_drops_one_step_per_review() {
        Member m = Member.of(engine, "r8");
        m.apply(Enrollment.of("e1", m.id(), Member.instant("2025-01-10T12:00:00Z"))); // anniversary: 10 January
        m.apply(m.usd("p1", "2025-02-01T12:00:00Z", "5000.00"));
        assertThat(m.tier()).isEqualTo("platinum"); // 5,000 >= 5,000; valid until the anniversary 2026-01-10

        // the 12 months before 2026-01-10 hold 5,000 growth: renewed at the review (2026-01-10 + 30 days grace)
        m.reviewAt("2026-02-09T00:00:00Z");
        assertThat(m.tier()).isEqualTo("platinum");
        assertThat(m.state().tier().validUntil()).isEqualTo(Member.instant("2027-01-10T00:00:00Z"));

        // in the grace period after 2027-01-10 the member keeps platinum and is warned
        Decision inGrace = m.apply(m.usd("p2", "2027-01-20T12:00:00Z", "10.00"));
        assertThat(inGrace.pointsAwarded()).isEqualTo(20L); // platinum: 10 + 100 % x 10
        assertThat(inGrace.notices()).extracting("code").containsExactly("DOWNGRADE_WARNING");
        m.reviewAt("2027-02-08T23:59:59Z");
        assertThat(m.tier()).isEqualTo("platinum");

        // growth in (2026-01-10, 2027-01-10] is 0 -> earned member, but ONE_STEP: platinum -> gold
        Decision review = m.reviewAt("2027-02-09T00:00:00Z"); // 2027-01-10 + 30 days
        assertThat(review.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("platinum", "gold", "DOWNGRADE"));
        assertThat(m.tier()).isEqualTo("gold");

        // next review: growth in (2027-01-10, 2028-01-10] is 10 < 500 -> one more step: gold -> silver
        m.reviewAt("2028-02-09T00:00:00Z");
        assertThat(m.tier()).isEqualTo("silver");
        m.reviewAt("2029-02-09T00:00:00Z");
        assertThat(m.tier()).isEqualTo("member");
    }

    @Test
    void gold_members_get_two_free_deliveries_a_month_and_a_third_claim_is_refused() {
        Member m = Member.of(engine, "r9");
        Decision toGold = m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "2000.00")); // growth 2,000 -> gold
        assertThat(toGold.benefits()).extracting("benefitId", "outcome")
                .containsExactly(tuple("free-delivery", "UNLOCKED"));

        m.apply(new BenefitClaim("c1", m.id(), Member.instant("2025-03-10T10:00:00Z"), "free-delivery", Map.of()));
        m.apply(new BenefitClaim("c2", m.id(), Member.instant("2025-03-20T10:00:00Z"), "free-delivery", Map.of()));
        Decision third = m.attempt(new BenefitClaim("c3", m.id(), Member.instant("2025-03-31T10:00:00Z"),
                "free-delivery", Map.of()));

        assertThat(third.refusal()).isEqualTo(new Refusal("BENEFIT_REFUSED",
                "free-delivery: quota of 2 per month is used up"));
        assertThat(third.benefits()).containsExactly(BenefitGrant.refused("free-delivery",
                "quota of 2 per month is used up"));
        Decision april = m.apply(new BenefitClaim("c4", m.id(), Member.instant("2025-04-01T10:00:00Z"),
                "free-delivery", Map.of()));
        assertThat(april.benefits()).extracting("outcome").containsExactly("GRANTED"); // a new month, a new quota
    }

    @Test
    void silver_members_have_no_free_delivery() {
        Member m = Member.of(engine, "r10");
        m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "500.00")); // growth 500 -> silver

        Decision claim = m.attempt(new BenefitClaim("c1", m.id(), Member.instant("2025-03-10T10:00:00Z"),
                "free-delivery", Map.of()));

        assertThat(claim.refusal())
                .isEqualTo(new Refusal("BENEFIT_REFUSED", "free-delivery: not a benefit of tier silver"));
    }

    @Test
    void a_same_day_refund_gives_back_daily_cap_headroom_in_proportion() {
        Member m = Member.of(engine, "r11");
        m.apply(m.usd("p1", "2025-03-03T10:00:00Z", "25000.00")); // 20,000 after the cap; platinum

        Decision refund = m.apply(Refund.of("x1", m.id(), Member.instant("2025-03-03T12:00:00Z"), "p1",
                Member.money("5000.00", "USD")));
        assertThat(refund.postings()).extracting("points").containsExactly(-4_000L); // 20,000 x 5,000 / 25,000

        Decision within = m.apply(m.usd("p2", "2025-03-03T15:00:00Z", "1000.00"));
        assertThat(within.pointsAwarded()).isEqualTo(2_000L); // 1,000 + 100 % = 2,000 <= headroom 4,000
        assertThat(within.capsApplied()).isEmpty();
        Decision over = m.apply(m.usd("p3", "2025-03-03T16:00:00Z", "1500.00"));
        assertThat(over.pointsAwarded()).isEqualTo(2_000L); // 1,500 + 1,500 = 3,000, headroom 4,000 - 2,000 = 2,000
        assertThat(over.capsApplied()).containsExactly(new CapApplied("daily-points", 2_000L, 1_000L));
    }
}

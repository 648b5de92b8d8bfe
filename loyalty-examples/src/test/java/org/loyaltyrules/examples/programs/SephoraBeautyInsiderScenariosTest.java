package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.examples.programs.StandardRules.BASE;
import static org.loyaltyrules.examples.programs.StandardRules.CAMPAIGN_REPLACING_BASE;
import static org.loyaltyrules.examples.programs.StandardRules.REDEEM;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;

/**
 * programs/sephora-beauty-insider (zone America/Los_Angeles): the terms are in its README.md; every expected number is
 * worked out by hand beside it. Purchases are dated 20:00Z (midday in California) unless a test is about the zone.
 */
class SephoraBeautyInsiderScenariosTest {

    private static LoyaltyEngine engine;

    @BeforeAll
    static void load() {
        engine = Member.engine("sephora-beauty-insider");
    }

    @Test
    void insiders_earn_one_point_per_dollar_rounded_down() {
        Member m = Member.of(engine, "se1");

        Decision d = m.apply(m.usd("p1", "2025-03-03T20:00:00Z", "42.50"));

        assertThat(d.postings()).extracting("points", "rule").containsExactly(tuple(42L, BASE)); // 42.50 -> 42
        assertThat(m.tier()).isEqualTo("insider");
    }

    @Test
    void three_hundred_fifty_dollars_spent_in_a_year_reach_vib_and_one_thousand_reach_rouge() {
        Member m = Member.of(engine, "se2");
        m.apply(m.usd("p1", "2025-03-03T20:00:00Z", "300.00"));
        assertThat(m.tier()).isEqualTo("insider"); // 300 < 350

        Decision vib = m.apply(m.usd("p2", "2025-04-03T20:00:00Z", "50.00"));
        assertThat(vib.tierMoves()).extracting("from", "to").containsExactly(tuple("insider", "vib")); // 300 + 50 = 350
        assertThat(vib.pointsAwarded()).isEqualTo(50L); // 1 point per $, whatever the tier

        Decision rouge = m.apply(m.usd("p3", "2025-05-03T20:00:00Z", "650.00"));
        assertThat(rouge.tierMoves()).extracting("from", "to")
                .containsExactly(tuple("vib", "rouge")); // 350 + 650 = 1,000
        assertThat(m.available()).isEqualTo(1_000L); // 300 + 50 + 650
    }

    @Test
    void spend_reaching_vib_in_cents_is_told_as_spend_reaching_it_in_whole_dollars_is() {
        // given: one member spends 350.00 at once, another 349.99 and then 0.01
        Member whole = Member.of(engine, "se2w");
        Member cents = Member.of(engine, "se2c");
        Decision atOnce = whole.apply(whole.usd("w1", "2025-12-01T20:00:00Z", "350.00"));
        cents.apply(cents.usd("x1", "2025-12-01T20:00:00Z", "349.99"));

        // when
        Decision lastCent = cents.apply(cents.usd("x2", "2025-12-01T20:01:00Z", "0.01"));

        // then: both reach vib with spend 350, written alike (the sum in cents used to read "spend 350.00")
        assertThat(atOnce.tierMoves()).extracting("reason")
                .containsExactly("spend 350 in window reaches vib threshold 350");
        assertThat(lastCent.tierMoves()).extracting("reason")
                .containsExactly("spend 350 in window reaches vib threshold 350");
    }

    @Test
    void during_the_savings_event_points_are_two_three_or_four_times_base_by_tier() {
        Member insider = Member.of(engine, "se3");
        Member vib = Member.of(engine, "se4");
        vib.apply(vib.usd("q1", "2025-02-01T20:00:00Z", "350.00")); // vib
        Member rouge = Member.of(engine, "se5");
        rouge.apply(rouge.usd("q1", "2025-02-01T20:00:00Z", "1000.00")); // rouge

        Decision i = insider.apply(insider.usd("p1", "2025-11-05T20:00:00Z", "100.00"));
        Decision v = vib.apply(vib.usd("p1", "2025-11-05T20:00:00Z", "100.00"));
        Decision r = rouge.apply(rouge.usd("p1", "2025-11-05T20:00:00Z", "100.00"));

        // REPLACE: factor x base, shown as base + (factor - 1) x base
        assertThat(i.postings()).extracting("points", "rule")
                .containsExactly(tuple(100L, BASE), tuple(100L, CAMPAIGN_REPLACING_BASE)); // 2 x 100 = 200
        assertThat(i.pointsAwarded()).isEqualTo(200L);
        assertThat(v.pointsAwarded()).isEqualTo(300L); // 3 x 100
        assertThat(r.pointsAwarded()).isEqualTo(400L); // 4 x 100
        assertThat(r.explanations()).extracting("rule").contains(CAMPAIGN_REPLACING_BASE);
    }

    @Test
    void the_savings_event_runs_from_the_first_to_the_eleventh_of_november_in_california_time() {
        Member m = Member.of(engine, "se6");

        Decision before = m.apply(m.usd("p1", "2025-11-01T06:30:00Z", "100.00")); // 10-31 23:30 PDT
        Decision first = m.apply(m.usd("p2", "2025-11-01T07:30:00Z", "100.00")); // 11-01 00:30 PDT
        Decision last = m.apply(m.usd("p3", "2025-11-12T07:30:00Z", "100.00")); // 11-11 23:30 PST
        Decision after = m.apply(m.usd("p4", "2025-11-12T08:30:00Z", "100.00")); // 11-12 00:30 PST

        assertThat(before.pointsAwarded()).isEqualTo(100L); // 1 x 100
        assertThat(first.pointsAwarded()).isEqualTo(200L); // insider 2 x 100
        // spend so far 300 < 350: still insider on the last day
        assertThat(last.pointsAwarded()).isEqualTo(200L);
        assertThat(after.pointsAwarded()).isEqualTo(100L); // spend 400 made the member vib, but the event is over
    }

    @Test
    void five_hundred_points_redeem_for_ten_dollars_off_and_redeeming_never_changes_the_tier() {
        Member m = Member.of(engine, "se7");
        m.apply(m.usd("p1", "2025-03-03T20:00:00Z", "600.00")); // 600 points, vib (600 >= 350)

        Decision redeem = m.apply(new Redemption("x1", m.id(), Member.instant("2025-03-10T20:00:00Z"), 500,
                "$10 off", Map.of()));

        assertThat(redeem.postings()).extracting("type", "points", "rule").containsExactly(
                tuple(PostingType.REDEEM, -500L, REDEEM));
        assertThat(m.available()).isEqualTo(100L); // 600 - 500
        assertThat(m.tier()).isEqualTo("vib");
        Decision again = m.attempt(new Redemption("x2", m.id(), Member.instant("2025-03-11T20:00:00Z"), 500,
                "$10 off", Map.of()));
        assertThat(again.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS", "requested 500, available 100"));
    }

    @Test
    void status_earned_in_one_year_is_kept_through_the_next_and_then_follows_that_year_spend() {
        Member m = Member.of(engine, "se8");
        m.apply(m.usd("p1", "2025-03-03T20:00:00Z", "1000.00")); // rouge, earned in 2025
        m.apply(m.usd("p2", "2026-03-03T20:00:00Z", "400.00")); // 2026 spend: 400 = vib level

        m.reviewAt("2027-01-01T07:59:59Z"); // 2026-12-31 23:59:59 PST
        assertThat(m.tier()).isEqualTo("rouge");
        Decision review = m.reviewAt("2027-01-01T08:00:00Z");

        assertThat(review.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("rouge", "vib", "DOWNGRADE"));
    }

    @Test
    void a_refund_takes_back_its_points_but_does_not_demote_before_the_review() {
        Member m = Member.of(engine, "se9");
        m.apply(m.usd("p1", "2025-03-03T20:00:00Z", "350.00")); // 350 points, vib

        Decision refund = m.apply(Refund.of("x1", m.id(), Member.instant("2025-03-10T20:00:00Z"), "p1",
                Member.money("100.00", "USD")));

        assertThat(refund.postings()).extracting("points").containsExactly(-100L); // 350 x 100 / 350
        assertThat(m.available()).isEqualTo(250L);
        assertThat(m.tier()).isEqualTo("vib"); // spend now 250 < 350, but tiers only drop at a review
    }

    @Test
    void points_expire_eighteen_months_after_the_last_purchase_or_redemption() {
        Member idle = Member.of(engine, "se9");
        idle.apply(idle.usd("p1", "2025-01-15T20:00:00Z", "100.00")); // 100; noon Pacific

        Decision back = idle.apply(idle.usd("p2", "2026-07-16T20:00:00Z", "10.00"));

        // 2025-01-15 12:00 PST + 18 months = 2026-07-15 12:00 PDT = 19:00Z, before this purchase
        assertThat(back.postings()).extracting("eventId", "at", "type", "points").containsExactly(
                tuple("p1", Member.instant("2026-07-15T19:00:00Z"), PostingType.EXPIRE, -100L),
                tuple("p2", Member.instant("2026-07-16T20:00:00Z"), PostingType.EARN, 10L));
        assertThat(idle.available()).isEqualTo(10L);

        Member active = Member.of(engine, "se10");
        active.apply(active.usd("p1", "2025-01-15T20:00:00Z", "600.00")); // 600
        active.apply(Redemption.of("x1", active.id(), Member.instant("2026-07-14T20:00:00Z"), 500)); // a day early
        // the redemption restarts the 18 months: deadline 2028-01-14 13:00 PST (21:00Z)
        Decision later = active.apply(active.usd("p2", "2028-01-13T20:00:00Z", "5.00"));

        assertThat(later.postings()).extracting("type").containsExactly(PostingType.EARN);
        assertThat(active.available()).isEqualTo(105L); // 600 - 500 + 5
    }
}


package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.examples.programs.StandardRules.BASE;
import static org.loyaltyrules.examples.programs.StandardRules.MILESTONE;
import static org.loyaltyrules.examples.programs.StandardRules.SPECIAL_RATE;
import static org.loyaltyrules.examples.programs.StandardRules.TIER_BONUS;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * programs/hilton-honors (zone America/New_York): the terms are in its README.md; every expected number is worked
 * out by hand beside it. Stays are dated 17:00Z (midday in New York).
 */
class HiltonHonorsScenariosTest {

    private static LoyaltyEngine engine;

    @BeforeAll
    static void load() {
        engine = Member.engine("hilton-honors");
    }

    @ParameterizedTest(name = "a {1} USD {0} stay earns {2}")
    @CsvSource({
            "home2,    200.00, 1000, special", // 200 x 5
            "tru,       99.99,  499, special", // 99.99 x 5 = 499.95, FLOOR -> 499
            "homewood, 200.00, 1000, special", // 200 x 5 (halved from 10)
            "spark,     99.99,  499, special", // 99.99 x 5 = 499.95, FLOOR -> 499
            "livsmart, 300.00,  900, special", // 300 x 3
            "hampton,  200.00, 2000, base"     // 200 x 10
    })
    void each_brand_earns_its_base_points_per_dollar(String brand, String amount, long points, String rate) {
        Member m = Member.of(engine, "h1-" + brand);

        Decision stay = m.apply(m.stay("s1", "2026-02-02T17:00:00Z", amount, brand, 2));

        assertThat(stay.postings()).extracting("points", "rule")
                .containsExactly(tuple(points, rate.equals("base") ? BASE : SPECIAL_RATE));
        assertThat(m.tier()).isEqualTo("member"); // 2 nights < 10
    }

    @Test
    void gold_members_earn_an_eighty_percent_bonus_on_base_points_whatever_the_brand_rate() {
        Member m = Member.of(engine, "h2");
        Decision qualifying = m.apply(m.stay("s1", "2026-01-10T17:00:00Z", "2500.00", "hampton", 25));
        assertThat(qualifying.pointsAwarded()).isEqualTo(25_000L); // 2,500 x 10; still member during this stay
        assertThat(qualifying.tierChange()).hasValueSatisfying(t -> assertThat(t.to()).isEqualTo("gold")); // 25 nights

        Decision hilton = m.apply(m.stay("s2", "2026-02-10T17:00:00Z", "300.00", "hilton", 1));
        Decision home2 = m.apply(m.stay("s3", "2026-02-12T17:00:00Z", "150.00", "home2", 1));

        assertThat(hilton.postings()).extracting("points", "rule")
                .containsExactly(tuple(3_000L, BASE), tuple(2_400L, TIER_BONUS)); // 300 x 10; 80 % x 3,000
        assertThat(hilton.pointsAwarded()).isEqualTo(5_400L);
        assertThat(home2.postings()).extracting("points", "rule")
                .containsExactly(tuple(750L, SPECIAL_RATE), tuple(600L, TIER_BONUS)); // 150 x 5; 80 % x 750
    }

    @Test
    void forty_nights_earn_a_milestone_then_every_ten_nights_again_and_sixty_nights_a_one_off_thirty_thousand() {
        Member m = Member.of(engine, "h3");
        m.apply(m.stay("s1", "2026-01-10T17:00:00Z", "3800.00", "hampton", 38)); // 38,000; gold (38 >= 25)

        Decision forty = m.apply(m.stay("s2", "2026-03-01T17:00:00Z", "300.00", "hampton", 3));
        // nights 38 -> 41 crosses 40: base 3,000 + gold 80 % 2,400 + milestone 10,000
        assertThat(forty.postings()).extracting("points", "rule").containsExactly(
                tuple(3_000L, BASE), tuple(2_400L, TIER_BONUS), tuple(10_000L, MILESTONE));
        assertThat(forty.pointsAwarded()).isEqualTo(15_400L);
        assertThat(forty.explanations()).extracting("rule").contains(MILESTONE);

        Decision fifty = m.apply(m.stay("s3", "2026-04-01T17:00:00Z", "900.00", "hampton", 9));
        // 41 -> 50 crosses 50: base 9,000 + gold (held during the stay) 7,200 + 10,000
        assertThat(fifty.pointsAwarded()).isEqualTo(26_200L);
        assertThat(m.tier()).isEqualTo("diamond"); // 50 >= 50

        Decision sixty = m.apply(m.stay("s4", "2026-05-01T17:00:00Z", "1000.00", "hampton", 10));
        // 50 -> 60: every-10 again 10,000 and the one-off 30,000; base 10,000 + diamond 100 % 10,000
        assertThat(sixty.pointsAwarded()).isEqualTo(60_000L);

        Decision sixtyFive = m.apply(m.stay("s5", "2026-06-01T17:00:00Z", "500.00", "hampton", 5));
        assertThat(sixtyFive.pointsAwarded()).isEqualTo(10_000L); // 60 -> 65 no milestone: 5,000 + 100 % 5,000
        Decision seventy = m.apply(m.stay("s6", "2026-07-01T17:00:00Z", "500.00", "hampton", 5));
        assertThat(seventy.pointsAwarded()).isEqualTo(20_000L); // 65 -> 70: 5,000 + 5,000 + 10,000 (never 30,000 again)
        assertThat(m.available()).isEqualTo(169_600L); // 38,000 + 15,400 + 26,200 + 60,000 + 10,000 + 20,000
    }

    @Test
    void one_long_stay_crossing_several_milestones_earns_each_of_them() {
        Member m = Member.of(engine, "h4");
        m.apply(m.stay("s1", "2026-01-10T17:00:00Z", "3800.00", "hampton", 38)); // gold

        Decision longStay = m.apply(m.stay("s2", "2026-02-01T17:00:00Z", "2400.00", "hampton", 24));

        // 38 -> 62 passes 40, 50 and 60: 3 x 10,000, plus 30,000 at 60; base 24,000 + gold 80 % 19,200
        assertThat(longStay.postings()).extracting("points", "rule").containsExactly(
                tuple(24_000L, BASE), tuple(19_200L, TIER_BONUS),
                tuple(30_000L, MILESTONE), tuple(30_000L, MILESTONE));
        assertThat(longStay.pointsAwarded()).isEqualTo(103_200L);
        assertThat(m.tier()).isEqualTo("diamond"); // 62 >= 50
    }

    @Test
    void status_lasts_through_the_end_of_the_next_year_and_then_drops_to_what_that_year_earned() {
        Member m = Member.of(engine, "h5");
        m.apply(m.stay("s1", "2026-06-15T17:00:00Z", "2500.00", "hampton", 25)); // gold, earned in 2026
        // validity: end of 2026 + the whole of 2027 -> lapses 2028-01-01 00:00 New York = 05:00Z
        assertThat(m.state().tier().validUntil()).isEqualTo(Member.instant("2028-01-01T05:00:00Z"));

        Decision in2027 = m.apply(m.stay("s2", "2027-03-10T17:00:00Z", "1200.00", "hampton", 12));
        assertThat(in2027.pointsAwarded()).isEqualTo(21_600L); // still gold in 2027: 12,000 + 80 % 9,600
        m.reviewAt("2028-01-01T04:59:59Z");
        assertThat(m.tier()).isEqualTo("gold");

        Decision review = m.reviewAt("2028-01-01T05:00:00Z");

        // 2027 earned 12 nights: >= silver 10, < gold 25 -> TO_EARNED_LEVEL: silver, kept through 2028
        assertThat(review.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("gold", "silver", "DOWNGRADE"));
        assertThat(m.state().tier().validUntil()).isEqualTo(Member.instant("2029-01-01T05:00:00Z"));
        m.reviewAt("2029-01-01T05:00:00Z"); // 2028: 0 nights
        assertThat(m.tier()).isEqualTo("member");
    }

    @Test
    void diamond_reserve_is_assigned_not_earned_earns_one_hundred_twenty_percent_and_is_never_reviewed() {
        Member m = Member.of(engine, "h6");
        Decision enrolment = m.apply(new Enrollment("e1", m.id(), Member.instant("2026-01-05T17:00:00Z"),
                "diamond_reserve", Map.of()));
        assertThat(enrolment.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("member", "diamond_reserve", "MANUAL"));

        Decision stay = m.apply(m.stay("s1", "2026-01-20T17:00:00Z", "100.00", "hampton", 1));
        assertThat(stay.postings()).extracting("points", "rule")
                .containsExactly(tuple(1_000L, BASE), tuple(1_200L, TIER_BONUS)); // 100 x 10; 120 % x 1,000

        m.reviewAt("2028-06-01T12:00:00Z"); // no nights in 2027: an assigned tier is a floor
        assertThat(m.tier()).isEqualTo("diamond_reserve");
    }

    @Test
    void an_assigned_diamond_reserve_ends_when_the_till_assigns_the_base_tier_and_the_year_s_nights_decide() {
        Member m = Member.of(engine, "h10");
        m.apply(new Enrollment("e1", m.id(), Member.instant("2026-01-05T17:00:00Z"), "diamond_reserve", Map.of()));
        m.apply(m.stay("s1", "2026-02-05T17:00:00Z", "1200.00", "hampton", 12));

        // the README's way to end an assignment Hilton does not renew: assign the base tier at the year's end
        Decision end = m.apply(new Enrollment("e2", m.id(), Member.instant("2026-12-31T17:00:00Z"), "member",
                Map.of()));

        // 12 nights in 2026 reach silver (10), which the member now holds as earned
        assertThat(end.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("diamond_reserve", "silver", "MANUAL"));
        Decision next = m.apply(m.stay("s2", "2027-02-05T17:00:00Z", "100.00", "hampton", 1));
        assertThat(next.postings()).extracting("points", "rule")
                .containsExactly(tuple(1_000L, BASE), tuple(200L, TIER_BONUS)); // silver 20 %, not 120 %
    }

    @Test
    void a_partial_refund_of_a_stay_takes_back_its_share_of_points_but_no_night_stayed() {
        Member m = Member.of(engine, "h11");
        m.apply(m.stay("s1", "2026-01-10T17:00:00Z", "2200.00", "hampton", 22)); // silver
        m.apply(m.stay("s2", "2026-02-10T17:00:00Z", "300.00", "hampton", 2)); // 3,000 + 20 % 600 = 3,600

        // half the folio refunded (a rate adjustment): refunds.partialRefundsKeep ["nights"]
        Decision refund = m.apply(Refund.of("r2", m.id(), Member.instant("2026-02-20T17:00:00Z"), "s2",
                Money.of("150.00", "USD")));
        Decision crossing = m.apply(m.stay("s3", "2026-03-10T17:00:00Z", "100.00", "hampton", 1));
        Decision april = m.apply(m.stay("s4", "2026-04-10T17:00:00Z", "100.00", "hampton", 1));

        // 3,600 x 150 / 300 = 1,800 back; the 2 nights stayed still count
        assertThat(refund.postings()).extracting("points").containsExactly(-1_800L);
        assertThat(refund.postings().get(0).explanation()).isEqualTo("refund of 150.00 USD of purchase s2"
                + " (300.00 USD) claws back 1800 of 3600 points; growth nights 2 kept (a partial refund)");
        // 22 + 2 + 1 = 25 nights: gold on 10 March, so April earns gold's 80 %
        assertThat(crossing.tierMoves()).extracting("from", "to").containsExactly(tuple("silver", "gold"));
        assertThat(april.postings()).extracting("points", "rule")
                .containsExactly(tuple(1_000L, BASE), tuple(800L, TIER_BONUS));

        // the rest of the folio refunded: the stay is cancelled, its nights go with the rest of its points
        Decision rest = m.apply(Refund.of("r3", m.id(), Member.instant("2026-04-20T17:00:00Z"), "s2",
                Money.of("150.00", "USD")));
        assertThat(rest.postings().get(0).explanation()).isEqualTo("refund of 150.00 USD of purchase s2"
                + " (300.00 USD) claws back 1800 of 3600 points and growth nights 2 of 2");
        assertThat(m.tier()).isEqualTo("gold"); // a refund never demotes before the review
    }

    @Test
    void a_hundred_nights_reach_diamond_but_never_diamond_reserve() {
        Member m = Member.of(engine, "h7");

        m.apply(m.stay("s1", "2026-01-10T17:00:00Z", "10000.00", "hampton", 100));

        assertThat(m.tier()).isEqualTo("diamond"); // 100 nights: the highest reachable tier
    }

    @Test
    void milestones_count_only_the_nights_of_the_current_calendar_year() {
        Member m = Member.of(engine, "h8");
        m.apply(m.stay("s1", "2026-12-01T17:00:00Z", "3800.00", "hampton", 38)); // 38 nights in 2026: gold

        Decision january = m.apply(m.stay("s2", "2027-01-20T17:00:00Z", "300.00", "hampton", 3));

        // 2027 window: 3 nights, no milestone; gold (earned 2026) still pays 80 %: 3,000 + 2,400
        assertThat(january.postings()).extracting("points", "rule")
                .containsExactly(tuple(3_000L, BASE), tuple(2_400L, TIER_BONUS));
    }

    @Test
    void requalifying_in_the_next_year_extends_status_through_the_year_after() {
        Member m = Member.of(engine, "h9");
        m.apply(m.stay("s1", "2026-06-15T17:00:00Z", "2500.00", "hampton", 25)); // gold until 2028-01-01 (New York)

        Decision again = m.apply(m.stay("s2", "2027-06-15T17:00:00Z", "2500.00", "hampton", 25));
        assertThat(again.pointsAwarded()).isEqualTo(45_000L); // 25,000 + 80 % x 25,000 = 20,000

        // 25 nights in 2027 requalify: kept through 2028, reviewed 2029-01-01 00:00 New York
        assertThat(m.state().tier().validUntil()).isEqualTo(Member.instant("2029-01-01T05:00:00Z"));
        Decision firstOfJanuary = m.reviewAt("2028-01-01T05:00:00Z");
        assertThat(firstOfJanuary.tierMoves()).isEmpty();
        assertThat(m.tier()).isEqualTo("gold");
    }
}

package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.examples.programs.StandardRules.BASE;
import static org.loyaltyrules.examples.programs.StandardRules.SPECIAL_RATE;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;

/**
 * programs/starbucks-rewards-2025 (zone America/Los_Angeles): the terms are in its README.md; every expected number is
 * worked out by hand beside it. Purchases are dated 19:00Z (late morning in Seattle).
 */
class StarbucksRewards2025ScenariosTest {

    private static LoyaltyEngine engine;

    @BeforeAll
    static void load() {
        engine = Member.engine("starbucks-rewards-2025");
    }

    private static Purchase storedValue(Purchase purchase) {
        return purchase.withAttributes(Map.of("payment", "stored_value"));
    }

    @Test
    void stored_value_payments_earn_two_stars_per_dollar_and_other_payments_one() {
        Member m = Member.of(engine, "s25a");

        Decision card = m.apply(m.usd("p1", "2025-03-15T19:00:00Z", "10.50").withAttributes(Map.of("payment", "card")));
        Decision stored = m.apply(storedValue(m.usd("p2", "2025-03-16T19:00:00Z", "10.50")));

        assertThat(card.postings()).extracting("points", "rule").containsExactly(tuple(10L, BASE)); // 10.50 -> 10
        assertThat(stored.postings()).extracting("points", "rule")
                .containsExactly(tuple(21L, SPECIAL_RATE)); // 2 x 10.50
        assertThat(m.tier()).isEqualTo("green");
    }

    @Test
    void stars_expire_at_the_end_of_the_sixth_month_after_the_month_they_were_earned_in() {
        Member m = Member.of(engine, "s25b");
        m.apply(m.usd("p1", "2025-03-15T19:00:00Z", "42.00")); // 42 stars earned in March

        m.reviewAt("2025-10-01T06:59:59Z"); // 2025-09-30 23:59:59 in Seattle (PDT, -7): end of September
        assertThat(m.available()).isEqualTo(42L);
        Decision expiry = m.reviewAt("2025-10-01T07:00:00Z"); // March + 6 months = September, so gone on 1 October

        assertThat(expiry.postings()).extracting("type", "points").containsExactly(tuple(PostingType.EXPIRE, -42L));
        assertThat(m.available()).isZero();
    }

    @Test
    void redemptions_spend_the_soonest_expiring_stars_first() {
        Member m = Member.of(engine, "s25c");
        m.apply(storedValue(m.usd("p1", "2025-03-15T19:00:00Z", "10.50"))); // 21 stars, expire after September
        m.apply(m.usd("p2", "2025-04-20T19:00:00Z", "10.00")); // 10 stars, expire after October

        Decision redeem = m.apply(new Redemption("x1", m.id(), Member.instant("2025-05-01T19:00:00Z"), 25,
                "handcrafted drink", Map.of()));
        assertThat(redeem.postings()).extracting("type", "points").containsExactly(tuple(PostingType.REDEEM, -25L));
        assertThat(m.available()).isEqualTo(6L); // 21 + 10 - 25: the March lot is empty, April keeps 10 - 4 = 6

        Decision october = m.reviewAt("2025-10-01T07:00:00Z");
        assertThat(october.postings()).isEmpty(); // the March lot was spent first: nothing left to expire
        Decision november = m.reviewAt("2025-11-01T07:00:00Z"); // April + 6 = October, gone on 1 November
        assertThat(november.postings()).extracting("type", "points").containsExactly(tuple(PostingType.EXPIRE, -6L));
        assertThat(m.available()).isZero();
    }

    @Test
    void a_redemption_beyond_the_available_stars_is_refused_and_changes_nothing() {
        Member m = Member.of(engine, "s25d");
        m.apply(m.usd("p1", "2025-03-15T19:00:00Z", "24.99")); // 24 stars

        Decision refused = m.attempt(Redemption.of("x1", m.id(), Member.instant("2025-03-16T19:00:00Z"), 25));

        assertThat(refused.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS", "requested 25, available 24"));
        assertThat(refused.postings()).isEmpty();
        assertThat(m.available()).isEqualTo(24L);
    }
}

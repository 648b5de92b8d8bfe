package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.examples.programs.StandardRules.BASE;
import static org.loyaltyrules.examples.programs.StandardRules.SPECIAL_RATE;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.Problem;

/**
 * programs/starbucks-rewards, the 2026 tiers (zone America/Los_Angeles): the terms are in its README.md; every
 * expected number is worked out by hand beside it. Purchases are dated 19:00Z (late morning in Seattle).
 */
class StarbucksRewardsScenariosTest {

    private static LoyaltyEngine engine;

    @BeforeAll
    static void load() {
        engine = Member.engine("starbucks-rewards");
    }

    @Test
    void green_members_earn_one_star_per_dollar_rounded_down_per_purchase() {
        Member m = Member.of(engine, "sb1");

        Decision latte = m.apply(m.usd("p1", "2026-03-10T19:00:00Z", "7.45"));

        assertThat(latte.postings()).extracting("points", "rule").containsExactly(tuple(7L, BASE)); // 7.45 -> 7
        assertThat(m.tier()).isEqualTo("green");
    }

    @Test
    void five_hundred_stars_in_a_year_reach_gold_which_earns_one_point_two_stars_per_dollar() {
        Member m = Member.of(engine, "sb2");
        m.apply(m.usd("p1", "2026-03-10T19:00:00Z", "499.99")); // 499.99 x 1 -> 499 stars

        Decision fiveHundred = m.apply(m.usd("p2", "2026-03-11T19:00:00Z", "1.00")); // +1 = 500 stars
        assertThat(fiveHundred.tierMoves()).extracting("from", "to").containsExactly(tuple("green", "gold"));

        Decision gold = m.apply(m.usd("p3", "2026-03-12T19:00:00Z", "7.45"));
        assertThat(gold.postings()).extracting("points", "rule")
                .containsExactly(tuple(8L, SPECIAL_RATE)); // 7.45 x 1.2 = 8.94 -> 8
    }

    @Test
    void two_thousand_five_hundred_stars_reach_reserve_which_earns_one_point_seven_stars_per_dollar() {
        Member m = Member.of(engine, "sb3");
        m.apply(m.usd("p1", "2026-03-10T19:00:00Z", "500.00")); // 500 stars -> gold

        Decision toReserve = m.apply(m.usd("p2", "2026-04-10T19:00:00Z", "1666.67"));
        assertThat(toReserve.pointsAwarded()).isEqualTo(2_000L); // gold: 1,666.67 x 1.2 = 2,000.004 -> 2,000
        assertThat(toReserve.tierMoves()).extracting("from", "to").containsExactly(tuple("gold", "reserve")); // 2,500

        Decision reserve = m.apply(m.usd("p3", "2026-04-11T19:00:00Z", "7.45"));
        assertThat(reserve.pointsAwarded()).isEqualTo(12L); // 7.45 x 1.7 = 12.665 -> 12
        assertThat(m.available()).isEqualTo(2_512L); // 500 + 2,000 + 12
    }

    @Test
    void stars_count_towards_status_in_the_calendar_year_of_seattle_time() {
        Member m = Member.of(engine, "sb4");

        m.apply(m.usd("p1", "2027-01-01T07:00:00Z", "400.00")); // 2026-12-31 23:00 in Seattle: 400 stars in 2026
        m.apply(m.usd("p2", "2027-01-01T09:00:00Z", "100.00")); // 2027-01-01 01:00 in Seattle: 100 stars in 2027

        assertThat(m.tier()).isEqualTo("green"); // neither year reached 500
        assertThat(m.available()).isEqualTo(500L);
    }

    @Test
    void gold_earned_in_one_year_is_kept_through_the_next_and_then_follows_that_year_stars() {
        Member m = Member.of(engine, "sb5");
        m.apply(m.usd("p1", "2026-03-10T19:00:00Z", "500.00")); // gold, earned in 2026
        m.apply(m.usd("p2", "2027-03-10T19:00:00Z", "100.00")); // 2027: gold rate 100 x 1.2 = 120 stars

        m.reviewAt("2028-01-01T07:59:59Z"); // 2027-12-31 23:59:59 in Seattle (PST, -8)
        assertThat(m.tier()).isEqualTo("gold");
        Decision review = m.reviewAt("2028-01-01T08:00:00Z");

        assertThat(review.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("gold", "green", "DOWNGRADE")); // 2027 earned 120 < 500
    }

    @Test
    void a_purchase_naming_the_reserve_tier_earns_nothing_at_the_reserve_rate_for_a_green_member() {
        // given: the audit's line, $100 saying "tier":"reserve" (kept as attributes.tier), which earned 100 x 1.7 = 170
        Member m = Member.of(engine, "sb6");
        String line = "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"sb6\",\"at\":\"2026-03-10T19:00:00Z\","
                + "\"amount\":\"100.00\",\"tier\":\"reserve\"}";

        // when
        EventBatch batch = EventReader.forProgram(Program.load(Path.of("programs", "starbucks-rewards")).settings())
                .readJsonLines(new StringReader(line), "events.jsonl");
        Decision green = m.apply(m.usd("p1", "2026-03-10T19:00:00Z", "100.00"));

        // then: the line is refused, the Java API refuses the same purchase, and a green member's $100 earns 100 x 1
        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1 field tier",
                "must not be set on a purchase, was \"reserve\": the tier is the member's, decided by the engine"));
        assertThat(batch.events()).isEmpty();
        assertThatThrownBy(() -> m.usd("p2", "2026-03-11T19:00:00Z", "100.00")
                .withAttributes(Map.of("tier", "reserve")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attributes.tier must not be set on a purchase, was 'reserve': the tier is the member's, "
                        + "decided by the engine");
        assertThat(green.pointsAwarded()).isEqualTo(100L);
        assertThat(green.postings()).extracting("points", "rule").containsExactly(tuple(100L, BASE));
        assertThat(m.tier()).isEqualTo("green");
    }
}

package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.examples.programs.StandardRules.BASE;
import static org.loyaltyrules.examples.programs.StandardRules.SPECIAL_RATE;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * programs/marriott-bonvoy (zone America/New_York): the terms are in its README.md; every expected number is worked
 * out by hand beside it. Stays are dated 17:00Z (midday in New York).
 */
class MarriottBonvoyScenariosTest {

    /** The program's rules/earning/tier-bonus.drl, which replaces the standard tier bonus. */
    private static final String ELITE_BONUS =
            "Elite members earn their tier bonus on base points, except at brands without elite benefits";

    private static LoyaltyEngine engine;

    @BeforeAll
    static void load() {
        engine = Member.engine("marriott-bonvoy");
    }

    @Test
    void extended_stay_brands_earn_five_points_per_dollar_and_other_brands_ten() {
        Member m = Member.of(engine, "mb1");

        Decision courtyard = m.apply(m.stay("s1", "2026-02-02T17:00:00Z", "250.00", "courtyard", 2));
        Decision residenceInn = m.apply(m.stay("s2", "2026-02-04T17:00:00Z", "250.00", "residence_inn", 2));
        Decision towneplace = m.apply(m.stay("s3", "2026-02-06T17:00:00Z", "123.45", "towneplace", 1));
        Decision element = m.apply(m.stay("s4", "2026-02-08T17:00:00Z", "80.00", "element", 1));
        Decision apartments = m.apply(m.stay("s5", "2026-02-10T17:00:00Z", "300.00", "apartments", 3));
        Decision protea = m.apply(m.stay("s6", "2026-02-12T17:00:00Z", "201.99", "protea", 2));

        assertThat(courtyard.postings()).extracting("points", "rule").containsExactly(tuple(2_500L, BASE)); // 250 x 10
        assertThat(residenceInn.postings()).extracting("points", "rule")
                .containsExactly(tuple(1_250L, SPECIAL_RATE)); // 250 x 5
        assertThat(towneplace.pointsAwarded()).isEqualTo(617L); // 123.45 x 5 = 617.25 -> 617
        assertThat(element.pointsAwarded()).isEqualTo(400L); // 80 x 5
        assertThat(apartments.postings()).extracting("points", "rule")
                .containsExactly(tuple(1_500L, SPECIAL_RATE)); // 300 x 5
        assertThat(protea.postings()).extracting("points", "rule")
                .containsExactly(tuple(1_009L, SPECIAL_RATE)); // 201.99 x 5 = 1,009.95 -> 1,009 (from March 2023)
    }

    @Test
    void nights_in_a_calendar_year_climb_the_ladder_straight_to_the_highest_tier_reached() {
        Member m = Member.of(engine, "mb2");

        Decision nine = m.apply(m.stay("s1", "2026-01-12T17:00:00Z", "900.00", "courtyard", 9));
        assertThat(nine.tierMoves()).isEmpty(); // 9 < 10
        Decision ten = m.apply(m.stay("s2", "2026-02-12T17:00:00Z", "100.00", "courtyard", 1));
        assertThat(ten.tierMoves()).extracting("from", "to").containsExactly(tuple("member", "silver")); // 10 >= 10
        Decision fifty = m.apply(m.stay("s3", "2026-03-12T17:00:00Z", "4000.00", "courtyard", 40));

        // 10 + 40 = 50 >= platinum 50: straight past gold
        assertThat(fifty.tierMoves()).extracting("from", "to").containsExactly(tuple("silver", "platinum"));
        // earned as silver (the tier held during the stay): 40,000 + 10 % x 40,000 = 44,000
        assertThat(fifty.pointsAwarded()).isEqualTo(44_000L);

        Decision titanium = m.apply(m.stay("s4", "2026-06-12T17:00:00Z", "2500.00", "courtyard", 25));
        assertThat(titanium.pointsAwarded()).isEqualTo(37_500L); // platinum: 25,000 + 50 % x 25,000 = 12,500
        assertThat(m.tier()).isEqualTo("titanium"); // 75 >= 75
    }

    @Test
    void gold_members_earn_twenty_five_percent_on_base_rounded_down() {
        Member m = Member.of(engine, "mb3");
        m.apply(m.stay("s1", "2026-01-12T17:00:00Z", "2500.00", "courtyard", 25)); // gold

        Decision stay = m.apply(m.stay("s2", "2026-02-12T17:00:00Z", "250.00", "residence_inn", 2));

        // base 250 x 5 = 1,250; 25 % x 1,250 = 312.5 -> FLOOR 312
        assertThat(stay.postings()).extracting("points", "rule")
                .containsExactly(tuple(1_250L, SPECIAL_RATE), tuple(312L, ELITE_BONUS));
        assertThat(stay.pointsAwarded()).isEqualTo(1_562L);
    }

    @Test
    void studiores_earns_four_points_per_dollar_and_no_elite_bonus() {
        Member m = Member.of(engine, "mb7");
        m.apply(m.stay("s1", "2026-01-12T17:00:00Z", "7500.00", "courtyard", 75)); // titanium: 75 % bonus

        Decision studioRes = m.apply(m.stay("s2", "2026-02-02T17:00:00Z", "150.50", "studiores", 3));
        Decision courtyard = m.apply(m.stay("s3", "2026-02-09T17:00:00Z", "150.50", "courtyard", 1));
        Decision residenceInn = m.apply(m.stay("s4", "2026-02-16T17:00:00Z", "150.50", "residence_inn", 1));

        // 4 x 150.50 = 602, and no 75 % of it
        assertThat(studioRes.postings()).extracting("points", "rule").containsExactly(tuple(602L, SPECIAL_RATE));
        // 10 x 150.50 = 1,505 + 75 % = 1,128.75 -> 1,128
        assertThat(courtyard.postings()).extracting("points", "rule")
                .containsExactly(tuple(1_505L, BASE), tuple(1_128L, ELITE_BONUS));
        // 5 x 150.50 = 752.5 -> 752 + 75 % x 752 = 564 (the bonus is a percentage of the rounded base award)
        assertThat(residenceInn.postings()).extracting("points", "rule")
                .containsExactly(tuple(752L, SPECIAL_RATE), tuple(564L, ELITE_BONUS));
    }

    @Test
    void executive_apartments_execustay_and_homes_and_villas_pay_no_elite_bonus() {
        Member m = Member.of(engine, "mb8");
        m.apply(m.stay("s1", "2026-01-12T17:00:00Z", "2500.00", "courtyard", 25)); // gold: 25 % bonus elsewhere

        Decision executive = m.apply(m.stay("s2", "2026-02-02T17:00:00Z", "301.00", "executive_apartments", 3));
        Decision execustay = m.apply(m.stay("s3", "2026-03-02T17:00:00Z", "301.00", "execustay", 30));
        Decision homes = m.apply(m.stay("s4", "2026-04-02T17:00:00Z", "100.00", "homes_and_villas", 2));

        // Terms 4.2.a.ii-iii: no elite benefits at Executive Apartments and ExecuStay; 2.5 x 301 = 752.5 -> 752
        assertThat(executive.postings()).extracting("points", "rule").containsExactly(tuple(752L, SPECIAL_RATE));
        assertThat(execustay.postings()).extracting("points", "rule").containsExactly(tuple(752L, SPECIAL_RATE));
        // Terms 4.1.c.iii: the welcome gift is the only elite benefit at Homes & Villas; 5 x 100 = 500
        assertThat(homes.postings()).extracting("points", "rule").containsExactly(tuple(500L, SPECIAL_RATE));
        assertThat(m.tier()).isEqualTo("platinum"); // the nights still count: 25 + 3 + 30 + 2 = 60 >= 50
    }

    @Test
    void ambassador_is_assigned_and_earns_seventy_five_percent_like_titanium() {
        Member ambassador = Member.of(engine, "mb4");
        ambassador.apply(new Enrollment("e1", ambassador.id(), Member.instant("2026-01-02T17:00:00Z"), "ambassador",
                Map.of()));
        Member titanium = Member.of(engine, "mb5");
        titanium.apply(titanium.stay("s0", "2026-01-02T17:00:00Z", "7500.00", "courtyard", 75)); // titanium

        Decision a = ambassador.apply(ambassador.stay("s1", "2026-02-02T17:00:00Z", "400.00", "courtyard", 1));
        Decision t = titanium.apply(titanium.stay("s1", "2026-02-02T17:00:00Z", "400.00", "courtyard", 1));

        assertThat(a.pointsAwarded()).isEqualTo(7_000L); // 400 x 10 = 4,000 + 75 % 3,000
        assertThat(t.pointsAwarded()).isEqualTo(7_000L);
        assertThat(ambassador.tier()).isEqualTo("ambassador");
        assertThat(titanium.tier()).isEqualTo("titanium");
    }

    @Test
    void status_earned_in_one_year_is_kept_through_the_next_and_reviewed_on_the_first_of_january_after() {
        Member m = Member.of(engine, "mb6");
        m.apply(m.stay("s1", "2025-05-05T17:00:00Z", "5000.00", "courtyard", 50)); // platinum, earned in 2025
        m.apply(m.stay("s2", "2026-05-05T17:00:00Z", "2500.00", "courtyard", 25)); // 2026: 25 nights = gold level

        m.reviewAt("2027-01-01T04:59:59Z"); // 2026-12-31 23:59:59 in New York
        assertThat(m.tier()).isEqualTo("platinum");
        Decision review = m.reviewAt("2027-01-01T05:00:00Z");

        assertThat(review.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("platinum", "gold", "DOWNGRADE")); // 2026 earned 25 nights
    }
}

package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.ProgramCalendar;

class ValuePyramidTest {

    @Test
    void ties_are_ranked_by_member_id_and_bands_end_at_the_rounded_up_share() {
        // 10%/20%/70% of 6 members: band 1 ends at rank ceil(0.6) = 1, band 2 at ceil(1.8) = 2, band 3 takes 3..6
        ValuePyramid pyramid = new ValuePyramid(List.of(new PyramidBand("gold", new BigDecimal("0.1")),
                new PyramidBand("silver", new BigDecimal("0.2")), new PyramidBand("rest", new BigDecimal("0.7"))));
        Map<String, BigDecimal> spend = Map.of("m5", new BigDecimal("900"), "m2", new BigDecimal("900"),
                "m3", new BigDecimal("120.50"), "m4", new BigDecimal("0"), "m1", new BigDecimal("300"),
                "m6", new BigDecimal("300.00"));

        assertThat(pyramid.place(spend)).containsExactly(
                new PyramidPlacement("m2", new BigDecimal("900"), 1, "gold"),
                new PyramidPlacement("m5", new BigDecimal("900"), 2, "silver"),
                new PyramidPlacement("m1", new BigDecimal("300"), 3, "rest"),
                new PyramidPlacement("m6", new BigDecimal("300.00"), 4, "rest"),
                new PyramidPlacement("m3", new BigDecimal("120.50"), 5, "rest"),
                new PyramidPlacement("m4", new BigDecimal("0"), 6, "rest"));
    }

    @Test
    void members_who_spent_nothing_are_in_the_last_band_when_fewer_bought_than_the_upper_bands_hold() {
        // 10 members, one buyer: top ends at rank ceil(0.1) = 1, high at ceil(0.5) = 1, middle at ceil(2) = 2, so rank
        // 2, a member at 0.00 by id, was placed in middle
        Map<String, BigDecimal> spend = new HashMap<>();
        for (int i = 0; i <= 9; i++) {
            spend.put("m" + i, i == 7 ? new BigDecimal("25.00") : new BigDecimal("0.00"));
        }

        List<PyramidPlacement> placed = ValuePyramid.standard().place(spend);

        assertThat(placed.get(0)).isEqualTo(new PyramidPlacement("m7", new BigDecimal("25.00"), 1, "top"));
        assertThat(placed.get(1)).isEqualTo(new PyramidPlacement("m0", new BigDecimal("0.00"), 2, "base"));
        assertThat(placed.stream().skip(1).map(PyramidPlacement::band)).containsOnly("base").hasSize(9);
    }

    @Test
    void the_standard_pyramid_of_250_members_has_3_10_37_and_200() {
        // top 1 %: ceil(2.5) = 3; next 4 %: ceil(12.5) = 13 -> 10; next 15 %: ceil(50) = 50 -> 37; base 200
        Map<String, BigDecimal> spend = new HashMap<>();
        for (int i = 1; i <= 250; i++) {
            spend.put("m%03d".formatted(i), BigDecimal.valueOf(i * 10L));
        }

        Map<String, Long> sizes = ValuePyramid.standard().place(spend).stream()
                .collect(Collectors.groupingBy(PyramidPlacement::band, Collectors.counting()));

        assertThat(sizes).isEqualTo(Map.of("top", 3L, "high", 10L, "middle", 37L, "base", 200L));
        assertThat(ValuePyramid.standard().place(spend).get(0)).isEqualTo(
                new PyramidPlacement("m250", new BigDecimal("2500"), 1, "top"));
    }

    @Test
    void seven_members_in_the_standard_pyramid_leave_the_high_band_empty() {
        // rounding up holds for bands 1..k together, not for each band: top ends at ceil(0.07) = 1, high at
        // ceil(0.35) = 1 (no member, share 0.28), middle at ceil(1.4) = 2 (1 member, share 1.05), base takes 3..7
        Map<String, BigDecimal> spend = new HashMap<>();
        for (int i = 1; i <= 7; i++) {
            spend.put("m" + i, BigDecimal.valueOf(i * 100L));
        }

        Map<String, Long> sizes = ValuePyramid.standard().place(spend).stream()
                .collect(Collectors.groupingBy(PyramidPlacement::band, Collectors.counting()));

        assertThat(sizes).isEqualTo(Map.of("top", 1L, "middle", 1L, "base", 5L));
    }

    @Test
    void shares_must_add_up_to_one() {
        assertThatThrownBy(() -> new ValuePyramid(List.of(new PyramidBand("a", new BigDecimal("0.5")),
                new PyramidBand("b", new BigDecimal("0.4"))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("band shares must add up to 1, were 0.9");
    }

    @Test
    void annual_spend_counts_the_last_year_net_of_refunds() {
        // purchases 2025-03-01 (100.00, 30.00 refunded), 2025-09-10 (50.00), 2024-03-01 (999.00, more than a year
        // before 2026-01-15): 70.00 + 50.00 = 120.00
        MemberState member = MemberState.enrol("m1", Instant.parse("2024-01-01T00:00:00Z"), "base").withPurchases(
                List.of(purchase("p0", "2024-03-01T10:00:00Z", "999.00", "0"),
                        purchase("p1", "2025-03-01T10:00:00Z", "100.00", "30.00"),
                        purchase("p2", "2025-09-10T10:00:00Z", "50.00", "0")));

        assertThat(ValuePyramid.annualSpend(member, Instant.parse("2026-01-15T00:00:00Z"),
                ProgramCalendar.of(ZoneId.of("UTC")))).isEqualTo("120.00");
    }

    @Test
    void annual_spend_leaves_out_a_purchase_exactly_one_year_before_and_counts_one_a_second_later() {
        // the year is (asOf - 1 year, asOf]: 2025-03-03T10:00:00Z is out on 2026-03-03T10:00:00Z, a second later in
        MemberState member = MemberState.enrol("m1", Instant.parse("2025-03-01T00:00:00Z"), "base").withPurchases(
                List.of(purchase("p1", "2025-03-03T10:00:00Z", "100.00", "0"),
                        purchase("p2", "2025-03-03T10:00:01Z", "20.00", "0"),
                        purchase("p3", "2026-03-03T10:00:00Z", "50.00", "0")));

        assertThat(ValuePyramid.annualSpend(member, Instant.parse("2026-03-03T10:00:00Z"),
                ProgramCalendar.of(ZoneId.of("UTC")))).isEqualTo("70.00");
    }

    @Test
    void a_placement_rank_starts_at_one() {
        // rank 1 spent the most (audit 14 PP1 accepted a rank 0)
        assertThatThrownBy(() -> new PyramidPlacement("m1", new BigDecimal("10.00"), 0, "top"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rank must be >= 1, was 0");
        assertThat(new PyramidPlacement("m1", new BigDecimal("10.00"), 1, "top").rank()).isEqualTo(1);
    }

    static PurchaseRecord purchase(String id, String at, String amount, String refunded) {
        Money paid = Money.of(amount, "USD");
        return new PurchaseRecord(id, Instant.parse(at), paid, paid, 0, Map.of(), List.of(), "",
                Money.of(refunded, "USD"), 0, Map.of());
    }
}

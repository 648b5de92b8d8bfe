package org.loyaltyrules.core.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthLedgerTest {

    private static final Instant DEC_1 = Instant.parse("2025-12-01T18:00:00Z");
    private static final Instant DEC_2 = Instant.parse("2025-12-02T18:00:00Z");
    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-12-31T00:00:00Z");

    @Test
    void a_window_total_is_written_as_an_entry_is_whatever_the_amounts_that_make_it() {
        // given: 349.99 and 0.01 of spend for one member, a single 350.00 for another
        GrowthLedger inCents = GrowthLedger.EMPTY.plus(List.of(
                new GrowthEntry("x1", DEC_1, "spend", new BigDecimal("349.99")),
                new GrowthEntry("x2", DEC_2, "spend", new BigDecimal("0.01"))));
        GrowthLedger whole = GrowthLedger.EMPTY.plus(List.of(
                new GrowthEntry("w1", DEC_1, "spend", new BigDecimal("350.00"))));

        // then: both are 350, as explanations and members.csv print them
        assertThat(inCents.total("spend", FROM, TO).toString()).isEqualTo("350");
        assertThat(inCents.peak("spend", FROM, TO).toString()).isEqualTo("350");
        assertThat(inCents.lifetime("spend").toString()).isEqualTo("350");
        assertThat(whole.total("spend", FROM, TO).toString()).isEqualTo("350");
        assertThat(inCents.total("spend", FROM, DEC_1).toString()).isEqualTo("349.99");
    }

    @Test
    void a_refund_that_takes_a_window_back_to_nothing_leaves_zero_not_zero_point_zero_zero() {
        // given: 120.50 and its refund
        GrowthLedger refunded = GrowthLedger.EMPTY.plus(List.of(
                new GrowthEntry("p1", DEC_1, "spend", new BigDecimal("120.50")),
                new GrowthEntry("r1", DEC_1, "spend", new BigDecimal("-120.50"))));

        // then: 0, and the peak the milestones read stays at the 120.5 reached
        assertThat(refunded.total("spend", FROM, TO).toString()).isEqualTo("0");
        assertThat(refunded.peak("spend", FROM, TO).toString()).isEqualTo("120.5");
    }

    @Test
    void peak_and_total_count_an_entry_at_either_end_of_the_window() {
        // given: 100 at DEC_1 and 50 at DEC_2
        GrowthLedger ledger = GrowthLedger.EMPTY.plus(List.of(
                new GrowthEntry("p1", DEC_1, "spend", new BigDecimal("100")),
                new GrowthEntry("p2", DEC_2, "spend", new BigDecimal("50"))));

        // then: windows are [from, to]; the engine reads the peak before a purchase up to its instant, so a second
        // purchase at the same instant sees the first's growth, and a purchase at 00:00 on 1 January (a calendar
        // year's start) counts in that year
        assertThat(ledger.peak("spend", FROM, DEC_2).toString()).isEqualTo("150");
        assertThat(ledger.total("spend", FROM, DEC_2).toString()).isEqualTo("150");
        assertThat(ledger.peak("spend", DEC_1, DEC_2).toString()).isEqualTo("150");
        assertThat(ledger.total("spend", DEC_1, DEC_2).toString()).isEqualTo("150");
    }

    @Test
    void forgetting_before_an_instant_keeps_the_entries_at_it() {
        // given: 100 at DEC_1 and 50 at DEC_2
        GrowthEntry p1 = new GrowthEntry("p1", DEC_1, "spend", new BigDecimal("100"));
        GrowthEntry p2 = new GrowthEntry("p2", DEC_2, "spend", new BigDecimal("50"));
        GrowthLedger ledger = GrowthLedger.EMPTY.plus(List.of(p1, p2));

        // when
        GrowthLedger forgotten = ledger.forgetBefore(DEC_2);

        // then: a window starting at DEC_2 includes the entry at DEC_2, so it is kept and that window is unaffected
        assertThat(forgotten.entries()).containsExactly(p2);
        assertThat(ledger.total("spend", DEC_2, TO).toString()).isEqualTo("50");
        assertThat(forgotten.total("spend", DEC_2, TO).toString()).isEqualTo("50");
        // nothing is before DEC_1: the same ledger, no copy
        assertThat(ledger.forgetBefore(DEC_1)).isSameAs(ledger);
    }
}

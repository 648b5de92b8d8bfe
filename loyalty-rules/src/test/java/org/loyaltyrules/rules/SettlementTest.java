package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.usd;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.rules.program.ProgramSettings;

class SettlementTest {

    @Test
    void periods_are_calendar_periods_in_the_programs_zone() {
        // given: a coalition program in Shanghai (UTC+8) and $100 at the grocer at 2025-03-31T20:00Z, which is
        // 2025-04-01 04:00 there
        LoyaltyEngine engine = engine("""
                {"id": "coalition", "version": "1", "currency": "USD", "zone": "Asia/Shanghai",
                 "earning": {"baseRate": "0"},
                 "partners": [{"id": "grocer", "earnRate": "1", "burnValue": "0.01", "settlementPrice": "0.008"}],
                 "tiers": {"metric": "points", "window": {"type": "CALENDAR_YEAR"},
                           "ladder": [{"id": "member", "threshold": "0"}]}}""");
        List<LoyaltyEvent> events = List.of(new Purchase("p1", "m1", at("2025-03-31T20:00:00Z"), usd("100.00"), "",
                "grocer", Map.of(), Map.of(), List.of(), null, null));
        ReplayResult result = engine.replay(events);

        // when
        ProgramSettings settings = engine.program().settings();
        Settlement byMonth = Settlement.of(settings, events, result.postings(), CountingPeriod.MONTH);
        Settlement byDay = Settlement.of(settings, events, result.postings(), CountingPeriod.DAY);

        // then: April in Shanghai, not March as in UTC (audit mutation7 ST2 labelled periods in UTC and no test
        // had a zone other than UTC); 100 x 0.008 = 0.80
        assertThat(byMonth.rows()).containsExactly(
                Settlement.Row.of("grocer", "2025-04", 100, 0, 0, "0.80", "0.00", "0.80"));
        assertThat(byDay.rows()).containsExactly(
                Settlement.Row.of("grocer", "2025-04-01", 100, 0, 0, "0.80", "0.00", "0.80"));
    }

    @Test
    void of_two_copies_of_an_id_at_one_instant_the_first_read_names_the_partner() {
        // given: grocer settles at 0.005 a point, airline at 0.01; p1 is sent twice for m1 at the same instant, first
        // at the grocer, then at the airline
        LoyaltyEngine engine = engine("""
                {"id": "coalition", "version": "1", "currency": "USD", "zone": "UTC",
                 "earning": {"baseRate": "0"},
                 "partners": [{"id": "grocer", "earnRate": "1", "burnValue": "0.01", "settlementPrice": "0.005"},
                              {"id": "airline", "earnRate": "1", "burnValue": "0.01", "settlementPrice": "0.01"}],
                 "tiers": {"metric": "points", "window": {"type": "CALENDAR_YEAR"},
                           "ladder": [{"id": "member", "threshold": "0"}]}}""");
        List<LoyaltyEvent> events = List.of(
                new Purchase("p1", "m1", at("2025-03-03T10:00:00Z"), usd("100.00"), "", "grocer", Map.of(), Map.of(),
                        List.of(), null, null),
                new Purchase("p1", "m1", at("2025-03-03T10:00:00Z"), usd("100.00"), "", "airline", Map.of(), Map.of(),
                        List.of(), null, null));
        ReplayResult result = engine.replay(events);

        // when
        Settlement byMonth = Settlement.of(engine.program().settings(), events, result.postings(), CountingPeriod.MONTH);

        // then: the replay applies the copy read first (input order on ties) and refuses the other as a duplicate, so
        // the grocer is billed 100 x 0.005 = 0.50 (audit mutation10 S4 took the later copy on a tie and billed the
        // airline 1.00, and no test noticed)
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(byMonth.rows()).containsExactly(
                Settlement.Row.of("grocer", "2025-03", 100, 0, 0, "0.50", "0.00", "0.50"));
    }

    @Test
    void a_partner_pays_for_points_issued_less_clawed_back_rounded_half_up_in_iso_weeks() {
        // given: the grocer pays 0.005 a point; m1 buys $101 there on Monday 2024-12-30, which is in ISO week 1 of
        // 2025, and returns $100 of it the next day
        LoyaltyEngine engine = engine("""
                {"id": "coalition", "version": "1", "currency": "USD", "zone": "UTC",
                 "earning": {"baseRate": "0"},
                 "partners": [{"id": "grocer", "earnRate": "1", "burnValue": "0.01", "settlementPrice": "0.005"}],
                 "tiers": {"metric": "points", "window": {"type": "CALENDAR_YEAR"},
                           "ladder": [{"id": "member", "threshold": "0"}]}}""");
        List<LoyaltyEvent> events = List.of(
                new Purchase("p1", "m1", at("2024-12-30T10:00:00Z"), usd("101.00"), "", "grocer", Map.of(), Map.of(),
                        List.of(), null, null),
                Refund.of("r1", "m1", at("2024-12-31T10:00:00Z"), "p1", usd("100.00")));
        ReplayResult result = engine.replay(events);

        // when
        Settlement byWeek = Settlement.of(engine.program().settings(), events, result.postings(), CountingPeriod.WEEK);

        // then: 101 issued, 100 clawed back, so the grocer owes (101 - 100) x 0.005 = 0.005, rounded half up to 0.01
        // (audit mutation10: S1 rounded half even to 0.00, S2 billed the 101 issued, 0.51, and S3 labelled the
        // week 2024-W01, which sorts a year early; only the CLI's tests noticed)
        assertThat(byWeek.rows()).containsExactly(
                Settlement.Row.of("grocer", "2025-W01", 101, 100, 0, "0.01", "0.00", "0.01"));
    }
}

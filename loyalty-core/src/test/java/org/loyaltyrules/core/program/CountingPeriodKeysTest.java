package org.loyaltyrules.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountingPeriodKeysTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant ENROLLED = Instant.parse("2024-03-10T09:00:00Z");

    @Test
    void each_period_names_the_period_in_the_program_zone() {
        // given: 23:30 UTC on 31 December is already 1 January in Paris
        Instant at = Instant.parse("2024-12-31T23:30:00Z");

        // when / then
        assertThat(CountingPeriod.DAY.keyOf(at, PARIS, ENROLLED)).isEqualTo("2025-01-01");
        assertThat(CountingPeriod.WEEK.keyOf(at, PARIS, ENROLLED)).isEqualTo("2025-W1");
        assertThat(CountingPeriod.MONTH.keyOf(at, PARIS, ENROLLED)).isEqualTo("2025-1");
        assertThat(CountingPeriod.YEAR.keyOf(at, PARIS, ENROLLED)).isEqualTo("2025");
        assertThat(CountingPeriod.MEMBERSHIP_YEAR.keyOf(at, PARIS, ENROLLED)).isEqualTo("M2024-03-10");
        assertThat(CountingPeriod.LIFETIME.keyOf(at, PARIS, ENROLLED)).isEqualTo("lifetime");
    }

    @Test
    void weeks_follow_the_iso_week_based_year() {
        // 30 December 2024 is a Monday and opens ISO week 1 of 2025
        assertThat(CountingPeriod.WEEK.keyOf(Instant.parse("2024-12-30T12:00:00Z"), PARIS, ENROLLED))
                .isEqualTo("2025-W1");
        assertThat(CountingPeriod.WEEK.keyOf(Instant.parse("2024-12-29T12:00:00Z"), PARIS, ENROLLED))
                .isEqualTo("2024-W52");
    }

    @Test
    void the_membership_year_turns_on_the_anniversary() {
        assertThat(CountingPeriod.MEMBERSHIP_YEAR.keyOf(Instant.parse("2025-03-09T12:00:00Z"), PARIS, ENROLLED))
                .isEqualTo("M2024-03-10");
        assertThat(CountingPeriod.MEMBERSHIP_YEAR.keyOf(Instant.parse("2025-03-10T00:30:00Z"), PARIS, ENROLLED))
                .isEqualTo("M2025-03-10");
    }

    @Test
    void a_term_month_starts_on_the_day_the_term_started_in_the_program_zone() {
        // a term paid at 10:00 on 10 January in Paris: months from 10:00 on the 10th, as the term runs
        Instant paid = Instant.parse("2025-01-10T09:00:00Z");

        assertThat(termMonth("2025-02-10T08:59:59Z", paid)).isEqualTo("T2025-01-10+0");
        assertThat(termMonth("2025-02-10T09:00:00Z", paid)).isEqualTo("T2025-01-10+1"); // 10 February, 10:00 in Paris
        assertThat(termMonth("2025-12-10T12:00:00Z", paid)).isEqualTo("T2025-01-10+11");
        // the last morning of a 12-month term (it ends at 10:00 on 10 January 2026) is still its twelfth month
        assertThat(termMonth("2026-01-10T08:59:59Z", paid)).isEqualTo("T2025-01-10+11");
    }

    @Test
    void a_term_started_on_the_31st_has_its_short_months_run_to_the_end_of_the_month() {
        Instant paid = Instant.parse("2025-01-31T09:00:00Z");

        assertThat(termMonth("2025-02-28T12:00:00Z", paid)).isEqualTo("T2025-01-31+0");
        assertThat(termMonth("2025-03-01T12:00:00Z", paid)).isEqualTo("T2025-01-31+1");
        assertThat(termMonth("2025-03-31T12:00:00Z", paid)).isEqualTo("T2025-01-31+2");
    }

    @Test
    void a_term_month_starts_where_the_term_puts_it_when_its_time_of_day_falls_in_a_clock_change() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // paid at 02:30 on 8 March 2025; on 8 March 2026 the clocks jump from 02:00 to 03:00, so the term (plusMonths)
        // ends at 03:30 EDT (07:30Z): at 03:05 EDT local times already read twelve months, yet the term still runs
        Instant springPaid = Instant.parse("2025-03-08T07:30:00Z");
        assertThat(termMonth("2026-03-08T07:05:00Z", newYork, springPaid)).isEqualTo("T2025-03-08+11");
        assertThat(termMonth("2026-03-08T07:29:59Z", newYork, springPaid)).isEqualTo("T2025-03-08+11");
        assertThat(termMonth("2026-03-08T07:30:00Z", newYork, springPaid)).isEqualTo("T2025-03-08+12");
        // paid at 01:30 EST on 7 November 2026; 01:30 on 7 November 2027 comes twice, and the term ends at the
        // second (the start's offset): the first pass, 01:45 EDT, is still the twelfth month
        Instant fallPaid = Instant.parse("2026-11-07T06:30:00Z");
        assertThat(termMonth("2027-11-07T05:45:00Z", newYork, fallPaid)).isEqualTo("T2026-11-07+11");
        assertThat(termMonth("2027-11-07T06:30:00Z", newYork, fallPaid)).isEqualTo("T2026-11-07+12");
        // the term's own end, for the record: the same instants
        assertThat(springPaid.atZone(newYork).plusMonths(12).toInstant()).isEqualTo("2026-03-08T07:30:00Z");
        assertThat(fallPaid.atZone(newYork).plusMonths(12).toInstant()).isEqualTo("2027-11-07T06:30:00Z");
    }

    @Test
    void a_term_month_once_begun_does_not_go_back_in_an_autumn_hour_that_comes_twice() {
        // paid at 01:30 EDT on 2 October 2025 in New York: month 1 begins at 01:30 EDT on 2 November (05:30Z); the
        // clocks then go back from 02:00 EDT to 01:00 EST, so 01:00-01:59 comes again, and local times alone read
        // month 0 once more (a quota of 1 a month was granted three times in that hour)
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant paid = Instant.parse("2025-10-02T05:30:00Z");
        for (String at : List.of("2025-11-02T05:30:00Z", "2025-11-02T06:00:00Z", "2025-11-02T06:29:59Z",
                "2025-11-02T06:30:00Z")) {
            assertThat(termMonth(at, newYork, paid)).as(at)
                    .isEqualTo("T2025-10-02+1");
        }
        assertThat(termMonth("2025-11-02T05:29:59Z", newYork, paid)).isEqualTo("T2025-10-02+0");
        // Lord Howe Island goes back half an hour: paid at 01:45 (+11:00) on 6 March 2025, month 1 begins at the
        // first 01:45 of 6 April (14:45Z), and the second (15:15Z) is still month 1
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        Instant lordHowePaid = Instant.parse("2025-03-05T14:45:00Z");
        for (String at : List.of("2025-04-05T14:45:00Z", "2025-04-05T14:50:00Z", "2025-04-05T15:05:00Z",
                "2025-04-05T15:14:00Z", "2025-04-05T15:20:00Z")) {
            assertThat(termMonth(at, lordHowe, lordHowePaid)).as(at)
                    .isEqualTo("T2025-03-06+1");
        }
        assertThat(termMonth("2025-04-05T14:44:59Z", lordHowe, lordHowePaid)).isEqualTo("T2025-03-06+0");
    }

    @Test
    void a_term_started_on_29_february_has_twelve_months_in_its_year() {
        // the term ends on 28 February 2025 (plusMonths); month 12 would begin on 1 March, after it
        Instant paid = Instant.parse("2024-02-29T09:00:00Z");

        assertThat(termMonth("2024-03-29T09:00:00Z", paid)).isEqualTo("T2024-02-29+1");
        assertThat(termMonth("2025-01-29T09:00:00Z", paid)).isEqualTo("T2024-02-29+11");
        assertThat(termMonth("2025-02-28T12:00:00Z", paid)).isEqualTo("T2024-02-29+11");
        assertThat(termMonth("2025-03-01T09:00:00Z", paid)).isEqualTo("T2024-02-29+12");
    }

    /** The TERM_MONTH key of {@code at} in Paris for a term started at {@code paid}. */
    private static String termMonth(String at, Instant paid) {
        return termMonth(at, PARIS, paid);
    }

    /** The TERM_MONTH key of {@code at} in {@code zone} for a term started at {@code paid}. */
    private static String termMonth(String at, ZoneId zone, Instant paid) {
        return CountingPeriod.TERM_MONTH.keyOf(Instant.parse(at), zone, paid);
    }
}

package org.loyaltyrules.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProgramCalendarAnniversaryTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final ProgramCalendar calendar = ProgramCalendar.of(PARIS);

    private Instant parisMidnight(String date) {
        return LocalDate.parse(date).atStartOfDay(PARIS).toInstant();
    }

    @Test
    void the_membership_year_starts_on_the_last_anniversary() {
        // given
        Instant start = Instant.parse("2023-06-15T10:00:00Z");

        // when / then
        assertThat(calendar.membershipYearStart(start, Instant.parse("2025-06-14T10:00:00Z")))
                .isEqualTo(LocalDate.of(2024, 6, 15));
        assertThat(calendar.membershipYearStart(start, Instant.parse("2025-06-15T10:00:00Z")))
                .isEqualTo(LocalDate.of(2025, 6, 15));
        assertThat(calendar.membershipYearStart(start, Instant.parse("2023-01-01T10:00:00Z")))
                .isEqualTo(LocalDate.of(2023, 6, 15));
    }

    @Test
    void the_next_anniversary_is_strictly_after_the_instant() {
        // given
        Instant start = Instant.parse("2023-06-15T10:00:00Z");

        // when / then
        assertThat(calendar.nextAnniversary(start, Instant.parse("2025-06-14T10:00:00Z")))
                .isEqualTo(parisMidnight("2025-06-15"));
        assertThat(calendar.nextAnniversary(start, parisMidnight("2025-06-15")))
                .isEqualTo(parisMidnight("2026-06-15"));
    }

    @Test
    void a_membership_started_on_february_29_has_its_anniversary_on_february_28_in_common_years() {
        // given
        Instant start = parisMidnight("2024-02-29");

        // when / then
        assertThat(calendar.membershipYearStart(start, Instant.parse("2025-03-01T12:00:00Z")))
                .isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(calendar.nextAnniversary(start, Instant.parse("2025-03-01T12:00:00Z")))
                .isEqualTo(parisMidnight("2026-02-28"));
    }

    @Test
    void a_membership_started_on_february_29_has_its_anniversary_on_february_29_again_in_leap_years() {
        // given
        Instant start = parisMidnight("2024-02-29");
        Instant lastDayOfThirdYear = Instant.parse("2028-02-28T12:00:00Z");

        // when
        Instant next = calendar.nextAnniversary(start, lastDayOfThirdYear);

        // then
        assertThat(calendar.membershipYearStart(start, lastDayOfThirdYear)).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(next).isEqualTo(parisMidnight("2028-02-29"));
        assertThat(next).isAfter(lastDayOfThirdYear);
    }

    @Test
    void year_and_month_starts_are_midnights_in_the_program_zone() {
        // given
        Instant at = Instant.parse("2025-03-15T12:00:00Z");

        // when / then
        assertThat(calendar.startOfYear(at, 1)).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(calendar.startOfMonth(at, 7)).isEqualTo(Instant.parse("2025-09-30T22:00:00Z"));
        assertThat(calendar.dateOf(Instant.parse("2025-03-15T23:30:00Z"))).isEqualTo(LocalDate.of(2025, 3, 16));
    }
}

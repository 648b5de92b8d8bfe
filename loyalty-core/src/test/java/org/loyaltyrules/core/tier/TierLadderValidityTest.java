package org.loyaltyrules.core.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.program.ProgramCalendar;

class TierLadderValidityTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ProgramCalendar CALENDAR = ProgramCalendar.of(PARIS);
    private static final Instant MEMBER_SINCE = paris("2024-03-10T00:00");
    private static final Instant QUALIFIED = paris("2025-05-01T15:00");

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    private static TierLadder ladder(QualificationWindow window, StatusValidity validity, Duration grace) {
        return new TierLadder(List.of(Tier.of("base", 0), Tier.of("gold", 5_000)), "spend", window, validity,
                DowngradePolicy.TO_EARNED_LEVEL, grace);
    }

    @Test
    void calendar_year_status_earned_in_may_2025_lasts_through_2026() {
        TierLadder ladder = ladder(new QualificationWindow.CalendarYear(), StatusValidity.END_OF_NEXT_WINDOW,
                Duration.ZERO);

        assertThat(ladder.validUntil(QUALIFIED, MEMBER_SINCE, CALENDAR)).isEqualTo(paris("2027-01-01T00:00"));
    }

    @Test
    void calendar_year_status_valid_to_the_end_of_its_window_lapses_on_new_year() {
        TierLadder ladder = ladder(new QualificationWindow.CalendarYear(), StatusValidity.END_OF_WINDOW,
                Duration.ZERO);

        assertThat(ladder.validUntil(QUALIFIED, MEMBER_SINCE, CALENDAR)).isEqualTo(paris("2026-01-01T00:00"));
    }

    @Test
    void anniversary_status_lasts_to_the_next_anniversary_or_the_one_after() {
        assertThat(ladder(new QualificationWindow.Anniversary(), StatusValidity.END_OF_WINDOW, Duration.ZERO)
                .validUntil(QUALIFIED, MEMBER_SINCE, CALENDAR)).isEqualTo(paris("2026-03-10T00:00"));
        assertThat(ladder(new QualificationWindow.Anniversary(), StatusValidity.END_OF_NEXT_WINDOW, Duration.ZERO)
                .validUntil(QUALIFIED, MEMBER_SINCE, CALENDAR)).isEqualTo(paris("2027-03-10T00:00"));
    }

    @Test
    void a_rolling_window_counts_the_last_months_and_is_reviewed_on_the_anniversary() {
        QualificationWindow rolling = new QualificationWindow.RollingMonths(12);

        assertThat(rolling.start(QUALIFIED, MEMBER_SINCE, CALENDAR))
                .isEqualTo(paris("2024-05-01T15:00").plusNanos(1));
        assertThat(ladder(rolling, StatusValidity.END_OF_WINDOW, Duration.ZERO)
                .validUntil(QUALIFIED, MEMBER_SINCE, CALENDAR)).isEqualTo(paris("2026-03-10T00:00"));
    }

    @Test
    void window_starts_follow_the_program_calendar() {
        assertThat(new QualificationWindow.CalendarYear().start(QUALIFIED, MEMBER_SINCE, CALENDAR))
                .isEqualTo(paris("2025-01-01T00:00"));
        assertThat(new QualificationWindow.Anniversary().start(QUALIFIED, MEMBER_SINCE, CALENDAR))
                .isEqualTo(paris("2025-03-10T00:00"));
    }

    @Test
    void the_last_complete_year_ends_at_the_boundary_before_an_instant_whatever_its_time_of_day() {
        // a paid term bought at 10:00 on 2025-01-10 ends at 10:00 on 2026-01-10: the membership year that ended that
        // morning at 00:00 is the last complete one; a calendar year ended on 1 January
        Instant paidAtTen = paris("2025-01-10T10:00");
        Instant termEnd = paris("2026-01-10T10:00");

        assertThat(new QualificationWindow.Anniversary().lastEnd(termEnd, paidAtTen, CALENDAR))
                .isEqualTo(paris("2026-01-10T00:00"));
        assertThat(new QualificationWindow.Anniversary().lastEnd(paris("2026-01-10T23:59"), paris("2025-01-10T23:59"),
                CALENDAR)).isEqualTo(paris("2026-01-10T00:00"));
        assertThat(new QualificationWindow.CalendarYear().lastEnd(termEnd, paidAtTen, CALENDAR))
                .isEqualTo(paris("2026-01-01T00:00"));
        // a boundary is its own last end, and a rolling window ends at every instant
        assertThat(new QualificationWindow.CalendarYear().lastEnd(paris("2026-01-01T00:00"), paidAtTen, CALENDAR))
                .isEqualTo(paris("2026-01-01T00:00"));
        assertThat(new QualificationWindow.RollingMonths(12).lastEnd(termEnd, paidAtTen, CALENDAR)).isEqualTo(termEnd);
        // before the first membership day no year is complete
        assertThat(new QualificationWindow.Anniversary().lastEnd(paris("2025-01-09T12:00"), paidAtTen, CALENDAR))
                .isEqualTo(paris("2025-01-09T12:00"));
    }

    @Test
    void a_year_counts_up_to_just_before_its_boundary_and_a_rolling_window_counts_its_end_but_not_its_start() {
        // given: windows ending at the boundary 2026-03-10 00:00
        Instant end = paris("2026-03-10T00:00");
        QualificationWindow.RollingMonths rolling = new QualificationWindow.RollingMonths(12);

        // when / then: a year's boundary opens the next year; the rolling window is (2025-03-10 00:00, end]
        assertThat(new QualificationWindow.CalendarYear().lastCounted(end)).isEqualTo(end.minusNanos(1));
        assertThat(new QualificationWindow.Anniversary().lastCounted(end)).isEqualTo(end.minusNanos(1));
        assertThat(new QualificationWindow.Anniversary().start(end.minusNanos(1), MEMBER_SINCE, CALENDAR))
                .isEqualTo(paris("2025-03-10T00:00"));
        assertThat(rolling.lastCounted(end)).isEqualTo(end);
        assertThat(rolling.start(rolling.lastCounted(end), MEMBER_SINCE, CALENDAR))
                .isEqualTo(paris("2025-03-10T00:00").plusNanos(1));
    }

    @Test
    void the_review_comes_after_the_grace_period() {
        // given
        TierLadder ladder = ladder(new QualificationWindow.CalendarYear(), StatusValidity.END_OF_NEXT_WINDOW,
                Duration.ofDays(30));
        Instant validUntil = ladder.validUntil(QUALIFIED, MEMBER_SINCE, CALENDAR);

        // when / then
        assertThat(ladder.reviewAt(validUntil)).isEqualTo(paris("2027-01-31T00:00"));
    }

    @Test
    void grace_counts_24_hour_days_so_across_a_clock_change_the_review_is_an_hour_off_local_midnight() {
        // given: status to the end of 2026 in Paris; 90 days of grace run across the change to summer time (29 March)
        TierLadder ladder = ladder(new QualificationWindow.CalendarYear(), StatusValidity.END_OF_NEXT_WINDOW,
                Duration.ofDays(90));
        Instant validUntil = ladder.validUntil(QUALIFIED, MEMBER_SINCE, CALENDAR);

        // when / then: 90 x 24 hours after midnight CET is 01:00 CEST, not midnight (docs/semantics.md §11)
        assertThat(validUntil).isEqualTo(paris("2027-01-01T00:00"));
        assertThat(ladder.reviewAt(validUntil)).isEqualTo(paris("2027-04-01T01:00"))
                .isEqualTo(Instant.parse("2027-03-31T23:00:00Z"));
    }
}

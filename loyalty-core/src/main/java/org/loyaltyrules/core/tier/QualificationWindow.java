package org.loyaltyrules.core.tier;

import java.time.Instant;
import org.apiguardian.api.API;
import org.loyaltyrules.core.program.ProgramCalendar;

/**
 * The period whose growth decides a tier, and the boundaries at which status is reviewed: calendar years (review on
 * 1 January), membership years (review on the anniversary), or a rolling number of months (reviewed on the
 * membership anniversary).
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface QualificationWindow {

    /** The first instant whose growth counts for a qualification evaluated at {@code at}. */
    Instant start(Instant at, Instant membershipStart, ProgramCalendar calendar);

    /** The first review boundary strictly after {@code at}. */
    Instant nextBoundary(Instant at, Instant membershipStart, ProgramCalendar calendar);

    /**
     * The end of the last window complete at {@code at}: for calendar and membership years the boundary at or before
     * {@code at}, whatever its time of day; a rolling window ends at every instant, so {@code at} itself. A status
     * lapsing at {@code at} is judged on the window ending there (exclusive).
     */
    Instant lastEnd(Instant at, Instant membershipStart, ProgramCalendar calendar);

    /**
     * The last instant whose growth counts in the window ending at {@code end}: the window is
     * [{@code start(lastCounted(end))}, {@code lastCounted(end)}], the growth an upgrade at {@code lastCounted(end)}
     * counts, so upgrades and reviews read one window. A calendar or membership year ends just before its boundary,
     * which opens the next year; a rolling window (end - months, end] counts {@code end} itself.
     */
    default Instant lastCounted(Instant end) {
        return end.minusNanos(1);
    }

    record CalendarYear() implements QualificationWindow {
        @Override
        public Instant start(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            return calendar.startOfYear(at, 0);
        }

        @Override
        public Instant nextBoundary(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            return calendar.startOfYear(at, 1);
        }

        @Override
        public Instant lastEnd(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            return calendar.startOfYear(at, 0);
        }
    }

    record Anniversary() implements QualificationWindow {
        @Override
        public Instant start(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            return calendar.startOf(calendar.membershipYearStart(membershipStart, at));
        }

        @Override
        public Instant nextBoundary(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            return calendar.nextAnniversary(membershipStart, at);
        }

        @Override
        public Instant lastEnd(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            Instant anniversary = start(at, membershipStart, calendar);
            // before the first membership day no year is complete: the window ending at at is empty
            return anniversary.isAfter(at) ? at : anniversary;
        }
    }

    record RollingMonths(int months) implements QualificationWindow {
        public RollingMonths {
            if (months <= 0) {
                throw new IllegalArgumentException("rolling window months must be > 0, was " + months);
            }
        }

        /** Growth strictly after {@code at} minus the months counts; the window is (at - months, at]. */
        @Override
        public Instant start(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            return at.atZone(calendar.zone()).minusMonths(months).toInstant().plusNanos(1);
        }

        @Override
        public Instant nextBoundary(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            return calendar.nextAnniversary(membershipStart, at);
        }

        @Override
        public Instant lastEnd(Instant at, Instant membershipStart, ProgramCalendar calendar) {
            return at;
        }

        /** The window ending at {@code end} is (end - months, end]: it counts {@code end}, not end - months. */
        @Override
        public Instant lastCounted(Instant end) {
            return end;
        }
    }
}

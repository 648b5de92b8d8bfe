package org.loyaltyrules.core.points;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.program.ProgramCalendar;

/** When earned points expire. Dates are taken in the program's zone. */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface ExpiryPolicy {

    /** When a lot earned at {@code earnedAt} expires; empty for never (or inactivity-only policies). */
    Optional<Instant> lotExpiry(Instant earnedAt, ProgramCalendar calendar);

    /** When all points expire for a member last active at {@code lastActivity}; empty when inactivity does not matter. */
    default Optional<Instant> inactivityDeadline(Instant lastActivity, ProgramCalendar calendar) {
        return Optional.empty();
    }

    static ExpiryPolicy never() {
        return new Never();
    }

    /** Points never expire. */
    record Never() implements ExpiryPolicy {
        @Override
        public Optional<Instant> lotExpiry(Instant earnedAt, ProgramCalendar calendar) {
            return Optional.empty();
        }
    }

    /** Points expire a fixed number of days (of 24 hours) after they were earned. */
    record FixedDays(int days) implements ExpiryPolicy {
        public FixedDays {
            if (days <= 0) {
                throw new IllegalArgumentException("days must be > 0, was " + days);
            }
        }

        @Override
        public Optional<Instant> lotExpiry(Instant earnedAt, ProgramCalendar calendar) {
            return Optional.of(earnedAt.plus(java.time.Duration.ofDays(days)));
        }
    }

    /** Points expire at the end of the Nth month after the month they were earned in (N = 6: earned in March, gone
     * after 30 September). */
    record EndOfNthMonthAfterEarn(int months) implements ExpiryPolicy {
        public EndOfNthMonthAfterEarn {
            if (months < 0) {
                throw new IllegalArgumentException("months must be >= 0, was " + months);
            }
        }

        @Override
        public Optional<Instant> lotExpiry(Instant earnedAt, ProgramCalendar calendar) {
            return Optional.of(calendar.startOfMonth(earnedAt, months + 1));
        }
    }

    /** Points expire at the end of the calendar year after the year they were earned in. */
    record EndOfNextCalendarYear() implements ExpiryPolicy {
        @Override
        public Optional<Instant> lotExpiry(Instant earnedAt, ProgramCalendar calendar) {
            return Optional.of(calendar.startOfYear(earnedAt, 2));
        }
    }

    /** All points expire once the member has had no earning or redemption for N months. */
    record Inactivity(int months) implements ExpiryPolicy {
        public Inactivity {
            if (months <= 0) {
                throw new IllegalArgumentException("months must be > 0, was " + months);
            }
        }

        @Override
        public Optional<Instant> lotExpiry(Instant earnedAt, ProgramCalendar calendar) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> inactivityDeadline(Instant lastActivity, ProgramCalendar calendar) {
            return Optional.of(lastActivity.atZone(calendar.zone()).plusMonths(months).toInstant());
        }
    }
}

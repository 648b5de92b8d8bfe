package org.loyaltyrules.core.benefit;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * When a benefit can be claimed: at any time, or around the member's birthday (member attribute {@code birthday},
 * {@code YYYY-MM-DD} or {@code MM-DD}). A 29 February birthday falls on 28 February in other years.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Occasion {
    ANY,
    /** On the birthday itself, in the program's zone. */
    BIRTHDAY_DAY,
    /** Any day of the birthday month. */
    BIRTHDAY_MONTH;

    /** The member attribute that holds the birthday. */
    public static final String BIRTHDAY_ATTRIBUTE = "birthday";

    /** Whether the occasion is open on {@code today} for a member with {@code birthday} (empty: none on file). */
    public boolean openOn(LocalDate today, Optional<MonthDay> birthday) {
        if (this == ANY) {
            return true;
        }
        if (birthday.isEmpty()) {
            return false;
        }
        LocalDate day = birthday.get().atYear(today.getYear());
        return this == BIRTHDAY_DAY ? day.equals(today) : day.getMonth() == today.getMonth();
    }

    /** The birthday in {@code text} ({@code 1990-07-14}, {@code 07-14} or {@code --07-14}); empty when not a date. */
    public static Optional<MonthDay> birthday(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            if (t.length() == 10 && t.charAt(4) == '-') {
                return Optional.of(MonthDay.from(LocalDate.parse(t)));
            }
            return Optional.of(MonthDay.parse(t.startsWith("--") ? t : "--" + t));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}

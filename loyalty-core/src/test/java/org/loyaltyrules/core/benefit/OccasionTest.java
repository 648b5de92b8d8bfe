package org.loyaltyrules.core.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OccasionTest {

    private static final Optional<MonthDay> JULY_14 = Occasion.birthday("1990-07-14");

    @Test
    void a_birthday_is_read_from_a_full_date_a_month_day_or_an_iso_month_day() {
        assertThat(JULY_14).contains(MonthDay.of(7, 14));
        assertThat(Occasion.birthday("07-14")).contains(MonthDay.of(7, 14));
        assertThat(Occasion.birthday("--07-14")).contains(MonthDay.of(7, 14));
        assertThat(Occasion.birthday("14/07/1990")).isEmpty();
        assertThat(Occasion.birthday("")).isEmpty();
        assertThat(Occasion.birthday(null)).isEmpty();
    }

    @Test
    void the_birthday_month_is_open_on_each_of_its_days_and_closed_outside() {
        assertThat(Occasion.BIRTHDAY_MONTH.openOn(LocalDate.of(2025, 7, 1), JULY_14)).isTrue();
        assertThat(Occasion.BIRTHDAY_MONTH.openOn(LocalDate.of(2025, 7, 31), JULY_14)).isTrue();
        assertThat(Occasion.BIRTHDAY_MONTH.openOn(LocalDate.of(2025, 6, 30), JULY_14)).isFalse();
        assertThat(Occasion.BIRTHDAY_MONTH.openOn(LocalDate.of(2025, 8, 1), JULY_14)).isFalse();
    }

    @Test
    void the_birthday_day_is_open_on_the_day_only_and_a_29_february_birthday_falls_on_28_february_in_other_years() {
        Optional<MonthDay> leap = Occasion.birthday("2000-02-29");

        assertThat(Occasion.BIRTHDAY_DAY.openOn(LocalDate.of(2025, 7, 14), JULY_14)).isTrue();
        assertThat(Occasion.BIRTHDAY_DAY.openOn(LocalDate.of(2025, 7, 15), JULY_14)).isFalse();
        assertThat(Occasion.BIRTHDAY_DAY.openOn(LocalDate.of(2025, 2, 28), leap)).isTrue();
        assertThat(Occasion.BIRTHDAY_DAY.openOn(LocalDate.of(2024, 2, 29), leap)).isTrue();
        assertThat(Occasion.BIRTHDAY_DAY.openOn(LocalDate.of(2024, 2, 28), leap)).isFalse();
    }

    @Test
    void the_birthday_day_is_closed_on_the_same_day_of_another_month() {
        // the day and the month must both match: by the day of month alone a birthday gift opens twelve times a year
        assertThat(Occasion.BIRTHDAY_DAY.openOn(LocalDate.of(2025, 8, 14), JULY_14)).isFalse();
        assertThat(Occasion.BIRTHDAY_DAY.openOn(LocalDate.of(2025, 3, 28), Occasion.birthday("2000-02-29"))).isFalse();
    }

    @Test
    void without_a_birthday_on_file_a_birthday_occasion_is_never_open_and_any_always_is() {
        assertThat(Occasion.BIRTHDAY_MONTH.openOn(LocalDate.of(2025, 7, 14), Optional.empty())).isFalse();
        assertThat(Occasion.ANY.openOn(LocalDate.of(2025, 7, 14), Optional.empty())).isTrue();
    }
}

package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * A churn warning with its reasons, or none ({@link #raised()} false, no reasons). Reasons read like
 * "probability alive 0.21 < 0.3" and "no purchase for 95 days, more than 2 × the usual 30 days".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ChurnWarning(List<String> reasons) {

    public static final ChurnWarning NONE = new ChurnWarning(List.of());

    public ChurnWarning {
        reasons = List.copyOf(requireNonNull(reasons, "reasons"));
    }

    public boolean raised() {
        return !reasons.isEmpty();
    }

    /**
     * Assesses a member from plain values. {@code probabilityAlive} may be null (no fitted model). The usual interval
     * is the median of the gaps between consecutive distinct purchase days (the mean of the two middle gaps for an
     * even count); it needs at least two purchase days.
     */
    public static ChurnWarning assess(Double probabilityAlive, Collection<LocalDate> purchaseDays, LocalDate asOf,
                                      ChurnSettings settings) {
        requireNonNull(purchaseDays, "purchaseDays");
        requireNonNull(asOf, "asOf");
        requireNonNull(settings, "settings");
        List<String> reasons = new ArrayList<>();
        if (probabilityAlive != null) {
            // shown to two decimals rounded down: a value just below the minimum never reads as equal to it
            BigDecimal alive = BigDecimal.valueOf(probabilityAlive).setScale(2, RoundingMode.FLOOR);
            if (BigDecimal.valueOf(probabilityAlive).compareTo(settings.minProbabilityAlive()) < 0) {
                reasons.add("probability alive " + alive.toPlainString() + " < "
                        + settings.minProbabilityAlive().toPlainString());
            }
        }
        List<LocalDate> days = distinctDaysUpTo(purchaseDays, asOf);
        if (days.size() >= 2) {
            BigDecimal usual = medianGap(days);
            long silent = ChronoUnit.DAYS.between(days.get(days.size() - 1), asOf);
            if (usual.signum() > 0 && BigDecimal.valueOf(silent).compareTo(settings.intervalMultiple().multiply(usual))
                    > 0) {
                reasons.add("no purchase for " + silent + " days, more than "
                        + settings.intervalMultiple().stripTrailingZeros().toPlainString() + " × the usual "
                        + usual.stripTrailingZeros().toPlainString() + " days");
            }
        }
        return reasons.isEmpty() ? NONE : new ChurnWarning(reasons);
    }

    /**
     * The distinct days up to {@code asOf}, ascending. A member's purchase days come in time order: one pass then,
     * without the sorted set that made this the costliest part of a member insight.
     */
    private static List<LocalDate> distinctDaysUpTo(Collection<LocalDate> purchaseDays, LocalDate asOf) {
        List<LocalDate> days = new ArrayList<>(purchaseDays.size());
        LocalDate previous = null;
        for (LocalDate day : purchaseDays) {
            if (previous != null && day.isBefore(previous)) {
                days = new ArrayList<>(new TreeSet<>(purchaseDays)); // not in order: sort them
                days.removeIf(d -> d.isAfter(asOf));
                return days;
            }
            if (!day.equals(previous) && !day.isAfter(asOf)) {
                days.add(day);
            }
            previous = day;
        }
        return days;
    }

    static BigDecimal medianGap(List<LocalDate> sortedDays) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < sortedDays.size(); i++) {
            gaps.add(ChronoUnit.DAYS.between(sortedDays.get(i - 1), sortedDays.get(i)));
        }
        gaps.sort(null);
        int n = gaps.size();
        if (n % 2 == 1) {
            return BigDecimal.valueOf(gaps.get(n / 2));
        }
        return BigDecimal.valueOf(gaps.get(n / 2 - 1) + gaps.get(n / 2)).divide(BigDecimal.valueOf(2));
    }
}

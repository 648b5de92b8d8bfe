package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.program.ProgramCalendar;

/**
 * Bands of members by annual spend, top first (e.g. top 1 %, next 4 %, next 15 %, the rest). Members are ranked by
 * spend, highest first, ties broken by member id (ascending), so the ranking is total and deterministic. Band k ends
 * at rank ⌈N × (share of bands 1..k)⌉ and the last band takes whoever is left: the bands partition the members. The
 * rounding up holds for bands 1..k together, which hold at least their combined share (1 % of 50 members is 1
 * member), not for each band: a later band can hold less than its share, or no member (the 4 % band of 7 members).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ValuePyramid(List<PyramidBand> bands) {

    public ValuePyramid {
        bands = List.copyOf(requireNonNull(bands, "bands"));
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a value pyramid needs at least one band, had none");
        }
        Set<String> names = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (PyramidBand band : bands) {
            if (!names.add(band.name())) {
                throw new IllegalArgumentException("band names must be unique, was '" + band.name() + "' again");
            }
            sum = sum.add(band.share());
        }
        if (sum.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("band shares must add up to 1, were " + sum.toPlainString());
        }
    }

    /** Top 1 % "top", next 4 % "high", next 15 % "middle", the other 80 % "base". */
    public static ValuePyramid standard() {
        return new ValuePyramid(List.of(new PyramidBand("top", new BigDecimal("0.01")),
                new PyramidBand("high", new BigDecimal("0.04")), new PyramidBand("middle", new BigDecimal("0.15")),
                new PyramidBand("base", new BigDecimal("0.80"))));
    }

    /** Every member's placement, in rank order. */
    public List<PyramidPlacement> place(Map<String, BigDecimal> spendByMember) {
        requireNonNull(spendByMember, "spendByMember");
        List<Map.Entry<String, BigDecimal>> ranked = new ArrayList<>(spendByMember.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, BigDecimal>, BigDecimal>comparing(Map.Entry::getValue,
                Comparator.reverseOrder()).thenComparing(Map.Entry::getKey));
        int n = ranked.size();
        int[] lastRank = new int[bands.size()];
        BigDecimal cumulative = BigDecimal.ZERO;
        for (int k = 0; k < bands.size(); k++) {
            cumulative = cumulative.add(bands.get(k).share());
            lastRank[k] = k == bands.size() - 1 ? n
                    : Math.min(n, cumulative.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING)
                    .intValueExact());
        }
        List<PyramidPlacement> out = new ArrayList<>(n);
        int band = 0;
        for (int i = 0; i < n; i++) {
            int rank = i + 1;
            while (rank > lastRank[band]) {
                band++;
            }
            Map.Entry<String, BigDecimal> e = ranked.get(i);
            BigDecimal spend = requireNonNull(e.getValue(), "spend of " + e.getKey());
            // a member who spent nothing is in no band of value: when fewer members bought than the upper bands'
            // share, the tie at 0 filled those bands in id order (86 members at 0.00 in middle on 5,000 CDNOW rows)
            String name = spend.signum() <= 0 ? bands.get(bands.size() - 1).name() : bands.get(band).name();
            out.add(new PyramidPlacement(e.getKey(), spend, rank, name));
        }
        return List.copyOf(out);
    }

    /**
     * A member's spend in the year up to {@code asOf}: purchases at instants in (asOf − 1 year, asOf] (the year
     * taken on the program calendar), each net of what was refunded of it by {@code asOf}.
     */
    public static BigDecimal annualSpend(MemberState member, Instant asOf, ProgramCalendar calendar) {
        requireNonNull(member, "member");
        requireNonNull(asOf, "asOf");
        requireNonNull(calendar, "calendar");
        return annualSpend(PurchasesAsOf.of(member, asOf), asOf, calendar);
    }

    /** As {@link #annualSpend(MemberState, Instant, ProgramCalendar)} over the member's purchases as of asOf. */
    static BigDecimal annualSpend(List<PurchasesAsOf.Net> purchases, Instant asOf, ProgramCalendar calendar) {
        Instant from = yearBefore(asOf, calendar);
        BigDecimal sum = BigDecimal.ZERO;
        for (PurchasesAsOf.Net p : purchases) {
            if (p.at().isAfter(from)) {
                sum = sum.add(p.amount());
            }
        }
        return sum;
    }

    /** Where "the year to the instant" starts (exclusive): the same time of day a year before, in the program's zone. */
    static Instant yearBefore(Instant asOf, ProgramCalendar calendar) {
        return asOf.atZone(calendar.zone()).minusYears(1).toInstant();
    }
}

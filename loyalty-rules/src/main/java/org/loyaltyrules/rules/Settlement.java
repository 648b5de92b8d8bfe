package org.loyaltyrules.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.rules.program.Partner;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * What each coalition partner and the program owe each other per period, from the ledger: points issued at the
 * partner (EARN of its purchases, less CLAWBACK of their refunds) cost the partner its settlement price per point;
 * points redeemed at the partner (REDEEM, less reversals) are paid to it at its burn value per point. Amounts are
 * rounded to the currency's minor units (half up) per row; point totals are exact (a {@code BigInteger}: many members'
 * points pass a long). Periods are calendar periods in the program's zone, labelled
 * so that they sort in time order: {@code 2025-03-09} (DAY), {@code 2025-W05} (ISO WEEK), {@code 2025-03} (MONTH),
 * {@code 2025} (YEAR); rows come by partner, then period. A posting belongs to its member's event of that id (ids are
 * unique per member); of a repeated id, the earliest copy is the one the engine applied, as in a replay. The partner
 * of an event is the one the engine used: {@code Purchase.partner()}, {@code Redemption.partner()}, and for a refund
 * or a redemption reversal the partner of its original.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Settlement(List<Row> rows) {

    /** One partner in one period; {@code net} is what the partner owes the program (negative: the program owes). */
    public record Row(String partner, String period, BigInteger pointsIssued, BigInteger pointsClawedBack,
                      BigInteger pointsRedeemed, BigDecimal owedByPartner, BigDecimal owedToPartner, BigDecimal net) {

        /** A row of points that fit in a long, for an assertion. */
        public static Row of(String partner, String period, long pointsIssued, long pointsClawedBack,
                             long pointsRedeemed, String owedByPartner, String owedToPartner, String net) {
            return new Row(partner, period, BigInteger.valueOf(pointsIssued), BigInteger.valueOf(pointsClawedBack),
                    BigInteger.valueOf(pointsRedeemed), new BigDecimal(owedByPartner), new BigDecimal(owedToPartner),
                    new BigDecimal(net));
        }
    }

    /** The periods a settlement can use, shortest first: the calendar ones (membership years differ by member). */
    public static final List<CountingPeriod> PERIODS = List.of(CountingPeriod.DAY, CountingPeriod.WEEK,
            CountingPeriod.MONTH, CountingPeriod.YEAR);

    public Settlement {
        rows = List.copyOf(rows);
    }

    public static Settlement of(ProgramSettings settings, List<? extends LoyaltyEvent> events, List<Posting> postings,
                                CountingPeriod period) {
        requireCalendarPeriod(period);
        // event ids are unique per member; of a repeated id the engine applies the earliest copy (input order on
        // ties), so that copy names the partner
        Map<String, LoyaltyEvent> applied = new HashMap<>();
        for (LoyaltyEvent e : events) {
            applied.merge(key(e.memberId(), e.id()), e, (first, later) -> later.at().isBefore(first.at()) ? later : first);
        }
        Map<String, String> partnerOfEvent = new HashMap<>();
        for (LoyaltyEvent e : applied.values()) {
            // the partner the engine earned at or redeemed at (Purchase.partner(), Redemption.partner()), never a
            // second reading of the attributes
            String partner = e instanceof Purchase ? ((Purchase) e).partner()
                    : e instanceof Redemption ? ((Redemption) e).partner() : "";
            if (!partner.isEmpty()) {
                partnerOfEvent.put(key(e.memberId(), e.id()), partner);
            }
        }
        for (LoyaltyEvent e : applied.values()) {
            String original = e instanceof Refund ? ((Refund) e).originalEventId()
                    : e instanceof RedemptionReversal ? ((RedemptionReversal) e).originalEventId() : null;
            String partner = original == null ? null : partnerOfEvent.get(key(e.memberId(), original));
            if (partner != null) {
                partnerOfEvent.put(key(e.memberId(), e.id()), partner);
            }
        }
        // partner, then period: a record key, so a partner id may hold any character and sorts by itself
        Map<Period, BigInteger[]> totals = new TreeMap<>(BY_PARTNER_THEN_PERIOD); // issued, clawed back, redeemed
        for (Posting p : postings) {
            String partner = partnerOfEvent.get(key(p.memberId(), p.eventId()));
            if (partner == null || !SETTLED.contains(p.type())) {
                continue; // an ACTIVATE or EXPIRE of a partner's points settles nothing: no row of zeros
            }
            BigInteger[] t = totals.computeIfAbsent(new Period(partner, label(period, p.at(), settings.zone())),
                    k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
            // sums over many members are not a long: added exactly
            int column = p.type() == PostingType.EARN ? 0 : p.type() == PostingType.CLAWBACK ? 1 : 2;
            BigInteger points = BigInteger.valueOf(p.points());
            t[column] = column == 0 ? t[column].add(points) : t[column].subtract(points);
        }
        int digits = settings.currency().getDefaultFractionDigits();
        List<Row> rows = new ArrayList<>();
        totals.forEach((key, t) -> {
            // the engine refuses an event naming a partner the program does not list (UNKNOWN_PARTNER), so such a
            // posting comes from events of another program: billing it at a price of 0 would hide that
            Partner partner = settings.partner(key.partner()).orElseThrow(() -> new IllegalArgumentException(
                    "postings of events at partner '" + key.partner() + "' in " + key.period() + ", which program "
                            + settings.id() + " does not list; partners are " + settings.partners().stream()
                            .map(Partner::id).toList()));
            BigDecimal byPartner = partner.settlementPrice().multiply(new BigDecimal(t[0].subtract(t[1])))
                    .setScale(digits, RoundingMode.HALF_UP);
            BigDecimal toPartner = partner.burnValue().multiply(new BigDecimal(t[2]))
                    .setScale(digits, RoundingMode.HALF_UP);
            rows.add(new Row(key.partner(), key.period(), t[0], t[1], t[2], byPartner, toPartner,
                    byPartner.subtract(toPartner)));
        });
        return new Settlement(rows);
    }

    /** A row's key. */
    private record Period(String partner, String period) {
    }

    private static final Comparator<Period> BY_PARTNER_THEN_PERIOD =
            Comparator.comparing(Period::partner).thenComparing(Period::period);

    private static final Set<PostingType> SETTLED = EnumSet.of(
            PostingType.EARN, PostingType.CLAWBACK,
            PostingType.REDEEM, PostingType.REDEEM_REVERSAL);

    private static String key(String memberId, String eventId) {
        return memberId + '\u0000' + eventId;
    }

    /**
     * Refuses a period a settlement cannot use: partners settle by the calendar, and membership years start on each
     * member's own anniversary.
     */
    public static CountingPeriod requireCalendarPeriod(CountingPeriod period) {
        if (!PERIODS.contains(period)) {
            throw new IllegalArgumentException("settlement period must be DAY, WEEK, MONTH or YEAR, was " + period);
        }
        return period;
    }

    private static String label(CountingPeriod period, Instant at, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(at, zone);
        switch (period) {
            case DAY:
                return date.toString();
            case WEEK:
                return String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                        date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH:
                return YearMonth.from(date).toString();
            default:
                return Integer.toString(date.getYear());
        }
    }
}

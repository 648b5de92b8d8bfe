package org.loyaltyrules.rules.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.GrowthLedger;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.member.LineRecord;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.member.RefundRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.LedgerTotals;
import org.loyaltyrules.core.points.LotDraw;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.PointsLot;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.points.RedemptionRecord;
import org.loyaltyrules.core.program.PeriodCount;
import org.loyaltyrules.core.program.PeriodCounters;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;

/**
 * Format version 4 of a stored member state (version 3 without a paid tier's {@code under}, version 2 also without a
 * purchase's {@code lines}, version 1 also without {@code fees}): a DTO per core value, with short property names, instants as ISO text,
 * money as {@code "29.33 USD"} and empty or absent parts left out. It is decoupled from the core records on purpose:
 * a core change must not silently change what is already on disk and in changelog topics. A new format gets a new
 * version number and a reader for every older one ({@link MemberStateJson}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record StoredMember(@JsonProperty("v") int version, @JsonProperty("id") String memberId,
                    @JsonProperty("enrolled") String enrolledAt, @JsonProperty("start") String membershipStart,
                    @JsonProperty("tier") Tier tier, @JsonProperty("growth") List<Growth> growth,
                    @JsonProperty("tags") Set<String> tags, @JsonProperty("attrs") Map<String, String> attributes,
                    @JsonProperty("status") String status, @JsonProperty("ledger") Ledger ledger,
                    @JsonProperty("caps") List<Count> capUsage, @JsonProperty("benefits") List<Count> benefitUsage,
                    @JsonProperty("purchases") List<Purchase> purchases, @JsonProperty("refunds") List<Refund> refunds,
                    @JsonProperty("seen") List<String> processedEventIds, @JsonProperty("survey") Integer surveyScore,
                    @JsonProperty("last") String lastEventAt, @JsonProperty("fees") List<Fee> fees) {

    /**
     * 2 added {@code fees} (membership fees); a version-1 document has none and reads as such. 3 added a purchase's
     * {@code lines} (per SKU: bought, eligible, refunded), which refunds are matched to; a purchase of an older
     * document has none and its refunds are matched as before (by excluded SKU only). 4 added a paid tier's
     * {@code under}: the earned status the fee replaced ({@code id}, {@code since}, {@code until}); a paid tier of an
     * older document has none, and its term's end is judged on the windows alone, as before.
     */
    static final int VERSION = 4;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Tier(@JsonProperty("id") String tierId, @JsonProperty("src") String source, @JsonProperty("since") String since,
                @JsonProperty("until") String validUntil, @JsonProperty("floor") String floorTierId,
                @JsonProperty("paid") String paidUntil, @JsonProperty("under") Under earnedBeneath) {
    }

    /** The earned status beneath a paid one: it is earned and shares the paid status's floor. */
    record Under(@JsonProperty("id") String tierId, @JsonProperty("since") String since,
                 @JsonProperty("until") String validUntil) {
    }

    record Growth(@JsonProperty("e") String eventId, @JsonProperty("at") String at, @JsonProperty("m") String metric,
                  @JsonProperty("n") BigDecimal amount) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Ledger(@JsonProperty("lots") List<Lot> lots, @JsonProperty("postings") List<Post> postings,
                  @JsonProperty("redemptions") List<Redemption> redemptions, @JsonProperty("debt") long debt,
                  @JsonProperty("totals") long[] totals, @JsonProperty("active") String lastActivityAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Lot(@JsonProperty("e") String sourceEventId, @JsonProperty("n") long amount, @JsonProperty("r") long remaining,
               @JsonProperty("at") String earnedAt, @JsonProperty("from") String availableFrom,
               @JsonProperty("exp") String expiresAt, @JsonProperty("on") boolean active,
               @JsonProperty("held") boolean held) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Post(@JsonProperty("e") String eventId, @JsonProperty("at") String at, @JsonProperty("t") String type,
                @JsonProperty("n") long points, @JsonProperty("rule") String rule,
                @JsonProperty("why") String explanation) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Redemption(@JsonProperty("e") String eventId, @JsonProperty("at") String at, @JsonProperty("n") long points,
                      @JsonProperty("draws") List<Draw> draws, @JsonProperty("rev") boolean reversed) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Draw(@JsonProperty("e") String sourceEventId, @JsonProperty("n") long points,
                @JsonProperty("at") String earnedAt, @JsonProperty("from") String availableFrom,
                @JsonProperty("exp") String expiresAt) {
    }

    record Count(@JsonProperty("id") String id, @JsonProperty("k") String periodKey, @JsonProperty("n") long used) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Purchase(@JsonProperty("e") String eventId, @JsonProperty("at") String at, @JsonProperty("amt") String amount,
                    @JsonProperty("elig") String eligible, @JsonProperty("pts") long points,
                    @JsonProperty("growth") Map<String, BigDecimal> growth,
                    @JsonProperty("caps") List<String> countedCaps, @JsonProperty("basket") String basket,
                    @JsonProperty("refd") String refunded, @JsonProperty("clawed") long pointsClawedBack,
                    @JsonProperty("gclawed") Map<String, BigDecimal> growthClawedBack,
                    @JsonProperty("excl") List<String> excludedSkus,
                    @JsonProperty("eligRefd") BigDecimal eligibleRefunded,
                    @JsonProperty("lines") List<Line> lines) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Line(@JsonProperty("sku") String sku, @JsonProperty("amt") String amount,
                @JsonProperty("elig") String eligible, @JsonProperty("refd") String refunded) {
    }

    record Refund(@JsonProperty("e") String eventId, @JsonProperty("at") String at,
                  @JsonProperty("of") String purchaseEventId, @JsonProperty("amt") String amount) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Fee(@JsonProperty("e") String eventId, @JsonProperty("at") String at, @JsonProperty("amt") String amount,
               @JsonProperty("tier") String tierId, @JsonProperty("months") int termMonths,
               @JsonProperty("from") String termStart, @JsonProperty("to") String termEnd,
               @JsonProperty("refd") String refunded, @JsonProperty("refdAt") String refundedAt) {
    }

    /** The fields a stored state cannot do without, per object: a path of fields, {@code []} for every element. */
    private static final List<List<String>> REQUIRED = List.of(
            List.of("", "id", "enrolled", "tier", "status"),
            List.of("tier", "id", "src", "since"),
            List.of("tier.under", "id", "since", "until"),
            List.of("growth[]", "e", "at", "m", "n"),
            List.of("ledger.lots[]", "e", "at", "from"),
            List.of("ledger.postings[]", "e", "at", "t"),
            List.of("ledger.redemptions[]", "e", "at"),
            List.of("ledger.redemptions[].draws[]", "e", "at", "from"),
            List.of("caps[]", "id", "k"),
            List.of("benefits[]", "id", "k"),
            List.of("purchases[]", "e", "at", "amt", "elig"),
            List.of("purchases[].lines[]", "amt", "elig"),
            List.of("refunds[]", "e", "at", "of", "amt"),
            List.of("fees[]", "e", "at", "amt", "tier", "from", "to"));

    /**
     * The JSON path of the first required field that {@code stored} lacks or holds as null ({@code $.tier},
     * {@code $.ledger.lots[0].from}), or null when none is missing; read before mapping, so the reader can name the
     * field rather than the Java component that would then be null.
     */
    static String missingField(JsonNode stored) {
        for (List<String> required : REQUIRED) {
            for (Map.Entry<String, JsonNode> object : objectsAt(stored, required.get(0)).entrySet()) {
                if (!object.getValue().isObject()) {
                    continue; // the wrong type is the mapper's to report
                }
                for (String field : required.subList(1, required.size())) {
                    JsonNode value = object.getValue().get(field);
                    if (value == null || value.isNull()) {
                        return object.getKey() + "." + field;
                    }
                }
            }
        }
        return null;
    }

    /**
     * What is wrong with the earned status kept beneath the tier ({@code $.tier.under}), by JSON path, or null: it is
     * a field of format version 4 and later, kept beneath a paid tier only, and ends after it began. Read after
     * {@link #missingField} and {@link #unreadableField}.
     */
    static String tierUnderProblem(JsonNode stored, int version) {
        JsonNode tier = stored.get("tier");
        JsonNode under = tier == null ? null : tier.get("under");
        if (under == null || under.isNull()) {
            return null;
        }
        if (version < 4) {
            return "$.tier.under is not a field of format version " + version + " (version 4 added it)";
        }
        if (!"PAID".equals(tier.path("src").asText())) {
            return "$.tier.under is kept only beneath a paid tier, and $.tier.src is " + tier.path("src").asText();
        }
        Instant since = Instant.parse(under.get("since").asText());
        Instant until = Instant.parse(under.get("until").asText());
        return until.isAfter(since) ? null : "$.tier.under.until must be after $.tier.under.since ("
                + under.get("since").asText() + "), was " + under.get("until").asText();
    }

    /** The fields held as text that the core reads as an instant, per object (as {@link #REQUIRED}). */
    private static final List<List<String>> INSTANTS = List.of(
            List.of("", "enrolled", "start", "last"),
            List.of("tier", "since", "until", "paid"),
            List.of("tier.under", "since", "until"),
            List.of("growth[]", "at"),
            List.of("ledger", "active"),
            List.of("ledger.lots[]", "at", "from", "exp"),
            List.of("ledger.postings[]", "at"),
            List.of("ledger.redemptions[]", "at"),
            List.of("ledger.redemptions[].draws[]", "at", "from", "exp"),
            List.of("purchases[]", "at"),
            List.of("refunds[]", "at"),
            List.of("fees[]", "at", "from", "to", "refdAt"));

    /** The fields held as text that the core reads as money ({@code "29.33 USD"}). */
    private static final List<List<String>> MONIES = List.of(
            List.of("purchases[]", "amt", "elig", "refd"),
            List.of("purchases[].lines[]", "amt", "elig", "refd"),
            List.of("refunds[]", "amt"),
            List.of("fees[]", "amt", "refd"));

    /** The fields held as the name of a constant, with the type that names them. */
    private static final List<Map.Entry<List<String>, Class<? extends Enum<?>>>> NAMES = List.of(
            Map.entry(List.of("", "status"), MemberStatus.class),
            Map.entry(List.of("tier", "src"), TierSource.class),
            Map.entry(List.of("ledger.postings[]", "t"), PostingType.class));

    /**
     * The first field whose text the core cannot read (an instant, money, a constant's name), by JSON path with its
     * value and what it must be ({@code $.ledger.lots[1].exp is not an instant: "2025-13-01T00:00:00Z" ...}), or
     * null when all can be read; read before mapping to the core, whose message would not say where the text was.
     */
    static String unreadableField(JsonNode stored) {
        for (List<String> fields : INSTANTS) {
            String problem = firstUnreadable(stored, fields, text -> {
                try {
                    Instant.parse(text);
                    return null;
                } catch (java.time.format.DateTimeParseException e) {
                    return "is not an instant (ISO-8601 in UTC, such as 2025-03-03T10:00:00Z)";
                }
            });
            if (problem != null) {
                return problem;
            }
        }
        for (List<String> fields : MONIES) {
            String problem = firstUnreadable(stored, fields, StoredMember::moneyProblem);
            if (problem != null) {
                return problem;
            }
        }
        // a member's money is in its program's one currency: a mix would fail the member's next refund
        String[] first = new String[2];
        for (List<String> fields : MONIES) {
            String problem = firstUnreadable(stored, fields, (at, text) -> {
                String currency = text.substring(text.indexOf(' ') + 1);
                if (first[0] == null) {
                    first[0] = at;
                    first[1] = currency;
                }
                return currency.equals(first[1]) ? null : "is in " + currency + ", but " + first[0] + " in "
                        + first[1] + " (a member's money is in its program's currency)";
            });
            if (problem != null) {
                return problem;
            }
        }
        for (Map.Entry<List<String>, Class<? extends Enum<?>>> names : NAMES) {
            List<String> allowed = java.util.Arrays.stream(names.getValue().getEnumConstants()).map(Enum::name)
                    .toList();
            String problem = firstUnreadable(stored, names.getKey(),
                    text -> allowed.contains(text) ? null : "must be one of " + String.join(", ", allowed));
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String firstUnreadable(JsonNode stored, List<String> fields,
                                          java.util.function.Function<String, String> problemOf) {
        return firstUnreadable(stored, fields, (at, text) -> problemOf.apply(text));
    }

    /** The first of {@code fields} whose text {@code problemOf} (given the field's JSON path) finds a problem in. */
    private static String firstUnreadable(JsonNode stored, List<String> fields,
                                          java.util.function.BiFunction<String, String, String> problemOf) {
        for (Map.Entry<String, JsonNode> object : objectsAt(stored, fields.get(0)).entrySet()) {
            for (String field : fields.subList(1, fields.size())) {
                JsonNode value = object.getValue().get(field);
                if (value == null || !value.isValueNode() || value.isNull()) {
                    continue; // left out, or a wrong type the mapper reports
                }
                String problem = problemOf.apply(object.getKey() + "." + field, value.asText());
                if (problem != null) {
                    return object.getKey() + "." + field + " " + problem + ", was " + value;
                }
            }
        }
        return null;
    }

    /**
     * What is wrong with stored money text, or null: {@code "<amount> <ISO 4217 code>"}, money the core can hold (a
     * currency with minor units, no more decimals than it has) and never negative (the engine writes none).
     */
    private static String moneyProblem(String text) {
        String shape = "must be \"<amount> <currency>\", such as \"29.33 USD\"";
        int space = text.indexOf(' ');
        if (space < 0) {
            return shape;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.substring(0, space));
        } catch (NumberFormatException e) {
            return shape + " (the amount is not a number)";
        }
        Currency currency;
        try {
            currency = Currency.getInstance(text.substring(space + 1));
        } catch (IllegalArgumentException e) {
            return shape + " (the currency is no ISO 4217 code)";
        }
        try {
            Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            return "is not money (" + e.getMessage() + ")";
        }
        return amount.signum() < 0 ? "must not be negative" : null;
    }

    /**
     * The objects at a path of fields ({@code ledger.lots[]}: every lot; {@code ""}: the state itself) by their JSON
     * path ({@code $.ledger.lots[1]}); a part left out or null has none.
     */
    private static Map<String, JsonNode> objectsAt(JsonNode stored, String path) {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        objects.put("$", stored);
        for (String step : path.isEmpty() ? new String[0] : path.split("\\.")) {
            String name = step.endsWith("[]") ? step.substring(0, step.length() - 2) : step;
            Map<String, JsonNode> next = new LinkedHashMap<>();
            objects.forEach((at, node) -> {
                JsonNode child = node.get(name);
                if (child == null || child.isNull()) {
                    return; // an optional part left out; a required one is reported by its parent's list
                }
                if (!step.endsWith("[]")) {
                    next.put(at + "." + name, child);
                } else {
                    for (int i = 0; i < child.size(); i++) {
                        next.put(at + "." + name + "[" + i + "]", child.get(i));
                    }
                }
            });
            objects = next;
        }
        return objects;
    }

    // ---------------------------------------------------------------- core -> stored

    static StoredMember of(MemberState s) {
        PointsLedger l = s.ledger();
        LedgerTotals t = l.totals();
        Ledger ledger = new Ledger(
                l.lots().stream().map(lot -> new Lot(lot.sourceEventId(), lot.amount(), lot.remaining(),
                        text(lot.earnedAt()), text(lot.availableFrom()), text(lot.expiresAt()), lot.active(),
                        lot.held())).toList(),
                l.postings().stream().map(p -> new Post(p.eventId(), text(p.at()), p.type().name(), p.points(),
                        p.rule(), p.explanation())).toList(),
                l.redemptions().stream().map(r -> new Redemption(r.eventId(), text(r.at()), r.points(),
                        r.draws().stream().map(d -> new Draw(d.sourceEventId(), d.points(), text(d.earnedAt()),
                                text(d.availableFrom()), text(d.expiresAt()))).toList(), r.reversed())).toList(),
                l.debt(),
                new long[] {t.earned(), t.redeemed(), t.expired(), t.clawedBack(), t.unrecovered(), t.adjustedIn(),
                    t.adjustedOut()},
                l.lastActivityAt().map(Instant::toString).orElse(null));
        TierStatus tier = s.tier();
        return new StoredMember(VERSION, s.memberId(), text(s.enrolledAt()),
                s.membershipStart().equals(s.enrolledAt()) ? null : text(s.membershipStart()),
                new Tier(tier.tierId(), tier.source().name(), text(tier.since()), text(tier.validUntil()),
                        tier.floorTierId(), text(tier.paidUntil()), tier.beneath().map(b -> new Under(b.tierId(),
                                text(b.since()), text(b.validUntil()))).orElse(null)),
                s.growth().entries().stream().map(g -> new Growth(g.eventId(), text(g.at()), g.metric(), g.amount()))
                        .toList(),
                s.tags(), s.attributes(), s.status().name(), ledger, counts(s.capUsage()), counts(s.benefitUsage()),
                s.purchases().stream().map(StoredMember::purchase).toList(),
                s.refunds().stream().map(r -> new Refund(r.eventId(), text(r.at()), r.purchaseEventId(),
                        money(r.amount()))).toList(),
                List.copyOf(s.processedEventIds()), s.surveyScore(), text(s.lastEventAt()),
                s.fees().stream().map(f -> new Fee(f.eventId(), text(f.at()), money(f.amount()), f.tierId(),
                        f.termMonths(), text(f.termStart()), text(f.termEnd()),
                        f.refunded() == null ? null : money(f.refunded()), text(f.refundedAt()))).toList());
    }

    private static Purchase purchase(PurchaseRecord p) {
        return new Purchase(p.eventId(), text(p.at()), money(p.amount()), money(p.eligible()), p.points(),
                new java.util.TreeMap<>(p.growth()), p.countedCaps(), p.basket(),
                p.refunded().amount().signum() == 0 ? null : money(p.refunded()),
                p.pointsClawedBack(), new java.util.TreeMap<>(p.growthClawedBack()),
                p.excludedSkus().stream().sorted().toList(),
                p.eligibleRefunded().signum() == 0 ? null : p.eligibleRefunded(),
                p.lines().stream().map(l -> new Line(l.sku(), money(l.amount()), money(l.eligible()),
                        l.refunded().isZero() ? null : money(l.refunded()))).toList());
    }

    private static List<Count> counts(PeriodCounters counters) {
        return counters.counts().stream().map(c -> new Count(c.id(), c.periodKey(), c.used())).toList();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String money(Money money) {
        return money.amount().toPlainString() + " " + money.currency().getCurrencyCode();
    }

    // ---------------------------------------------------------------- stored -> core

    MemberState toState() {
        Ledger l = ledger == null ? new Ledger(null, null, null, 0, null, null) : ledger;
        long[] t = l.totals == null ? new long[7] : l.totals;
        if (t.length != 7) {
            throw new IllegalArgumentException("$.ledger.totals must have 7 numbers, was " + t.length);
        }
        PointsLedger points = PointsLedger.restore(memberId,
                list(l.lots).stream().map(lot -> new PointsLot(lot.sourceEventId, lot.amount, lot.remaining,
                        instant(lot.earnedAt), instant(lot.availableFrom), instant(lot.expiresAt), lot.active,
                        lot.held)).toList(),
                list(l.postings).stream().map(p -> new Posting(p.eventId, memberId, instant(p.at),
                        PostingType.valueOf(p.type), p.points, p.rule, p.explanation)).toList(),
                list(l.redemptions).stream().map(r -> new RedemptionRecord(r.eventId, instant(r.at), r.points,
                        list(r.draws).stream().map(d -> new LotDraw(d.sourceEventId, d.points, instant(d.earnedAt),
                                instant(d.availableFrom), instant(d.expiresAt))).toList(), r.reversed)).toList(),
                l.debt, new LedgerTotals(t[0], t[1], t[2], t[3], t[4], t[5], t[6]), instant(l.lastActivityAt));
        TierStatus beneath = tier.earnedBeneath == null ? null : new TierStatus(tier.earnedBeneath.tierId,
                TierSource.EARNED, instant(tier.earnedBeneath.since), instant(tier.earnedBeneath.validUntil),
                tier.floorTierId, null);
        TierStatus tierStatus = new TierStatus(tier.tierId, TierSource.valueOf(tier.source), instant(tier.since),
                instant(tier.validUntil), tier.floorTierId, instant(tier.paidUntil), beneath);
        Instant enrolled = instant(enrolledAt);
        return new MemberState(memberId, enrolled, membershipStart == null ? enrolled : instant(membershipStart),
                tierStatus,
                new GrowthLedger(list(growth).stream().map(g -> new GrowthEntry(g.eventId, instant(g.at), g.metric,
                        g.amount)).toList()),
                tags == null ? Set.of() : tags, attributes == null ? Map.of() : attributes,
                MemberStatus.valueOf(status), points, counters(capUsage), counters(benefitUsage),
                list(purchases).stream().map(StoredMember::purchaseRecord).toList(),
                list(refunds).stream().map(r -> new RefundRecord(r.eventId, instant(r.at), r.purchaseEventId,
                        money(r.amount))).toList(),
                new java.util.LinkedHashSet<>(list(processedEventIds)), surveyScore, instant(lastEventAt),
                list(fees).stream().map(f -> new FeeRecord(f.eventId, instant(f.at), money(f.amount), f.tierId,
                        f.termMonths, instant(f.termStart), instant(f.termEnd), money(f.refunded),
                        instant(f.refundedAt))).toList());
    }

    private static PurchaseRecord purchaseRecord(Purchase p) {
        return new PurchaseRecord(p.eventId, instant(p.at), money(p.amount), money(p.eligible), p.points,
                map(p.growth), list(p.countedCaps), p.basket, money(p.refunded), p.pointsClawedBack,
                map(p.growthClawedBack), Set.copyOf(list(p.excludedSkus)), p.eligibleRefunded,
                list(p.lines).stream().map(l -> new LineRecord(l.sku, money(l.amount), money(l.eligible),
                        money(l.refunded))).toList());
    }

    private static PeriodCounters counters(List<Count> counts) {
        List<Count> all = list(counts);
        return all.isEmpty() ? PeriodCounters.EMPTY
                : new PeriodCounters(all.stream().map(c -> new PeriodCount(c.id, c.periodKey, c.used)).toList());
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, BigDecimal> map(Map<String, BigDecimal> map) {
        return map == null ? Map.of() : new LinkedHashMap<>(map);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static Money money(String text) {
        if (text == null) {
            return null;
        }
        int space = text.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("money must be \"<amount> <currency>\", was \"" + text + "\"");
        }
        return Money.of(new BigDecimal(text.substring(0, space)), Currency.getInstance(text.substring(space + 1)));
    }
}

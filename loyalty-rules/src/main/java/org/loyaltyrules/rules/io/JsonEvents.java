package org.loyaltyrules.rules.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.money.Decimals;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.NearMiss;
import org.loyaltyrules.rules.program.ProgramText;

/**
 * Turns one JSON object (one JSON Lines line) into a {@link LoyaltyEvent}, field by field, so that the first bad
 * field is reported by name ({@link BadField}). Fields the type does not know are kept as attributes.
 */
final class JsonEvents {

    static final List<String> TYPES = List.of("purchase", "refund", "redemption", "redemption_reversal", "enrollment",
            "membership_fee", "fee_refund", "survey", "adjustment", "benefit_claim", "tier_review");

    private static final Set<String> COMMON = Set.of("id", "type", "member", "at", "attributes");
    private static final Map<String, Set<String>> KNOWN = Map.ofEntries(
            Map.entry("purchase", Set.of("amount", "currency", "channel", "partner", "metrics", "lines", "delivery",
                    "tax")),
            Map.entry("refund", Set.of("original", "amount", "currency", "lines")),
            Map.entry("redemption", Set.of("points", "reward")),
            Map.entry("redemption_reversal", Set.of("original")),
            Map.entry("enrollment", Set.of("tier")),
            Map.entry("membership_fee", Set.of("amount", "currency", "tier", "termMonths")),
            Map.entry("fee_refund", Set.of("original", "amount", "currency")),
            Map.entry("survey", Set.of("score")),
            Map.entry("adjustment", Set.of("points", "reason", "status")),
            Map.entry("benefit_claim", Set.of("benefit")),
            Map.entry("tier_review", Set.of()));
    /**
     * The fields each type requires beyond {@code id, member, at}, with what each holds: a line that leaves one out
     * says so ({@code original: is required for a refund (the id of the purchase refunded)}). docs/program-json.md's
     * event table lists the same words ({@code ProgramJsonEventTableTest}).
     */
    static final Map<String, Map<String, String>> REQUIRED = Map.ofEntries(
            Map.entry("purchase", holding("amount", "the amount paid, delivery and tax included")),
            Map.entry("refund", holding("original", "the id of the purchase refunded", "amount", "the money refunded")),
            Map.entry("redemption", holding("points", "the points redeemed")),
            Map.entry("redemption_reversal", holding("original", "the id of the redemption reversed")),
            Map.entry("enrollment", holding()),
            Map.entry("membership_fee", holding("amount", "the fee paid", "tier", "the tier the fee pays for",
                    "termMonths", "the months the fee pays for, 12 for annual")),
            Map.entry("fee_refund", holding("original", "the id of the membership_fee refunded")),
            Map.entry("survey", holding("score", "the score given, 0-10")),
            Map.entry("adjustment", holding("reason", "why the member's points or status change")),
            Map.entry("benefit_claim", holding("benefit", "the id of the benefit claimed")),
            Map.entry("tier_review", holding()));
    private static final Set<String> LINE_FIELDS = Set.of("sku", "category", "quantity", "amount", "attributes");
    private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]\\.(\\w+)");

    private final ZoneId zone;
    private final Currency defaultCurrency;

    JsonEvents(ZoneId zone, Currency defaultCurrency) {
        this.zone = zone;
        this.defaultCurrency = defaultCurrency;
    }

    /**
     * The event of one JSON object; a required field left out names the type that requires it and what it holds, and
     * the field of the object that misspells it when one does ({@code amount: is required for a purchase (the amount
     * paid, delivery and tax included; found "amout": a misspelling?)}).
     */
    LoyaltyEvent event(JsonNode node) {
        try {
            return read(node);
        } catch (BadField e) {
            throw withMisspelling(node, described(node, e));
        }
    }

    private static Map<String, String> holding(String... fieldsAndWhatTheyHold) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndWhatTheyHold.length; i += 2) {
            fields.put(fieldsAndWhatTheyHold[i], fieldsAndWhatTheyHold[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    /**
     * {@code e}, when it is a field of {@link #REQUIRED} left out, naming the event type that requires it and what it
     * holds ({@code is required for a refund (the id of the purchase refunded)}).
     */
    private static BadField described(JsonNode node, BadField e) {
        JsonNode type = node.isObject() ? node.get("type") : null;
        Map<String, String> required = type == null ? null : REQUIRED.get(type.asText());
        String holds = required == null ? null : required.get(e.field());
        if (holds == null || !e.getMessage().equals("is required")) {
            return e;
        }
        String name = type.asText();
        String article = "aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ";
        return new BadField(e.field(), "is required for " + article + name + " (" + holds + ")");
    }

    /**
     * The fields of {@code node} (an event read by {@link #event}) that are kept as attributes though they are near
     * the name of a field of the event or of a basket line that is not there ({@code chanel}, {@code catgory}): each
     * a warning, as an attribute may have any name.
     */
    List<BadField> misspellings(JsonNode node) {
        List<BadField> found = new ArrayList<>();
        misspellings(node, fields(node), "", found);
        JsonNode lines = node.get("lines");
        for (int i = 0; lines != null && lines.isArray() && i < lines.size(); i++) {
            misspellings(lines.get(i), LINE_FIELDS, "lines[" + i + "].", found);
        }
        return found;
    }

    private static void misspellings(JsonNode object, Set<String> known, String prefix, List<BadField> into) {
        nearMisses(object, known).forEach((written, field) -> into.add(new BadField(prefix + written,
                "kept as an attribute; a misspelling of \"" + field + "\"?")));
    }

    /** {@code e}, naming the field that misspells the required field it is about when one does. */
    private static BadField withMisspelling(JsonNode node, BadField e) {
        Matcher line = LINE_FIELD.matcher(e.field());
        JsonNode lines = node.get("lines");
        JsonNode object = !line.matches() ? node
                : lines != null && lines.isArray() ? lines.get(Integer.parseInt(line.group(1))) : null;
        if (!e.getMessage().startsWith("is required") || object == null || !object.isObject()) {
            return e;
        }
        String field = line.matches() ? line.group(2) : e.field();
        return nearMisses(object, line.matches() ? LINE_FIELDS : fields(node)).entrySet().stream()
                .filter(miss -> miss.getValue().equals(field)).findFirst()
                .map(miss -> new BadField(e.field(), withHint(e.getMessage(), "found \"" + miss.getKey()
                        + "\": a misspelling?")))
                .orElse(e);
    }

    /** {@code message (hint)}, or {@code message (what; hint)} when the message ends in a parenthesis. */
    private static String withHint(String message, String hint) {
        return message.endsWith(")") ? message.substring(0, message.length() - 1) + "; " + hint + ")"
                : message + " (" + hint + ")";
    }

    /** Each field of {@code object} that {@code known} lacks but is near a known field left out, with that field. */
    private static Map<String, String> nearMisses(JsonNode object, Set<String> known) {
        Set<String> absent = new TreeSet<>(known);
        absent.removeIf(field -> present(object, field));
        Map<String, String> misses = new LinkedHashMap<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                NearMiss.of(name, absent).ifPresent(field -> misses.put(name, field));
            }
        }
        return misses;
    }

    /** The fields an event of this node's type has (the common ones only while its type is unknown). */
    private static Set<String> fields(JsonNode node) {
        JsonNode type = node.get("type");
        Set<String> own = type == null ? Set.of() : KNOWN.getOrDefault(type.asText(), Set.of());
        Set<String> all = new TreeSet<>(COMMON);
        all.addAll(own);
        return all;
    }

    private LoyaltyEvent read(JsonNode node) {
        if (!node.isObject()) {
            throw new BadField("", "must be a JSON object, was " + kind(node));
        }
        refuseHalfCharacters(node, "");
        String type = requiredText(node, "type");
        if (!KNOWN.containsKey(type)) {
            throw new BadField("type", "must be one of " + TYPES + ", was \"" + type + "\"");
        }
        String id = requiredId(node, "id");
        String member = requiredId(node, "member");
        Instant at = instant(node, "at");
        Map<String, String> attributes = attributes(node, type);
        requireOne(node, type, "partner");
        if ("purchase".equals(type)) {
            requireOne(node, type, "channel");
            refuseTier(node);
        }
        try {
            return build(node, type, id, member, at, attributes);
        } catch (IllegalArgumentException e) {
            // a rule of the event itself the fields above did not catch (purchases and refunds name their field)
            throw new BadField("", e.getMessage());
        }
    }

    private LoyaltyEvent build(JsonNode node, String type, String id, String member, Instant at,
                               Map<String, String> attributes) {
        switch (type) {
            case "purchase": {
                Currency currency = currency(node);
                Money amount = money(node, "amount", currency, true);
                String channel = optionalText(node, "channel");
                String partner = optionalText(node, "partner");
                Map<String, BigDecimal> metrics = metrics(node);
                List<PurchaseLine> lines = lines(node, currency);
                Money delivery = optionalMoney(node, "delivery", currency);
                Money tax = optionalMoney(node, "tax", currency);
                try {
                    return new Purchase(id, member, at, amount, channel, partner, attributes, metrics, lines, delivery,
                            tax);
                } catch (IllegalArgumentException e) {
                    throw new BadField(basketField(amount, lines, delivery, tax), e.getMessage());
                }
            }
            case "refund": {
                String original = requiredId(node, "original");
                JsonNode value = node.get("amount");
                if (value == null || value.isNull()) {
                    throw new BadField("amount", "is required");
                }
                BigDecimal refunded = decimal(value, "amount");
                if (refunded.signum() <= 0) {
                    throw new BadField("amount", "must be > 0, was " + Decimals.shown(refunded));
                }
                Currency currency = currency(node);
                Money amount = moneyOf(refunded, currency, "amount");
                List<PurchaseLine> lines = lines(node, currency);
                try {
                    return new Refund(id, member, at, original, amount, attributes, lines);
                } catch (IllegalArgumentException e) {
                    // the refund's one cross-field rule: its lines add up to at most the refund
                    throw new BadField(sum(lines, amount).compareTo(amount) > 0 ? "lines" : "", e.getMessage());
                }
            }
            case "redemption": {
                long points = integer(node, "points");
                if (points <= 0) {
                    throw new BadField("points", "must be > 0, was " + points);
                }
                return new Redemption(id, member, at, points, optionalText(node, "reward"), attributes);
            }
            case "redemption_reversal":
                return new RedemptionReversal(id, member, at, requiredId(node, "original"), attributes);
            case "enrollment":
                return new Enrollment(id, member, at, optionalText(node, "tier"), attributes);
            case "membership_fee": {
                Money amount = money(node, "amount", currency(node), true);
                String tier = requiredText(node, "tier");
                long term = integer(node, "termMonths");
                if (term <= 0 || term > 1200) {
                    throw new BadField("termMonths", "must be in 1..1200, was " + term);
                }
                return new MembershipFee(id, member, at, amount, tier, (int) term, attributes);
            }
            case "fee_refund": {
                String original = requiredId(node, "original");
                Money amount = present(node, "amount") ? money(node, "amount", currency(node), true) : null;
                return new FeeRefund(id, member, at, original, amount, attributes);
            }
            case "survey": {
                long score = integer(node, "score");
                if (score < 0 || score > 10) {
                    throw new BadField("score", "must be in 0..10, was " + score);
                }
                return new Survey(id, member, at, (int) score, attributes);
            }
            case "adjustment": {
                long points = present(node, "points") ? integer(node, "points") : 0;
                String reason = requiredText(node, "reason");
                MemberStatus status = null;
                if (present(node, "status")) {
                    String text = requiredText(node, "status");
                    try {
                        status = MemberStatus.valueOf(text);
                    } catch (IllegalArgumentException e) {
                        throw new BadField("status", "must be one of " + Arrays.toString(MemberStatus.values())
                                + ", was \"" + text + "\"");
                    }
                }
                if (points == 0 && status == null) {
                    throw new BadField("points", "is required (non-zero) when no status is given");
                }
                return new Adjustment(id, member, at, points, reason, status, attributes);
            }
            case "benefit_claim":
                return new BenefitClaim(id, member, at, requiredText(node, "benefit"), attributes);
            case "tier_review":
                return new TierReview(id, member, at, attributes);
            default:
                throw new IllegalStateException("type checked above, was " + type);
        }
    }

    // ---------------------------------------------------------------- fields

    /**
     * A JSON escape can write half a character ({@code "m\ud800"}, a lone surrogate): valid JSON in a valid UTF-8
     * file, but no UTF-8 output can hold it (a run died writing members.csv, half written). Refused at its field.
     */
    private static void refuseHalfCharacters(JsonNode node, String path) {
        if (node.isTextual()) {
            int at = halfCharacterAt(node.textValue());
            if (at >= 0) {
                throw new BadField(path, String.format(Locale.ROOT, "must be Unicode text: \\u%04x at character %d"
                        + " is half of a character (a lone surrogate escape)", (int) node.textValue().charAt(at),
                        at + 1));
            }
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (halfCharacterAt(field.getKey()) >= 0) {
                    throw new BadField(path, "has a field name that is half a character (a lone surrogate escape)");
                }
                refuseHalfCharacters(field.getValue(), name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseHalfCharacters(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** The index of the first surrogate without its other half in {@code text}, or -1. */
    private static int halfCharacterAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private static String requiredText(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null || text.isBlank()) {
            throw new BadField(field, "is required");
        }
        return text;
    }

    /** An event or member id without surrounding whitespace, as the CSV reader trims its fields (" m1 " is m1). */
    private static String requiredId(JsonNode node, String field) {
        String id = requiredText(node, field).trim();
        if (!ProgramText.visible(id)) { // white space or control characters only (a no-break space too), as scenarios
            throw new BadField(field, "is required");
        }
        return id;
    }

    private static String optionalText(JsonNode node, String field) {
        return text(node, field);
    }

    /**
     * A string, or a whole number written without quotes (ids such as 17850 are often numbers in exports, and 17850.0
     * where a spreadsheet or a data frame held them as decimals: both read as "17850"); 17850.5 is refused.
     */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = textOrWholeNumber(value);
        if (text == null) {
            throw new BadField(field, "must be a string, was " + value);
        }
        return text;
    }

    /**
     * The text of a JSON string, or the digits of a whole number ({@code 17850}, {@code 17850.0}, {@code 1.785E4}:
     * "17850"); null for anything else.
     */
    static String textOrWholeNumber(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (Decimals.tooLong(number) == null && isWhole(number)) { // 1E+100000000 is no id to write out
                return number.toBigInteger().toString();
            }
        }
        return null;
    }

    private Instant instant(JsonNode node, String field) {
        String text = requiredText(node, field);
        try {
            return EventTimes.parse(text, zone);
        } catch (IllegalArgumentException e) {
            throw new BadField(field, e.getMessage());
        }
    }

    private Currency currency(JsonNode node) {
        String code = text(node, "currency");
        return code == null ? defaultCurrency : currencyOf(code, "currency");
    }

    static Currency currencyOf(String code, String field) {
        Currency currency;
        try {
            currency = Currency.getInstance(code.trim());
        } catch (IllegalArgumentException e) {
            throw new BadField(field, "must be an ISO 4217 currency code, was \"" + code + "\"");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new BadField(field, "must be a currency with minor units, was \"" + code + "\"");
        }
        return currency;
    }

    private static Money money(JsonNode node, String field, Currency currency, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadField(field, "is required");
            }
            return null;
        }
        return moneyOf(decimal(value, field), currency, field);
    }

    private static Money optionalMoney(JsonNode node, String field, Currency currency) {
        return money(node, field, currency, false);
    }

    static Money moneyOf(BigDecimal amount, Currency currency, String field) {
        if (amount.signum() < 0) {
            throw new BadField(field, "must be >= 0, was " + Decimals.shown(amount));
        }
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            // Money's own check and words (decimals of the currency, digits; a long value cut short), for this field
            throw new BadField(field, e.getMessage().replaceFirst("^amount ", ""));
        }
    }

    static BigDecimal decimal(JsonNode value, String field) {
        if (value.isNumber()) {
            return bounded(value.decimalValue(), field);
        }
        if (value.isTextual()) {
            return decimalOf(value.textValue(), field);
        }
        throw new BadField(field, "must be a decimal number, was " + value);
    }

    static BigDecimal decimalOf(String text, String field) {
        BigDecimal number;
        try {
            number = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new BadField(field, "must be a decimal number, was \"" + text + "\"");
        }
        return bounded(number, field);
    }

    /** {@code number}, unless it is too large or too fine to compute with (1E+1001, 1E-999999999): a bad field. */
    static BigDecimal bounded(BigDecimal number, String field) {
        String tooLong = Decimals.tooLong(number);
        if (tooLong != null) {
            throw new BadField(field, tooLong);
        }
        return number;
    }

    /** 2, 2.0, 2.00 and 2e0 are whole; 2.5 is not. */
    private static boolean isWhole(BigDecimal number) {
        // a scale <= 0 is whole as it is (stripping 100E+2147483647 would overflow the scale)
        return number.signum() == 0 || number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadField(field, "is required");
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isIntegralNumber()) {
            throw new BadField(field, "must be an integer of at most " + Long.MAX_VALUE + ", was " + value);
        }
        if (value.isNumber()) {
            // a number written with a fraction that is zero (2.0, 2.00, 2e0) is that integer; 2.5 is not
            BigDecimal number = value.decimalValue();
            if (isWhole(number)) {
                try {
                    return number.longValueExact();
                } catch (ArithmeticException e) {
                    throw new BadField(field, "must be an integer of at most " + Long.MAX_VALUE + ", was " + value);
                }
            }
            throw new BadField(field, "must be an integer, was " + value);
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new BadField(field, (text.matches("[+-]?\\d+") ? "must be an integer of at most " + Long.MAX_VALUE
                        : "must be an integer") + ", was \"" + value.textValue() + "\"");
            }
        }
        throw new BadField(field, "must be an integer, was " + value);
    }

    private static Map<String, BigDecimal> metrics(JsonNode node) {
        JsonNode value = node.get("metrics");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new BadField("metrics", "must be an object of numbers, was " + value);
        }
        Map<String, BigDecimal> metrics = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "metrics." + e.getKey();
            BigDecimal number = decimal(e.getValue(), field);
            if (number.signum() < 0) {
                throw new BadField(field, "must be >= 0, was " + Decimals.shown(number));
            }
            metrics.put(e.getKey(), number);
        }
        return metrics;
    }

    private static List<PurchaseLine> lines(JsonNode node, Currency currency) {
        JsonNode value = node.get("lines");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new BadField("lines", "must be an array of lines, was " + value);
        }
        List<PurchaseLine> lines = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode line = value.get(i);
            String prefix = "lines[" + i + "]";
            if (!line.isObject()) {
                throw new BadField(prefix, "must be an object, was " + line);
            }
            long quantity = present(line, "quantity") ? integerIn(line, "quantity", prefix) : 1;
            if (quantity < 0) {
                throw new BadField(prefix + ".quantity", "must be >= 0, was " + quantity);
            }
            JsonNode amount = line.get("amount");
            if (amount == null || amount.isNull()) {
                throw new BadField(prefix + ".amount", "is required");
            }
            Money money = moneyOf(decimal(amount, prefix + ".amount"), currency, prefix + ".amount");
            Map<String, String> attributes = new TreeMap<>();
            extras(line, LINE_FIELDS, attributes);
            explicitAttributes(line, prefix + ".attributes", attributes);
            lines.add(new PurchaseLine(textIn(line, "sku", prefix), textIn(line, "category", prefix), quantity, money,
                    attributes));
        }
        return lines;
    }

    /**
     * The field a purchase's cross-field rule is about, in the order the purchase checks them: lines that add up to
     * more than the amount, else delivery beyond the amount on its own, else the tax that takes delivery + tax past it.
     */
    private static String basketField(Money amount, List<PurchaseLine> lines, Money delivery, Money tax) {
        Money zero = Money.zero(amount.currency());
        Money charges = (delivery == null ? zero : delivery).plus(tax == null ? zero : tax);
        if (sum(lines, amount).compareTo(amount) > 0) {
            return "lines";
        } else if (delivery != null && delivery.compareTo(amount) > 0) {
            return "delivery";
        }
        return charges.compareTo(amount) > 0 ? "tax" : "";
    }

    private static Money sum(List<PurchaseLine> lines, Money of) {
        Money sum = Money.zero(of.currency());
        for (PurchaseLine line : lines) {
            sum = sum.plus(line.amount());
        }
        return sum;
    }

    private static long integerIn(JsonNode node, String field, String prefix) {
        try {
            return integer(node, field);
        } catch (BadField e) {
            throw new BadField(prefix + "." + field, e.getMessage());
        }
    }

    private static String textIn(JsonNode node, String field, String prefix) {
        try {
            return text(node, field);
        } catch (BadField e) {
            throw new BadField(prefix + "." + field, e.getMessage());
        }
    }

    /** Explicit {@code attributes} win over unknown top-level fields of the same name. */
    private static Map<String, String> attributes(JsonNode node, String type) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Set<String> known = KNOWN.get(type);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!COMMON.contains(name) && !known.contains(name)) {
                JsonNode value = node.get(name);
                if (!value.isNull()) {
                    attributes.put(name, valueText(value));
                }
            }
        }
        explicitAttributes(node, "attributes", attributes);
        return attributes;
    }

    /**
     * A partner, or a purchase's channel, written both as a field and as the attribute of that name must be the same:
     * the engine earns, refuses and settles with one partner (docs/program-types.md, Coalition) and gives rules one
     * channel, and silently preferring either would earn at one partner and bill another, or earn the rate of
     * whichever channel program.json lists first. An empty value names none.
     */
    private static void requireOne(JsonNode node, String type, String name) {
        JsonNode explicit = node.get("attributes");
        JsonNode named = explicit == null || !explicit.isObject() ? null : explicit.get(name);
        if (named == null || named.isNull() || !present(node, name)) {
            return;
        }
        // a purchase's partner and channel are text fields; elsewhere they are attributes written at the top level
        String field = "purchase".equals(type) ? text(node, name) : valueText(node.get(name));
        String attribute = valueText(named);
        if (!field.isEmpty() && !attribute.isEmpty() && !field.equals(attribute)) {
            throw new BadField(name, "\"" + field + "\" differs from attributes." + name + " \"" + attribute
                    + "\": name the " + name + " once, or the same in both");
        }
    }

    /**
     * A purchase names no tier, neither as {@code attributes.tier} nor as a top-level {@code tier} (kept as that
     * attribute): rules see the member's tier under that name, so the line could earn the rate of a tier the member
     * does not hold.
     */
    private static void refuseTier(JsonNode node) {
        JsonNode explicit = node.get("attributes");
        JsonNode named = explicit == null || !explicit.isObject() ? null : explicit.get("tier");
        boolean asAttribute = named != null && !named.isNull();
        if (!asAttribute && !present(node, "tier")) {
            return;
        }
        String value = valueText(asAttribute ? named : node.get("tier"));
        throw new BadField(asAttribute ? "attributes.tier" : "tier", tierRefused(value));
    }

    /** Why a purchase naming tier {@code value} is a bad line; the CSV reader says the same of a tier column. */
    static String tierRefused(String value) {
        return "must not be set on a purchase, was \"" + value
                + "\": the tier is the member's, decided by the engine";
    }

    /** An attribute's text: a string, number or boolean as written, an object or array as its JSON. */
    private static String valueText(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static void extras(JsonNode node, Set<String> known, Map<String, String> into) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode value = node.get(name);
            if (!known.contains(name) && !value.isNull()) {
                into.put(name, valueText(value));
            }
        }
    }

    private static void explicitAttributes(JsonNode node, String field, Map<String, String> into) {
        JsonNode value = node.get("attributes");
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw new BadField(field, "must be an object, was " + value);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                into.put(e.getKey(), valueText(e.getValue()));
            }
        }
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}

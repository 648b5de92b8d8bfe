package org.loyaltyrules.rules.program;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.loyaltyrules.core.benefit.Benefit;
import org.loyaltyrules.core.benefit.BenefitBudget;
import org.loyaltyrules.core.benefit.BenefitCatalog;
import org.loyaltyrules.core.benefit.Occasion;
import org.loyaltyrules.core.member.FeeRefundPolicy;
import org.loyaltyrules.core.money.Decimals;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.ExpiryPolicy;
import org.loyaltyrules.core.points.RefundPolicy;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.core.program.Rounding;
import org.loyaltyrules.core.program.RoundingScope;
import org.loyaltyrules.core.program.Stacking;
import org.loyaltyrules.core.risk.AbnormalBehaviour;
import org.loyaltyrules.core.risk.Cap;
import org.loyaltyrules.core.risk.CapMeasure;
import org.loyaltyrules.core.tier.DowngradePolicy;
import org.loyaltyrules.core.tier.QualificationWindow;
import org.loyaltyrules.core.tier.StatusValidity;
import org.loyaltyrules.core.tier.Tier;
import org.loyaltyrules.core.tier.TierLadder;

/**
 * Reads {@code program.json} into {@link ProgramSettings}. Every problem is collected (not just the first) and
 * names its JSON path, the bad value and what is allowed; unknown fields are errors. The format is documented in
 * docs/program-json.md.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ProgramJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{...}}}" or a second object is not a program
            // a number written without quotes is read exactly, as a quoted one is (a double took 1E-999999999 for 0)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The periods a cap counts in: every period but TERM_MONTH, which counts benefit quotas only. */
    private static final List<CountingPeriod> CAP_PERIODS = Arrays.stream(CountingPeriod.values())
            .filter(p -> p != CountingPeriod.TERM_MONTH).toList();

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private ProgramJson(String source) {
        this.source = source;
    }

    /** Parses and validates; throws {@link ProgramException} listing every problem. */
    public static ProgramSettings parse(String json, String source) {
        ProgramJson reader = new ProgramJson(source);
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProgramException("program.json is not valid JSON",
                    List.of(ProgramText.syntaxProblem(e, source)));
        }
        if (root == null || root.isMissingNode()) {
            // Jackson's node type of nothing, "MISSING", names no value the author wrote
            throw new ProgramException("program " + source + " is empty", List.of(new Problem(source, "the file is "
                    + (json.isEmpty() ? "empty" : "blank") + "; it must hold the program, one JSON object")));
        }
        ProgramSettings settings = reader.program(new Node(root, "$"));
        if (!reader.problems.isEmpty() || settings == null) {
            throw new ProgramException("program " + source + " has " + reader.problems.size() + " problem(s)",
                    reader.problems);
        }
        return settings;
    }

    private ProgramSettings program(Node root) {
        if (!root.node.isObject()) {
            problem(root, "must be a JSON object, was " + root.node.getNodeType());
            return null;
        }
        allow(root, "id", "name", "version", "currency", "zone", "reward", "rounding", "stacking", "earning",
                "growth", "tiers", "pendingDays", "expiry", "refunds", "risk", "benefits", "insight", "membership", "partners", "description",
                "declares");
        String id = text(root, "id", null, true);
        String name = text(root, "name", id, false);
        String version = text(root, "version", null, true);
        Currency currency = parse(root, "currency", "USD", this::currency, "an ISO 4217 code such as USD");
        ZoneId zone = parse(root, "zone", "UTC", ZoneId::of, "a zone id such as UTC or Europe/Paris");
        RewardUnit unit = RewardUnit.POINTS;
        Node reward = root.get("reward");
        if (reward.present()) {
            allow(reward, "unit");
            unit = enumValue(reward, "unit", RewardUnit.class, RewardUnit.POINTS);
        }
        Rounding rounding = Rounding.FLOOR;
        RoundingScope scope = RoundingScope.PER_AWARD;
        Node round = root.get("rounding");
        if (round.present()) {
            allow(round, "mode", "scope");
            rounding = enumValue(round, "mode", Rounding.class, Rounding.FLOOR);
            scope = enumValue(round, "scope", RoundingScope.class, RoundingScope.PER_AWARD);
        }
        Stacking stacking = enumValue(root, "stacking", Stacking.class, Stacking.ADDITIVE);
        TierLadder ladder = ladder(root.get("tiers"));
        Set<String> tierIds = new LinkedHashSet<>();
        if (ladder != null) {
            ladder.tiers().forEach(t -> tierIds.add(t.id()));
        }
        List<Partner> partners = partners(root.get("partners"), currency);
        // a partner rate is judged against the ids written, also those of a partner with an error of its own; and
        // not at all when partners is no array (that has its own error)
        Node partnerNodes = root.get("partners");
        List<String> partnerIds = null;
        if (!partnerNodes.present()) {
            partnerIds = List.of();
        } else if (partnerNodes.node.isArray()) {
            partnerIds = new ArrayList<>();
            for (JsonNode p : partnerNodes.node) {
                if (p.path("id").isTextual()) {
                    partnerIds.add(p.path("id").asText());
                }
            }
        }
        Earning earning = earning(root.get("earning"), currency, tierIds, partnerIds);
        Map<String, BigDecimal> growthRates = Map.of();
        Node growth = root.get("growth");
        if (growth.present()) {
            allow(growth, "rates");
            growthRates = decimalMap(growth.get("rates"), false);
        }
        long pendingDays = integer(root, "pendingDays", 0, 0, 3650);
        ExpiryPolicy expiry = expiry(root.get("expiry"));
        RefundPolicy refund = RefundPolicy.RECOVER_AVAILABLE;
        Set<String> partialRefundsKeep = Set.of();
        Node refunds = root.get("refunds");
        if (refunds.present()) {
            allow(refunds, "policy", "partialRefundsKeep");
            refund = enumValue(refunds, "policy", RefundPolicy.class, RefundPolicy.RECOVER_AVAILABLE);
            partialRefundsKeep = partialRefundsKeep(refunds.get("partialRefundsKeep"), ladder, earning);
        }
        List<Cap> caps = new ArrayList<>();
        AbnormalBehaviour abnormal = AbnormalBehaviour.OFF;
        Node risk = root.get("risk");
        if (risk.present()) {
            allow(risk, "caps", "abnormal");
            caps = caps(risk.get("caps"), currency, unit, tierIds);
            abnormal = abnormal(risk.get("abnormal"));
        }
        Node planNodes = root.get("membership").get("plans");
        boolean sellsTerms = planNodes.present() && planNodes.node.isArray() && !planNodes.node.isEmpty();
        BenefitCatalog benefits = benefits(root.get("benefits"), tierIds, currency, sellsTerms);
        InsightSettings insight = insight(root.get("insight"));
        List<MembershipPlan> plans = plans(root.get("membership"), currency, tierIds);
        FeeRefundPolicy feeRefund = feeRefund(root.get("membership"));
        Declarations declares = declares(root.get("declares"));
        if (!problems.isEmpty() || ladder == null || earning == null || abnormal == null || insight == null) {
            return null;
        }
        return new ProgramSettings(id, name, version, currency, zone, unit, rounding, scope, stacking, earning,
                growthRates, ladder, Duration.ofDays(pendingDays), expiry, refund, caps, abnormal, benefits, insight,
                plans, partners, feeRefund, declares, partialRefundsKeep);
    }

    /**
     * The metrics a partial refund does not claw back: each must be one a purchase's record counts, the ladder's
     * metric or a milestone's (a name the engine never counts would keep nothing, silently).
     */
    private Set<String> partialRefundsKeep(Node array, TierLadder ladder, Earning earning) {
        Set<String> counted = new TreeSet<>();
        if (ladder != null) {
            counted.add(ladder.metric());
        }
        if (earning != null) {
            earning.milestones().forEach(m -> counted.add(m.metric()));
        }
        Set<String> kept = new TreeSet<>();
        forEach(array, n -> {
            String name = n.node.isTextual() ? n.node.asText() : "";
            if (name.isBlank()) {
                problem(n, "must be a non-blank string, was " + n.node);
            } else if (ladder != null && earning != null && !counted.contains(name)) {
                problem(n, "'" + name + "' is not a metric this program counts; it counts " + counted
                        + " (tiers.metric and the milestones' metrics)" + NearMiss.suggestion(name, counted));
            } else if (!kept.add(name)) {
                problem(n, "names '" + name + "' twice");
            }
        });
        return kept;
    }

    /** {@code declares}: {"monotoneInSpend": true}; every claim defaults to false. */
    private Declarations declares(Node declares) {
        if (!declares.present()) {
            return Declarations.NONE;
        }
        allow(declares, "monotoneInSpend");
        return new Declarations(bool(declares, "monotoneInSpend", false));
    }

    private TierLadder ladder(Node tiers) {
        if (!tiers.present()) {
            problem(tiers, "is required: the tier ladder (at least the base tier)");
            return null;
        }
        allow(tiers, "metric", "window", "validity", "downgrade", "graceDays", "ladder");
        String metric = text(tiers, "metric", "growth", false);
        QualificationWindow window = new QualificationWindow.CalendarYear();
        Node w = tiers.get("window");
        if (w.present()) {
            allow(w, "type", "months");
            String type = text(w, "type", "CALENDAR_YEAR", false);
            if (w.get("months").present() && (type.equals("CALENDAR_YEAR") || type.equals("ANNIVERSARY"))
                    && (!w.get("type").present() || w.get("type").node.isTextual())) {
                problem(w.get("months"), "is not read by window " + type + ": only ROLLING_MONTHS reads months");
            }
            switch (type) {
                case "CALENDAR_YEAR":
                    window = new QualificationWindow.CalendarYear();
                    break;
                case "ANNIVERSARY":
                    window = new QualificationWindow.Anniversary();
                    break;
                case "ROLLING_MONTHS":
                    window = new QualificationWindow.RollingMonths((int) integer(w, "months", 12, 1, 120));
                    break;
                default:
                    problem(w.get("type"), "must be one of [CALENDAR_YEAR, ANNIVERSARY, ROLLING_MONTHS], was \""
                            + type + "\"");
            }
        }
        StatusValidity validity = enumValue(tiers, "validity", StatusValidity.class, StatusValidity.END_OF_WINDOW);
        DowngradePolicy downgrade = enumValue(tiers, "downgrade", DowngradePolicy.class, DowngradePolicy.TO_EARNED_LEVEL);
        long graceDays = integer(tiers, "graceDays", 0, 0, 3650);
        Node ladder = tiers.get("ladder");
        if (!ladder.present() || !ladder.node.isArray() || ladder.node.isEmpty()) {
            problem(ladder, "must be a non-empty array of tiers, lowest first");
            return null;
        }
        List<Tier> list = new ArrayList<>();
        BigDecimal previous = null;
        String previousId = null;
        int before = problems.size();
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        for (int i = 0; i < ladder.node.size(); i++) {
            Node t = ladder.at(i);
            allow(t, "id", "name", "threshold", "keep", "reachable");
            String tierId = text(t, "id", null, true);
            String name = text(t, "name", tierId, false);
            boolean reachable = bool(t, "reachable", true);
            BigDecimal threshold = decimal(t, "threshold", i == 0 || !reachable ? BigDecimal.ZERO : null, true);
            BigDecimal keep = decimal(t, "keep", threshold, false);
            if (tierId == null || threshold == null) {
                continue;
            }
            boolean ok = true;
            Integer first = firstIndex.putIfAbsent(tierId, i);
            if (first != null) {
                problem(t.get("id"), "must be unique, was '" + tierId + "' again (also at $.tiers.ladder[" + first + "].id)");
                ok = false;
            }
            if (i == 0 && threshold.signum() != 0) {
                problem(t.get("threshold"), "must be 0 for the base tier (" + tierId + "), was " + threshold.toPlainString());
                ok = false;
            } else if (reachable && previous != null && threshold.compareTo(previous) <= 0) {
                problem(t.get("threshold"), "must be > " + previous.toPlainString() + " (" + previousId + "), was "
                        + threshold.toPlainString());
                ok = false;
            } else if (threshold.signum() < 0) {
                problem(t.get("threshold"), "must be >= 0, was " + threshold.toPlainString());
                ok = false;
            }
            boolean keepGiven = t.get("keep").present();
            if (keepGiven && keep != null && keep.signum() < 0) {
                problem(t.get("keep"), "must be >= 0, was " + keep.toPlainString());
                ok = false;
            } else if (keepGiven && keep != null && keep.compareTo(threshold) > 0) {
                problem(t.get("keep"), "must be <= threshold " + threshold.toPlainString() + ", was " + keep.toPlainString());
                ok = false;
            }
            if (reachable) {
                previous = threshold;
                previousId = tierId;
            }
            if (ok) {
                list.add(new Tier(tierId, name, threshold, keep, reachable));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return new TierLadder(list, metric, window, validity, downgrade, Duration.ofDays(graceDays));
        } catch (IllegalArgumentException e) {
            problem(ladder, e.getMessage());
            return null;
        }
    }

    private Earning earning(Node e, Currency currency, Set<String> tierIds, List<String> partnerIds) {
        if (!e.present()) {
            problem(e, "is required: at least {\"baseRate\": \"1\"}");
            return null;
        }
        allow(e, "baseRate", "rates", "metricRates", "tierBonus", "channelBonus", "lineBonuses", "campaigns",
                "exclusions", "minimumOrder", "milestones");
        BigDecimal baseRate = nonNegative(e, "baseRate", decimal(e, "baseRate", BigDecimal.ZERO, false));
        List<RateRule> rates = new ArrayList<>();
        forEach(e.get("rates"), r -> {
            allow(r, "attribute", "values", "rate");
            String attribute = text(r, "attribute", null, true);
            List<String> values = texts(r.get("values"));
            if ("tier".equals(attribute)) {
                // the pseudo-attribute of the member's tier: a value no tier has ("Gold") never matches
                checkTiers(r.get("values"), values, tierIds);
            } else if ("partner".equals(attribute) && partnerIds != null) {
                // the pseudo-attribute of the event's partner: the engine refuses an event naming a partner the
                // program does not list (UNKNOWN_PARTNER), so a rate for one ("Grocer") could never apply
                values.stream().filter(v -> !partnerIds.contains(v)).forEach(v -> problem(r.get("values"),
                        "names unknown partner '" + v + "'; partners are " + partnerIds));
            }
            BigDecimal rate = nonNegative(r, "rate", decimal(r, "rate", null, true));
            if (attribute != null && rate != null) {
                rates.add(new RateRule(attribute, values, rate));
            }
        });
        Map<String, BigDecimal> tierBonus = decimalMap(e.get("tierBonus"), false);
        checkTiers(e.get("tierBonus"), tierBonus.keySet(), tierIds);
        List<LineBonusRule> lineBonuses = new ArrayList<>();
        Map<String, String> bonusedAt = new LinkedHashMap<>(); // "sku A1" -> where its first multiplier is
        forEach(e.get("lineBonuses"), l -> {
            allow(l, "sku", "category", "multiplier");
            String sku = text(l, "sku", null, false);
            String category = text(l, "category", null, false);
            BigDecimal multiplier = decimal(l, "multiplier", null, true);
            if ((sku == null) == (category == null)) {
                problem(l, "must name exactly one of sku or category");
            } else if (multiplier != null && multiplier.compareTo(BigDecimal.ONE) < 0) {
                problem(l.get("multiplier"), "must be >= 1, was " + multiplier.toPlainString());
            } else if (multiplier != null) {
                // a second multiplier for the same SKU or category would stack with the first: no accidental stacking
                String kind = sku != null ? "sku" : "category";
                String value = sku != null ? sku : category;
                Node key = l.get(kind);
                String first = bonusedAt.putIfAbsent(kind + " " + value, key.path);
                if (first != null) {
                    problem(key, "has a multiplier already at " + first + ", was '" + value + "' again: give each "
                            + (sku != null ? "SKU" : "category") + " one multiplier");
                } else {
                    lineBonuses.add(new LineBonusRule(kind, value, multiplier));
                }
            }
        });
        List<Campaign> campaigns = new ArrayList<>();
        Set<String> campaignIds = new LinkedHashSet<>();
        forEach(e.get("campaigns"), c -> {
            allow(c, "id", "name", "from", "to", "factor", "tierFactors", "mode");
            String id = text(c, "id", null, true);
            // an award names its campaign by id: two of one id would read as one in explanations and reports
            if (id != null && !campaignIds.add(id)) {
                problem(c.get("id"), "must be unique, was '" + id + "' again");
                return;
            }
            String name = text(c, "name", id, false);
            LocalDate from = parse(c, "from", null, LocalDate::parse, "a date like 2025-11-01");
            LocalDate to = parse(c, "to", null, LocalDate::parse, "a date like 2025-11-11");
            BigDecimal factor = nonNegative(c, "factor", decimal(c, "factor", null, false));
            Map<String, BigDecimal> tierFactors = decimalMap(c.get("tierFactors"), false);
            checkTiers(c.get("tierFactors"), tierFactors.keySet(), tierIds);
            String mode = text(c, "mode", "REPLACE", false);
            if (!"REPLACE".equals(mode) && !"ADD".equals(mode)) {
                problem(c.get("mode"), "must be one of [REPLACE, ADD], was \"" + mode + "\"");
            }
            // a date missing or not valid has its own problem at its own path
            if (from != null && to != null && to.isBefore(from)) {
                problem(c.get("to"), "must not be before from " + from + ", was " + to);
            }
            if (!c.get("factor").present() && !c.get("tierFactors").present()) {
                problem(c, "needs a factor or tierFactors");
            }
            if ("REPLACE".equals(mode)) {
                java.util.stream.Stream.concat(java.util.stream.Stream.ofNullable(factor), tierFactors.values().stream())
                        .filter(f -> f.compareTo(BigDecimal.ONE) < 0).findFirst()
                        .ifPresent(f -> problem(c, "a REPLACE factor must be >= 1, was " + f.toPlainString()));
            }
            if (id != null && from != null && to != null) {
                campaigns.add(new Campaign(id, name, from, to, factor, tierFactors, "REPLACE".equals(mode)));
            }
        });
        Exclusions exclusions = Exclusions.NONE;
        Node x = e.get("exclusions");
        if (x.present()) {
            allow(x, "skus", "categories", "delivery", "tax");
            exclusions = new Exclusions(new LinkedHashSet<>(texts(x.get("skus"))),
                    new LinkedHashSet<>(texts(x.get("categories"))), bool(x, "delivery", false), bool(x, "tax", false));
        }
        BigDecimal min = nonNegative(e, "minimumOrder", decimal(e, "minimumOrder", null, false));
        Money minimumOrder = min == null ? null : money(e.get("minimumOrder"), min, currency);
        List<Milestone> milestones = new ArrayList<>();
        Set<String> milestoneIds = new LinkedHashSet<>();
        forEach(e.get("milestones"), m -> {
            allow(m, "id", "metric", "at", "every", "points");
            String id = text(m, "id", null, true);
            // a milestone bonus is explained by its id ("milestone nights-40 10000 points"): it must say which
            if (id != null && !milestoneIds.add(id)) {
                problem(m.get("id"), "must be unique, was '" + id + "' again");
                return;
            }
            String metric = text(m, "metric", null, true);
            BigDecimal at = decimal(m, "at", null, true);
            BigDecimal every = decimal(m, "every", null, false);
            if (!m.get("points").present()) {
                problem(m.get("points"), "is required");
            }
            long points = integer(m, "points", 0, 1, Long.MAX_VALUE);
            if (every != null && every.signum() <= 0) {
                problem(m.get("every"), "must be > 0, was " + every.toPlainString());
            } else if (id != null && metric != null && at != null && points > 0) {
                milestones.add(new Milestone(id, metric, at, every, points));
            }
        });
        return new Earning(baseRate, rates, decimalMap(e.get("metricRates"), false), tierBonus,
                decimalMap(e.get("channelBonus"), false), lineBonuses, campaigns, exclusions, minimumOrder, milestones);
    }

    private ExpiryPolicy expiry(Node e) {
        if (!e.present()) {
            return ExpiryPolicy.never();
        }
        allow(e, "policy", "days", "months");
        String policy = text(e, "policy", "NEVER", false);
        // each policy reads one of days and months: the other would be ignored, and the default used silently
        // ("days": 365 under INACTIVITY meant 18 months)
        boolean countsDays = policy.equals("FIXED_DAYS");
        boolean countsMonths = policy.equals("END_OF_NTH_MONTH") || policy.equals("INACTIVITY");
        // a policy that is no known name (or no string) has its own error: the days and months are not judged by it
        boolean known = (countsDays || countsMonths || policy.equals("NEVER") || policy.equals("END_OF_NEXT_CALENDAR_YEAR"))
                && (!e.get("policy").present() || e.get("policy").node.isTextual());
        if (known && e.get("days").present() && !countsDays) {
            problem(e.get("days"), "is not read by policy " + policy + (countsMonths
                    ? ", which counts months: write \"months\" (12 for a year)" : ": only FIXED_DAYS reads days"));
        }
        if (known && e.get("months").present() && !countsMonths) {
            problem(e.get("months"), "is not read by policy " + policy + (countsDays
                    ? ", which counts days: write \"days\" (365 for a year)"
                    : ": only END_OF_NTH_MONTH and INACTIVITY read months"));
        }
        switch (policy) {
            case "NEVER":
                return ExpiryPolicy.never();
            case "FIXED_DAYS":
                return new ExpiryPolicy.FixedDays((int) integer(e, "days", 365, 1, 36500));
            case "END_OF_NTH_MONTH":
                return new ExpiryPolicy.EndOfNthMonthAfterEarn((int) integer(e, "months", 12, 0, 1200));
            case "END_OF_NEXT_CALENDAR_YEAR":
                return new ExpiryPolicy.EndOfNextCalendarYear();
            case "INACTIVITY":
                return new ExpiryPolicy.Inactivity((int) integer(e, "months", 18, 1, 1200));
            default:
                problem(e.get("policy"), "must be one of [NEVER, FIXED_DAYS, END_OF_NTH_MONTH, "
                        + "END_OF_NEXT_CALENDAR_YEAR, INACTIVITY], was \"" + policy + "\"");
                return ExpiryPolicy.never();
        }
    }

    private List<Cap> caps(Node caps, Currency currency, RewardUnit unit, Set<String> tierIds) {
        List<Cap> list = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        forEach(caps, c -> {
            allow(c, "id", "tier", "period", "measure", "limit");
            String id = text(c, "id", null, true);
            // a cap's usage is counted under its id: two caps of one id would count into one counter, each period
            // key replacing the other's (a monthly cap read a daily count and never bit)
            if (id != null && !ids.add(id)) {
                problem(c.get("id"), "must be unique, was '" + id + "' again");
                return;
            }
            String tier = text(c, "tier", null, false);
            if (tier != null && !tierIds.isEmpty() && !tierIds.contains(tier)) {
                problem(c.get("tier"), "must be one of " + tierIds + ", was \"" + tier + "\""
                        + NearMiss.suggestion(tier, tierIds));
            }
            Node periodNode = c.get("period");
            if (periodNode.present() && CountingPeriod.TERM_MONTH.name().equals(periodNode.node.asText())) {
                problem(periodNode, "TERM_MONTH counts benefit quotas only (a month of a paid term); a cap"
                        + " counts in DAY, WEEK, MONTH, YEAR, MEMBERSHIP_YEAR or LIFETIME");
                return;
            }
            CountingPeriod period = enumValue(c, "period", CAP_PERIODS, null);
            CapMeasure measure = capMeasure(c, unit);
            BigDecimal limit = decimal(c, "limit", null, true);
            if (id == null || period == null || measure == null || limit == null) {
                if (period == null && !c.get("period").present()) {
                    problem(c.get("period"), "is required: one of " + CAP_PERIODS);
                }
                return;
            }
            if (measure == CapMeasure.MONEY && currency == null) {
                return; // the currency has its own problem at $.currency
            }
            long units;
            try {
                units = measure == CapMeasure.MONEY ? Money.of(limit, currency).minorUnits() : limit.longValueExact();
            } catch (ArithmeticException | IllegalArgumentException ex) {
                boolean whole = limit.stripTrailingZeros().scale()
                        <= (measure == CapMeasure.MONEY ? currency.getDefaultFractionDigits() : 0);
                String rule;
                if (limit.signum() < 0) {
                    rule = "must be >= 0";
                } else if (whole) { // whole, but beyond a long
                    rule = "must be at most " + Long.MAX_VALUE + (measure == CapMeasure.MONEY ? " minor units" : "");
                } else {
                    rule = "must be a whole number (or money with at most " + currency.getDefaultFractionDigits()
                            + " decimals for MONEY)";
                }
                problem(c.get("limit"), rule + ", was " + limit.toPlainString());
                return;
            }
            if (units < 0) {
                problem(c.get("limit"), "must be >= 0, was " + limit.toPlainString());
                return;
            }
            list.add(new Cap(id, tier, period, measure, units));
        });
        return list;
    }

    /**
     * A cap counts what the program rewards (points, or money in minor units) or events: a MONEY cap in a points
     * program would read points as cents, a POINTS cap in a cashback program cents as points. The default, POINTS,
     * holds only in a points program; a cashback program names its caps' measure. Null when there is a problem.
     */
    private CapMeasure capMeasure(Node cap, RewardUnit unit) {
        CapMeasure own = unit == RewardUnit.MONEY ? CapMeasure.MONEY : CapMeasure.POINTS;
        Node n = cap.get("measure");
        if (!n.present()) {
            if (own == CapMeasure.POINTS) {
                return CapMeasure.POINTS;
            }
            problem(n, "is required in a program that rewards " + unit + ": " + own + " or COUNT (the default, POINTS,"
                    + " would count minor units as points)");
            return null;
        }
        CapMeasure measure = enumValue(cap, "measure", CapMeasure.class, null);
        if (measure != null && measure != own && measure != CapMeasure.COUNT) {
            problem(n, "must be " + own + " or COUNT in a program that rewards " + unit + ", was " + measure);
            return null;
        }
        return measure;
    }

    private AbnormalBehaviour abnormal(Node a) {
        if (!a.present()) {
            return AbnormalBehaviour.OFF;
        }
        allow(a, "maxPurchases", "velocityMinutes", "maxRefundRatio", "refundWindowDays", "maxIdenticalBaskets",
                "basketWindowHours");
        int maxPurchases = (int) integer(a, "maxPurchases", 0, 0, 1_000_000);
        long velocityMinutes = integer(a, "velocityMinutes", 60, 1, 525_600);
        BigDecimal ratio = decimal(a, "maxRefundRatio", BigDecimal.ZERO, false);
        if (ratio != null && (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0)) {
            problem(a.get("maxRefundRatio"), "must be in 0..1, was " + ratio.toPlainString());
            return null;
        }
        long refundDays = integer(a, "refundWindowDays", 90, 1, 3650);
        int baskets = (int) integer(a, "maxIdenticalBaskets", 0, 0, 1_000_000);
        long basketHours = integer(a, "basketWindowHours", 24, 1, 87_600);
        return new AbnormalBehaviour(maxPurchases, Duration.ofMinutes(velocityMinutes),
                ratio == null ? BigDecimal.ZERO : ratio, Duration.ofDays(refundDays), baskets, Duration.ofHours(basketHours));
    }

    private List<MembershipPlan> plans(Node membership, Currency currency, Set<String> tierIds) {
        List<MembershipPlan> plans = new ArrayList<>();
        if (!membership.present()) {
            return plans;
        }
        allow(membership, "plans", "refund");
        forEach(membership.get("plans"), p -> {
            allow(p, "tier", "price", "termMonths", "lateRenewalMonths");
            String tier = text(p, "tier", null, true);
            if (tier != null && !tierIds.isEmpty() && !tierIds.contains(tier)) {
                problem(p.get("tier"), "must be one of " + tierIds + ", was \"" + tier + "\""
                        + NearMiss.suggestion(tier, tierIds));
                return;
            }
            BigDecimal price = nonNegative(p, "price", decimal(p, "price", null, true));
            int term = (int) integer(p, "termMonths", 12, 1, 1200);
            int late = (int) integer(p, "lateRenewalMonths", 0, 0, Integer.MAX_VALUE);
            if (late >= term) {
                problem(p.get("lateRenewalMonths"), "must be less than termMonths (" + term + "), so that a term "
                        + "renewed late still runs after the payment, was " + late);
                late = 0;
            }
            Money fee = price == null ? null : money(p.get("price"), price, currency);
            if (tier != null && fee != null) {
                plans.add(new MembershipPlan(tier, fee, term, late));
            }
        });
        return plans;
    }

    /**
     * {@code membership.refund}: {"policy": "NONE|FULL|PRO_RATA_DAYS|PRO_RATA_MONTHS", "fullRefundDays": 0,
     * "forfeitRewards": false}.
     */
    private FeeRefundPolicy feeRefund(Node membership) {
        if (!membership.present() || !membership.get("refund").present()) {
            return FeeRefundPolicy.NONE;
        }
        Node refund = membership.get("refund");
        allow(refund, "policy", "fullRefundDays", "forfeitRewards");
        FeeRefundPolicy.Kind kind = enumValue(refund, "policy", FeeRefundPolicy.Kind.class, FeeRefundPolicy.Kind.NONE);
        int days = (int) integer(refund, "fullRefundDays", 0, 0, 3650);
        boolean forfeit = bool(refund, "forfeitRewards", false);
        return new FeeRefundPolicy(kind == null ? FeeRefundPolicy.Kind.NONE : kind, days, forfeit);
    }

    private List<Partner> partners(Node partners, Currency currency) {
        List<Partner> list = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        forEach(partners, p -> {
            allow(p, "id", "name", "earnRate", "burnValue", "settlementPrice");
            String id = text(p, "id", null, true);
            String name = text(p, "name", id, false);
            BigDecimal earn = nonNegative(p, "earnRate", decimal(p, "earnRate", BigDecimal.ZERO, false));
            BigDecimal burn = nonNegative(p, "burnValue", decimal(p, "burnValue", BigDecimal.ZERO, false));
            BigDecimal price = nonNegative(p, "settlementPrice", decimal(p, "settlementPrice", BigDecimal.ZERO, false));
            if (id != null && !ids.add(id)) {
                problem(p.get("id"), "must be unique, was '" + id + "' again");
            } else if (id != null && earn != null && burn != null && price != null) {
                list.add(new Partner(id, name, earn, burn, price));
            }
        });
        return list;
    }

    private InsightSettings insight(Node insight) {
        if (!insight.present()) {
            return InsightSettings.STANDARD;
        }
        allow(insight, "acquisitionDays", "formationDays", "trendDays", "declineRatio", "minProbabilityAlive",
                "intervalMultiple", "rfm", "bgNbd", "gammaGamma", "layering");
        var lifecycle = org.loyaltyrules.core.insight.LifecycleSettings.standard();
        var churn = org.loyaltyrules.core.insight.ChurnSettings.standard();
        int acquisition = (int) integer(insight, "acquisitionDays", lifecycle.acquisitionDays(), 0, 36500);
        int formation = (int) integer(insight, "formationDays", lifecycle.formationDays(), 0, 36500);
        int trend = (int) integer(insight, "trendDays", lifecycle.trendDays(), 1, 36500);
        BigDecimal decline = decimal(insight, "declineRatio", lifecycle.declineRatio(), false);
        BigDecimal alive = decimal(insight, "minProbabilityAlive", churn.minProbabilityAlive(), false);
        BigDecimal multiple = decimal(insight, "intervalMultiple", churn.intervalMultiple(), false);
        org.loyaltyrules.core.insight.RfmThresholds rfm = null;
        Node r = insight.get("rfm");
        if (r.present()) {
            allow(r, "recency", "frequency", "monetary");
            List<BigDecimal> rec = decimals(r.get("recency"));
            List<BigDecimal> freq = decimals(r.get("frequency"));
            List<BigDecimal> mon = decimals(r.get("monetary"));
            try {
                rfm = new org.loyaltyrules.core.insight.RfmThresholds(rec, freq, mon);
            } catch (IllegalArgumentException e) {
                problem(r, e.getMessage());
            }
        }
        org.loyaltyrules.core.insight.LifetimeModels models = null;
        Node bg = insight.get("bgNbd");
        if (bg.present()) {
            allow(bg, "r", "alpha", "a", "b");
            Node gg = insight.get("gammaGamma");
            org.loyaltyrules.core.insight.GammaGammaModel value = null;
            if (gg.present()) {
                allow(gg, "p", "q", "v");
                value = new org.loyaltyrules.core.insight.GammaGammaModel(positive(gg, "p"), positive(gg, "q"),
                        positive(gg, "v"));
            }
            models = org.loyaltyrules.core.insight.LifetimeModels.weekly(new org.loyaltyrules.core.insight.BgNbdModel(
                    positive(bg, "r"), positive(bg, "alpha"), positive(bg, "a"), positive(bg, "b")), value);
        }
        org.loyaltyrules.core.insight.LayeringModel layering = null;
        Node l = insight.get("layering");
        if (l.present()) {
            allow(l, "weights", "deductions", "layers");
            Map<String, BigDecimal> weights = decimalMap(l.get("weights"), false);
            Map<String, BigDecimal> deductions = decimalMap(l.get("deductions"), false);
            List<org.loyaltyrules.core.insight.Layer> layers = new ArrayList<>();
            forEach(l.get("layers"), layer -> {
                allow(layer, "name", "minScore");
                String name = text(layer, "name", null, true);
                BigDecimal min = decimal(layer, "minScore", null, true);
                if (name != null && min != null) {
                    layers.add(new org.loyaltyrules.core.insight.Layer(name, min));
                }
            });
            try {
                layering = new org.loyaltyrules.core.insight.LayeringModel(weights, deductions, layers);
            } catch (IllegalArgumentException e) {
                problem(l, e.getMessage());
            }
        }
        try {
            return new InsightSettings(new org.loyaltyrules.core.insight.LifecycleSettings(acquisition, formation,
                    trend, decline), new org.loyaltyrules.core.insight.ChurnSettings(alive, multiple), rfm, models,
                    layering);
        } catch (IllegalArgumentException | NullPointerException e) {
            problem(insight, e.getMessage() == null ? "has invalid values" : e.getMessage());
            return null;
        }
    }

    private BenefitCatalog benefits(Node benefits, Set<String> tierIds, Currency currency, boolean sellsTerms) {
        List<Benefit> list = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        forEach(benefits, b -> {
            allow(b, "id", "name", "tiers", "quota", "period", "cost", "budget", "occasion");
            String id = text(b, "id", null, true);
            String name = text(b, "name", id, false);
            List<String> tiers = texts(b.get("tiers"));
            checkTiers(b.get("tiers"), tiers, tierIds);
            int quota = (int) integer(b, "quota", 0, 0, 1_000_000);
            CountingPeriod period = enumValue(b, "period", CountingPeriod.class, CountingPeriod.MONTH);
            if (period == CountingPeriod.TERM_MONTH && !sellsTerms) {
                problem(b.get("period"), "TERM_MONTH counts months of a paid term, and the program sells none"
                        + " (membership.plans): use MONTH");
            }
            BigDecimal cost = nonNegative(b, "cost", decimal(b, "cost", null, false));
            Money costPerUse = cost == null ? null : money(b.get("cost"), cost, currency);
            BenefitBudget budget = budget(b.get("budget"), currency, cost);
            Occasion occasion = enumValue(b, "occasion", Occasion.class, Occasion.ANY);
            if (id != null && !ids.add(id)) {
                problem(b.get("id"), "must be unique, was '" + id + "' again");
            } else if (id != null && period != null) {
                list.add(new Benefit(id, name, tiers, quota, period, costPerUse, budget, occasion));
            }
        });
        return new BenefitCatalog(list);
    }

    /** {@code benefits[].budget}: {"amount": "5000.00", "period": "MONTH"}; needs the benefit's {@code cost}. */
    private BenefitBudget budget(Node budget, Currency currency, BigDecimal cost) {
        if (!budget.present()) {
            return null;
        }
        allow(budget, "amount", "period");
        BigDecimal amount = nonNegative(budget, "amount", decimal(budget, "amount", null, true));
        CountingPeriod period = enumValue(budget, "period", CountingPeriod.class, CountingPeriod.MONTH);
        if (cost == null) {
            problem(budget, "needs the benefit's cost per use (\"cost\") to count against");
            return null;
        }
        if (period == CountingPeriod.MEMBERSHIP_YEAR || period == CountingPeriod.TERM_MONTH) {
            problem(budget.get("period"), "spans all members: use DAY, WEEK, MONTH, YEAR or LIFETIME, was "
                    + period);
            return null;
        }
        Money money = amount == null ? null : money(budget.get("amount"), amount, currency);
        return money == null || period == null ? null : new BenefitBudget(money, period);
    }

    // ---- small typed readers that record problems with their JSON path ----

    private void checkTiers(Node where, Iterable<String> used, Set<String> tierIds) {
        for (String tier : used) {
            if (!tierIds.isEmpty() && !tierIds.contains(tier)) {
                problem(where, "names unknown tier '" + tier + "'; tiers are " + tierIds
                        + NearMiss.suggestion(tier, tierIds));
            }
        }
    }

    private void allow(Node node, String... fields) {
        if (!node.node.isObject()) {
            problem(node, "must be a JSON object, was " + node.node.getNodeType());
            return;
        }
        Set<String> allowed = Set.of(fields);
        Iterator<String> names = node.node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(node.get(name), "is not a known field; allowed here: " + Arrays.stream(fields).sorted().toList()
                        + NearMiss.suggestion(name, allowed));
            }
        }
    }

    private void forEach(Node array, java.util.function.Consumer<Node> each) {
        if (!array.present()) {
            return;
        }
        if (!array.node.isArray()) {
            problem(array, "must be an array, was " + array.node.getNodeType());
            return;
        }
        for (int i = 0; i < array.node.size(); i++) {
            each.accept(array.at(i));
        }
    }

    private String text(Node parent, String field, String fallback, boolean required) {
        Node n = parent.get(field);
        if (!n.present()) {
            if (required) {
                problem(n, "is required");
            }
            return fallback;
        }
        if (!n.node.isTextual() || n.node.asText().isBlank()) {
            problem(n, "must be a non-blank string, was " + n.node);
            return fallback;
        }
        return n.node.asText();
    }

    private List<BigDecimal> decimals(Node array) {
        List<BigDecimal> list = new ArrayList<>();
        forEach(array, n -> {
            BigDecimal d = decimalOf(n, null);
            if (d != null) {
                list.add(d);
            }
        });
        return list;
    }

    /** A positive model parameter (1 with a problem when it is missing or not positive). */
    private double positive(Node parent, String field) {
        BigDecimal d = decimal(parent, field, null, true);
        if (d != null && d.signum() <= 0) {
            problem(parent.get(field), "must be > 0, was " + d.toPlainString());
            return 1;
        }
        return d == null ? 1 : d.doubleValue();
    }

    /** {@code value}, or null with a problem when it is negative. */
    private BigDecimal nonNegative(Node parent, String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            problem(parent.get(field), "must be >= 0, was " + value.toPlainString());
            return null;
        }
        return value;
    }

    private List<String> texts(Node array) {
        List<String> list = new ArrayList<>();
        forEach(array, n -> {
            if (n.node.isTextual() && !n.node.asText().isBlank()) {
                list.add(n.node.asText());
            } else {
                problem(n, "must be a non-blank string, was " + n.node);
            }
        });
        return list;
    }

    private boolean bool(Node parent, String field, boolean fallback) {
        Node n = parent.get(field);
        if (!n.present()) {
            return fallback;
        }
        if (!n.node.isBoolean()) {
            problem(n, "must be true or false, was " + n.node);
            return fallback;
        }
        return n.node.booleanValue();
    }

    private long integer(Node parent, String field, long fallback, long min, long max) {
        Node n = parent.get(field);
        if (!n.present()) {
            return fallback;
        }
        if (!n.node.isIntegralNumber() || !n.node.canConvertToLong()) {
            problem(n, "must be a whole number in " + min + ".." + max + ", was " + n.node);
            return fallback;
        }
        long value = n.node.longValue();
        if (value < min || value > max) {
            problem(n, "must be in " + min + ".." + max + ", was " + value);
            return fallback;
        }
        return value;
    }

    /** Decimals are accepted as JSON strings ("1.5", exact) or numbers (read exactly from their text). */
    private BigDecimal decimal(Node parent, String field, BigDecimal fallback, boolean required) {
        Node n = parent.get(field);
        if (!n.present()) {
            if (required && fallback == null) {
                problem(n, "is required");
            }
            return fallback;
        }
        return decimalOf(n, fallback);
    }

    private BigDecimal decimalOf(Node n, BigDecimal fallback) {
        BigDecimal value = null;
        try {
            if (n.node.isTextual()) {
                value = new BigDecimal(n.node.asText().trim());
            } else if (n.node.isNumber()) {
                value = n.node.decimalValue();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        if (value == null) {
            problem(n, "must be a decimal number such as \"1.5\", was " + n.node);
            return fallback;
        }
        // an extreme exponent (1E-999999999) is no setting: every sum with it would take minutes, or overflow the
        // scale and refuse every purchase NUMBER_OVERFLOW
        // the digits before the point first: stripping 100E+2147483647 would overflow the scale
        if (Decimals.integerDigits(value) > Decimals.MAX_DIGITS) {
            problem(n, "must have at most " + Decimals.MAX_DIGITS + " digits before the decimal point, was "
                    + Decimals.shown(value));
            return fallback;
        }
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            problem(n, "must have at most " + MAX_DECIMALS + " decimals, was " + Decimals.shown(value));
            return fallback;
        }
        return value;
    }

    /** The decimals a program.json number may have (a rate of 0.000001 has 6). */
    private static final int MAX_DECIMALS = 40;

    private Map<String, BigDecimal> decimalMap(Node map, boolean allowNegative) {
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        if (!map.present()) {
            return result;
        }
        if (!map.node.isObject()) {
            problem(map, "must be an object of name to decimal, was " + map.node.getNodeType());
            return result;
        }
        map.node.fieldNames().forEachRemaining(name -> {
            BigDecimal value = decimalOf(map.get(name), null);
            if (value != null && !allowNegative && value.signum() < 0) {
                problem(map.get(name), "must be >= 0, was " + value.toPlainString());
            } else if (value != null) {
                result.put(name, value);
            }
        });
        return result;
    }

    private <E extends Enum<E>> E enumValue(Node parent, String field, Class<E> type, E fallback) {
        return enumValue(parent, field, List.of(type.getEnumConstants()), fallback);
    }

    /** As {@link #enumValue(Node, String, Class, Enum)}, with the values allowed here only. */
    private <E extends Enum<E>> E enumValue(Node parent, String field, List<E> allowed, E fallback) {
        Node n = parent.get(field);
        if (!n.present()) {
            return fallback;
        }
        String text = n.node.asText();
        for (E value : allowed) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        problem(n, "must be one of " + allowed + ", was " + n.node);
        return fallback;
    }

    private <T> T parse(Node parent, String field, String fallback, Function<String, T> parser, String expected) {
        Node n = parent.get(field);
        String text = n.present() ? n.node.asText() : fallback;
        if (text == null) {
            problem(n, "is required: " + expected);
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeException e) {
            problem(n, "must be " + expected + ", was " + (n.present() ? n.node : text));
            return null;
        }
    }

    /**
     * An amount in the program's currency, or null with a problem at {@code at} when it has more decimals than the
     * currency allows. Null without a problem of its own when the currency is invalid: that has its problem at
     * {@code $.currency}, and an amount cannot be checked against it.
     */
    private Money money(Node at, BigDecimal amount, Currency currency) {
        if (currency == null) {
            return null;
        }
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
            return null;
        }
    }

    private Currency currency(String code) {
        Currency currency = Currency.getInstance(code);
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("no minor units");
        }
        return currency;
    }

    private void problem(Node at, String message) {
        problems.add(new Problem(source + " " + at.path, message));
    }

    /** A JSON node and its path from the root, e.g. {@code $.tiers.ladder[2].threshold}. */
    private static final class Node {
        final JsonNode node;
        final String path;

        Node(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        Node get(String field) {
            JsonNode child = node == null || !node.isObject() ? null : node.get(field);
            return new Node(child, path + "." + field);
        }

        Node at(int index) {
            return new Node(node.get(index), path + "[" + index + "]");
        }

        boolean present() {
            return node != null && !node.isNull() && !node.isMissingNode();
        }
    }
}

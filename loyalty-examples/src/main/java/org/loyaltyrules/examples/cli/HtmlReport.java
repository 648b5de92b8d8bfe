package org.loyaltyrules.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.loyaltyrules.core.insight.InsightContext;
import org.loyaltyrules.core.insight.LifecycleStage;
import org.loyaltyrules.core.insight.MemberInsight;
import org.loyaltyrules.core.insight.NetPromoterScore;
import org.loyaltyrules.core.insight.PyramidBand;
import org.loyaltyrules.core.insight.PyramidPlacement;
import org.loyaltyrules.core.insight.RfmSegment;
import org.loyaltyrules.core.insight.RfmThresholds;
import org.loyaltyrules.core.insight.RfmValues;
import org.loyaltyrules.core.insight.Transaction;
import org.loyaltyrules.core.insight.ValuePyramid;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PointsTotal;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.tier.Tier;
import org.loyaltyrules.rules.TierMove;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * {@code report.html}: one self-contained page (inline CSS, Chart.js and data, no network) with the figures of one
 * replay. The page's data is one JSON object: {@code summary} is exactly what {@code run} writes to summary.json;
 * the rest (months, tiers over time, value pyramid, RFM, NPS, warnings, top members) is computed here from the same
 * replay, as of the review instant. Same replay, same bytes.
 */
final class HtmlReport {

    static final String TEMPLATE = "report/template.html";
    static final String CHART_JS = "report/chart.umd.min.js";
    /** The style and the helpers (tables, sorting, chart set-up, error capture) every report page shares. */
    static final String COMMON_CSS = "report/common.css";
    static final String COMMON_JS = "report/common.js";
    static final String COMMON_CSS_PLACEHOLDER = "/*@COMMON_CSS@*/";
    static final String COMMON_JS_PLACEHOLDER = "/*@COMMON_JS@*/";
    static final String DATA_PLACEHOLDER = "/*@REPORT_DATA@*/null";
    static final String CHART_JS_PLACEHOLDER = "/*@CHART_JS@*/";
    static final int TOP_MEMBERS = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplayReport report;
    private final ProgramSettings settings;
    private final Instant asOf;
    private final String asOfText;

    /** {@code asOfText}: the review instant as the console prints it, "1997-09-30 (end of day, UTC)"; null without. */
    HtmlReport(ReplayReport report, String asOfText) {
        this.report = report;
        this.settings = report.settings();
        this.asOf = report.reviewUntil();
        this.asOfText = asOfText;
    }

    // ---------------------------------------------------------------- data

    /** The page's data: the summary plus the report's own sections. */
    ObjectNode data() {
        ObjectNode root = JSON.createObjectNode();
        root.set("summary", report.summary());
        // whether a clawback can leave points unrecovered: the page then shows them among the cards
        root.put("refundPolicy", settings.refundPolicy().name());
        // input records the reader did not send as events (run lists them in unsent.csv): the header says how many
        root.put("recordsNotSent", report.input().unsent().size());
        // the review instant as the console prints it (summary.asOf is the instant itself)
        root.put("asOfText", asOfText);
        // the money of one point of a cashback program (a minor unit of the currency): the page says what it counts
        root.put("minorUnit", plain(BigDecimal.ONE.movePointLeft(
                Math.max(0, settings.currency().getDefaultFractionDigits()))));
        root.putArray("tiers").addAll(settings.ladder().tiers().stream()
                .map(t -> JSON.getNodeFactory().textNode(t.id())).toList());
        root.set("months", months());
        root.set("tiersByMonth", tiersByMonth());
        Insight insight = insight();
        root.set("valuePyramid", insight.pyramid);
        root.set("rfm", insight.rfm);
        root.set("nps", nps());
        // the page says what a churn warning is: program.json insight.intervalMultiple
        root.set("warnings", insight.warnings.put("churnIntervalMultiple",
                plain(settings.insight().churn().intervalMultiple())));
        root.set("topMembers", insight.topMembers);
        return root;
    }

    /** The months from the first posting or tier move to the review instant, in the program's zone. */
    private List<YearMonth> monthRange() {
        ProgramCalendar calendar = settings.calendar();
        YearMonth first = null;
        for (MemberState m : report.result().members().values()) {
            YearMonth ym = YearMonth.from(calendar.dateOf(m.enrolledAt()));
            first = first == null || ym.isBefore(first) ? ym : first;
        }
        for (Posting p : report.result().postings()) {
            YearMonth ym = YearMonth.from(calendar.dateOf(p.at()));
            first = first == null || ym.isBefore(first) ? ym : first;
        }
        List<YearMonth> months = new ArrayList<>();
        if (first == null) {
            return months;
        }
        YearMonth last = first;
        if (asOf != null) {
            last = YearMonth.from(calendar.dateOf(asOf));
        }
        for (Posting p : report.result().postings()) {
            YearMonth ym = YearMonth.from(calendar.dateOf(p.at()));
            last = ym.isAfter(last) ? ym : last;
        }
        for (YearMonth ym = first; !ym.isAfter(last); ym = ym.plusMonths(1)) {
            months.add(ym);
        }
        return months;
    }

    /**
     * Points per month by posting type, signed as in summary.json (issued = EARN, redeemed = REDEEM net of
     * reversals, expired, clawed back, adjusted); each column adds up to its total in summary.json.
     */
    private ArrayNode months() {
        ProgramCalendar calendar = settings.calendar();
        // issued, redeemed, expired, clawed back, adjusted; as posted (redeemed, expired and clawed back negative)
        Map<YearMonth, PointsTotal[]> byMonth = new TreeMap<>();
        for (YearMonth ym : monthRange()) {
            byMonth.put(ym, month());
        }
        for (Posting p : report.result().postings()) {
            PointsTotal[] row = byMonth.computeIfAbsent(YearMonth.from(calendar.dateOf(p.at())), k -> month());
            switch (p.type()) {
                case EARN -> row[0].add(p.points());
                case REDEEM, REDEEM_REVERSAL -> row[1].add(p.points());
                case EXPIRE -> row[2].add(p.points());
                case CLAWBACK -> row[3].add(p.points());
                case ADJUST -> row[4].add(p.points());
                default -> { }
            }
        }
        ArrayNode out = JSON.createArrayNode();
        byMonth.forEach((ym, row) -> {
            ObjectNode m = out.addObject();
            m.put("month", ym.toString());
            m.put("issued", row[0].value());
            m.put("redeemed", row[1].value().negate());
            m.put("expired", row[2].value().negate());
            m.put("clawedBack", row[3].value().negate());
            m.put("adjusted", row[4].value());
        });
        return out;
    }

    private static PointsTotal[] month() {
        return new PointsTotal[] {new PointsTotal(), new PointsTotal(), new PointsTotal(), new PointsTotal(),
            new PointsTotal()};
    }

    /**
     * Members per tier at the end of each month: a member counts from the month it enrolled, in the base tier,
     * and follows its tier moves. The last month equals the tier mix.
     */
    private ArrayNode tiersByMonth() {
        ProgramCalendar calendar = settings.calendar();
        List<YearMonth> months = monthRange();
        Map<YearMonth, Integer> index = new HashMap<>();
        for (int i = 0; i < months.size(); i++) {
            index.put(months.get(i), i);
        }
        List<Tier> tiers = settings.ladder().tiers();
        Map<String, Integer> tierIndex = new HashMap<>();
        for (int i = 0; i < tiers.size(); i++) {
            tierIndex.put(tiers.get(i).id(), i);
        }
        // deltas[month][tier]: members entering (+1) or leaving (-1) a tier in that month
        long[][] deltas = new long[months.size()][tiers.size()];
        String base = settings.ladder().base().id();
        for (MemberState m : report.result().members().values()) {
            Integer i = index.get(YearMonth.from(calendar.dateOf(m.enrolledAt())));
            if (i != null) {
                deltas[i][tierIndex.get(base)]++;
            }
        }
        for (TierMove move : report.result().tierMoves()) {
            Integer i = index.get(YearMonth.from(calendar.dateOf(move.at())));
            Integer from = tierIndex.get(move.from());
            Integer to = tierIndex.get(move.to());
            if (i != null && from != null && to != null) {
                deltas[i][from]--;
                deltas[i][to]++;
            }
        }
        ArrayNode out = JSON.createArrayNode();
        long[] running = new long[tiers.size()];
        for (int i = 0; i < months.size(); i++) {
            ObjectNode row = out.addObject();
            row.put("month", months.get(i).toString());
            ObjectNode counts = row.putObject("members");
            for (int t = 0; t < tiers.size(); t++) {
                running[t] += deltas[i][t];
                counts.put(tiers.get(t).id(), running[t]);
            }
        }
        return out;
    }

    /** NPS over each member's latest survey answer (a member counts once); null without answers. */
    private ObjectNode nps() {
        List<Integer> answers = new ArrayList<>();
        for (MemberState m : report.result().members().values()) {
            m.survey().ifPresent(answers::add);
        }
        // the survey events applied, as the header counts them (a duplicate copy is the same answer sent twice)
        long responses = report.summary().path("eventsByType").path("survey").path("applied").asLong(0);
        ObjectNode out = JSON.createObjectNode();
        out.put("surveyEvents", responses);
        out.put("respondents", answers.size());
        if (answers.isEmpty()) {
            out.putNull("score");
            return out;
        }
        NetPromoterScore nps = NetPromoterScore.of(answers);
        out.put("promoters", nps.promoters());
        out.put("passives", nps.passives());
        out.put("detractors", nps.detractors());
        out.put("score", nps.score().toPlainString());
        return out;
    }

    private record Insight(ObjectNode pyramid, ObjectNode rfm, ObjectNode warnings, ArrayNode topMembers) {
    }

    /** Value pyramid, RFM segments, warnings and top members, all as of the review instant. */
    private Insight insight() {
        ProgramCalendar calendar = settings.calendar();
        Map<String, MemberState> members = report.result().members();
        if (asOf == null) { // nothing was replayed: no review instant to measure at, and no member to count
            ObjectNode pyramid = JSON.createObjectNode().put("totalSpend", money(BigDecimal.ZERO));
            ObjectNode rfm = JSON.createObjectNode().put("members", 0);
            ObjectNode warnings = JSON.createObjectNode().put("members", 0).put("churn", 0).put("downgrade", 0);
            return new Insight(pyramid, rfm, warnings, JSON.createArrayNode());
        }
        LocalDate today = calendar.dateOf(asOf);

        // RFM over every member's purchases (net of refunds) up to the analysis date
        List<Transaction> orders = new ArrayList<>();
        for (MemberState m : members.values()) {
            for (Transaction t : Transaction.of(m, calendar)) {
                if (!t.date().isAfter(today)) {
                    orders.add(t);
                }
            }
        }
        List<RfmValues> values = RfmValues.of(orders, today);
        RfmThresholds thresholds = values.isEmpty() ? null : RfmThresholds.quantiles(values);
        ObjectNode rfm = JSON.createObjectNode();
        rfm.put("analysisDate", today.toString());
        rfm.put("members", values.size());
        if (thresholds != null) {
            ObjectNode bounds = rfm.putObject("thresholds");
            bounds.putPOJO("recencyDays", thresholds.recency().stream().map(HtmlReport::plain).toList());
            bounds.putPOJO("orders", thresholds.frequency().stream().map(HtmlReport::plain).toList());
            bounds.putPOJO("monetary", thresholds.monetary().stream().map(HtmlReport::plain).toList());
        }

        // value pyramid on annual spend
        Map<String, BigDecimal> spend = report.annualSpend(asOf);
        ValuePyramid pyramid = ValuePyramid.standard();
        List<PyramidPlacement> placements = pyramid.place(spend);
        Map<String, String> bandOf = new HashMap<>();
        placements.forEach(p -> bandOf.put(p.memberId(), p.band()));

        // member insight: RFM segment, lifecycle, churn and downgrade warnings
        InsightContext context = report.insightContext(thresholds, null);
        Map<String, MemberInsight> insights = new HashMap<>();
        Map<String, Long> segments = new LinkedHashMap<>();
        for (RfmSegment s : RfmSegment.values()) {
            segments.put(s.label(), 0L);
        }
        Map<String, Long> stages = new LinkedHashMap<>();
        for (LifecycleStage s : LifecycleStage.values()) {
            stages.put(s.name(), 0L);
        }
        long churn = 0;
        long downgrade = 0;
        long noPurchase = 0;
        for (MemberState m : members.values()) {
            MemberInsight insight = MemberInsight.of(m, asOf, context);
            insights.put(m.memberId(), insight);
            if (insight.rfm() == null) {
                noPurchase++;
            } else {
                segments.merge(insight.rfm().segment().label(), 1L, Long::sum);
            }
            stages.merge(insight.lifecycleStage().name(), 1L, Long::sum);
            churn += insight.churnWarned() ? 1 : 0;
            downgrade += insight.downgrade().isPresent() ? 1 : 0;
        }
        ObjectNode seg = rfm.putObject("segments");
        segments.forEach(seg::put);
        rfm.put("withoutPurchases", noPurchase);

        ObjectNode bands = JSON.createObjectNode();
        bands.put("asOf", asOf.toString());
        ArrayNode bandRows = bands.putArray("bands");
        BigDecimal totalSpend = spend.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        for (PyramidBand band : pyramid.bands()) {
            List<PyramidPlacement> in = placements.stream().filter(p -> p.band().equals(band.name())).toList();
            BigDecimal sum = in.stream().map(PyramidPlacement::spend).reduce(BigDecimal.ZERO, BigDecimal::add);
            ObjectNode row = bandRows.addObject();
            row.put("band", band.name());
            row.put("share", plain(band.share()));
            row.put("members", in.size());
            row.put("spend", money(sum));
            row.put("spendShare", totalSpend.signum() == 0 ? "0"
                    : plain(sum.divide(totalSpend, 4, RoundingMode.HALF_UP)));
            row.put("minSpend", in.isEmpty() ? null : money(in.get(in.size() - 1).spend()));
        }
        bands.put("totalSpend", money(totalSpend));

        ObjectNode warnings = JSON.createObjectNode();
        warnings.put("members", members.size());
        warnings.put("churn", churn);
        warnings.put("downgrade", downgrade);
        ObjectNode stageNode = warnings.putObject("lifecycle");
        stages.forEach(stageNode::put);

        List<MemberState> ranked = new ArrayList<>(members.values());
        ranked.sort(Comparator.comparingLong((MemberState m) -> m.pointsAvailable() + m.pointsPending()).reversed()
                .thenComparing(MemberState::memberId));
        ArrayNode top = JSON.createArrayNode();
        for (MemberState m : ranked.subList(0, Math.min(TOP_MEMBERS, ranked.size()))) {
            MemberInsight insight = insights.get(m.memberId());
            var totals = m.ledger().totals();
            ObjectNode row = top.addObject();
            row.put("member", m.memberId());
            row.put("tier", m.tier().tierId());
            row.put("points", m.pointsAvailable() + m.pointsPending());
            row.put("available", m.pointsAvailable());
            row.put("pending", m.pointsPending());
            row.put("earned", totals.earned());
            row.put("redeemed", totals.redeemed());
            row.put("expired", totals.expired());
            row.put("annualSpend", money(spend.get(m.memberId())));
            row.put("band", bandOf.get(m.memberId()));
            row.put("rfm", insight.rfm() == null ? null : String.valueOf(insight.rfm().combined()));
            row.put("segment", insight.rfmSegment().map(RfmSegment::label).orElse(null));
            row.put("churn", insight.churnWarned());
            row.put("downgrade", insight.downgradeShortfall().orElse(null));
        }
        return new Insight(bands, rfm, warnings, top);
    }

    private static String plain(BigDecimal value) {
        return ReplayReport.plain(value);
    }

    /**
     * An amount of the program's currency at its scale, as summary.json writes money ("97963.70", "0.00"): the spend
     * here adds up amounts of that currency, so no digit is lost.
     */
    private String money(BigDecimal amount) {
        return amount.setScale(settings.currency().getDefaultFractionDigits(), RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    // ---------------------------------------------------------------- page

    /** The page: the template with Chart.js and the data (JSON, every {@code <} escaped) in place. */
    String html() {
        return page(TEMPLATE, data());
    }

    /** A self-contained page: {@code template} (a resource) with Chart.js and {@code data} in place. */
    static String page(String template, ObjectNode data) {
        String json;
        try {
            json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String page = resource(template);
        if (!page.contains(COMMON_CSS_PLACEHOLDER) || !page.contains(COMMON_JS_PLACEHOLDER)) {
            throw new IllegalStateException(template + " lacks a common style or script placeholder");
        }
        page = page.replace(COMMON_CSS_PLACEHOLDER, resource(COMMON_CSS)).replace(COMMON_JS_PLACEHOLDER,
                resource(COMMON_JS));
        return fill(page, resource(CHART_JS), json);
    }

    /**
     * {@code template} with {@code chart} (Chart.js) and {@code json} (the data) in place of their placeholders; every
     * {@code <} of the data is written as its JSON escape (backslash u003c), so no value can end or change the data's
     * script element.
     */
    static String fill(String template, String chart, String json) {
        if (!template.contains(DATA_PLACEHOLDER) || !template.contains(CHART_JS_PLACEHOLDER)) {
            throw new IllegalStateException("a report template lacks a placeholder");
        }
        String lowerCaseChart = chart.toLowerCase(java.util.Locale.ROOT);
        for (String marker : List.of("</script", "<!--", "<script")) {
            if (lowerCaseChart.contains(marker)) {
                throw new IllegalStateException(CHART_JS + " contains " + marker);
            }
        }
        // In a script element "</script" ends it early, and "<!--" followed by "<script" puts the HTML parser in a
        // state where the real "</script>" no longer ends it. Jackson writes '<' only inside strings (no token of JSON
        // outside a string has one), where its escape (backslash u003c) is the same character: with no '<' left,
        // neither can happen.
        String safe = json.replace("<", "\\u003c");
        int at = template.indexOf(CHART_JS_PLACEHOLDER);
        String withChart = template.substring(0, at) + chart + template.substring(at + CHART_JS_PLACEHOLDER.length());
        at = withChart.indexOf(DATA_PLACEHOLDER);
        return withChart.substring(0, at) + safe + withChart.substring(at + DATA_PLACEHOLDER.length());
    }

    void write(Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.html"), html(), StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the loyalty jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

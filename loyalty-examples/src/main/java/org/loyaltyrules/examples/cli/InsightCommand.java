package org.loyaltyrules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.commons.csv.CSVPrinter;
import org.loyaltyrules.core.insight.BgNbdFit;
import org.loyaltyrules.core.insight.GammaGammaFit;
import org.loyaltyrules.core.insight.InsightContext;
import org.loyaltyrules.core.insight.LayerAssessment;
import org.loyaltyrules.core.insight.LayeringModel;
import org.loyaltyrules.core.insight.LifetimeModels;
import org.loyaltyrules.core.insight.MemberInsight;
import org.loyaltyrules.core.insight.NetPromoterScore;
import org.loyaltyrules.core.insight.PurchaseSummary;
import org.loyaltyrules.core.insight.PyramidPlacement;
import org.loyaltyrules.core.insight.RepeatHistory;
import org.loyaltyrules.core.insight.RfmThresholds;
import org.loyaltyrules.core.insight.RfmValues;
import org.loyaltyrules.core.insight.SummaryConvention;
import org.loyaltyrules.core.insight.Transaction;
import org.loyaltyrules.core.insight.ValuePyramid;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.program.ProgramSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "insight", mixinStandardHelpOptions = true,
        description = "Replay events and write member insight: RFM scores and segments, BG/NBD + Gamma-Gamma lifetime "
                + "value, lifecycle stage, churn and downgrade warnings, NPS, value pyramid band and (with program.json "
                + "insight.layering) value layer (insight.csv, insight.json in --out).")
final class InsightCommand implements Callable<Integer> {

    /** Fewest histories a model is fitted on: a maximum-likelihood fit to a handful of members says next to nothing. */
    static final int FIT_MINIMUM = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EventOptions options;

    @Mixin
    ReplayOutput output;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter stdout = cl.getOut();
        ReplayReport report = output.replay(options, cl);
        Path out = output.out;
        ProgramSettings settings = report.settings();
        ReplayResult result = report.result();
        Instant asOf = report.reviewUntil();
        ProgramCalendar calendar = settings.calendar();
        Instant at = asOf == null ? Instant.EPOCH : asOf;
        LocalDate day = calendar.dateOf(at);

        List<Transaction> all = new ArrayList<>();
        for (MemberState m : result.members().values()) {
            all.addAll(Transaction.of(m, calendar));
        }
        all.removeIf(t -> t.date().isAfter(day));
        List<RfmValues> rfm = all.isEmpty() ? List.of() : RfmValues.of(all, day);
        RfmThresholds thresholds = rfm.isEmpty() ? null : RfmThresholds.quantiles(rfm);
        List<RepeatHistory> histories = new ArrayList<>();
        for (PurchaseSummary s : PurchaseSummary.summarize(all, day, SummaryConvention.WEEKS_OF_DAYS)) {
            histories.add(s.history());
        }
        // without a repeat purchase BG/NBD's likelihood has no maximum (docs/insight.md §2): not fitted, not a crash
        String purchasesUnfitted = histories.size() < FIT_MINIMUM
                ? tooFew(histories.size(), "member with purchases", "members with purchases")
                : histories.stream().noneMatch(h -> h.frequency() > 0)
                ? "no member has a repeat purchase, so the likelihood has no maximum" : null;
        BgNbdFit purchases = purchasesUnfitted == null ? BgNbdFit.of(histories) : null;
        // Gamma-Gamma models the value of repeat purchases: a repeat buyer whose repeats are worth nothing (CDNOW
        // master has one: 15.96 then 0.00) has no value to fit and is left out, as lifetimes' quickstart does
        List<RepeatHistory> repeaters = histories.stream().filter(h -> h.frequency() > 0 && h.monetaryValue() > 0)
                .toList();
        long repeatersWithoutValue = histories.stream().filter(h -> h.frequency() > 0 && !(h.monetaryValue() > 0))
                .count();
        // the repeat buyers are among the members with purchases, so a Gamma-Gamma fit implies a BG/NBD fit
        String valueUnfitted = repeaters.size() < FIT_MINIMUM
                ? tooFew(repeaters.size(), "repeat buyer with value", "repeat buyers with value") : null;
        GammaGammaFit value = valueUnfitted == null ? GammaGammaFit.of(repeaters) : null;
        LifetimeModels models = purchases == null ? null
                : LifetimeModels.weekly(purchases.model(), value == null ? null : value.model());
        InsightContext context = report.insightContext(thresholds, models);
        // value pyramid on the year's spend, standard bands (docs/insight.md section 4)
        Map<String, BigDecimal> spend = report.annualSpend(at);
        Map<String, String> bandOf = new HashMap<>();
        Map<String, Long> bands = new LinkedHashMap<>();
        ValuePyramid pyramid = ValuePyramid.standard();
        pyramid.bands().forEach(b -> bands.put(b.name(), 0L));
        for (PyramidPlacement p : pyramid.place(spend)) {
            bandOf.put(p.memberId(), p.band());
            bands.merge(p.band(), 1L, Long::sum);
        }
        LayeringModel layering = settings.insight().layering();
        Map<String, Long> layers = new LinkedHashMap<>();
        if (layering != null) {
            layering.layers().forEach(l -> layers.put(l.name(), 0L));
        }

        Map<String, Long> segments = new TreeMap<>();
        Map<String, Long> stages = new TreeMap<>();
        long churn = 0;
        long downgrade = 0;
        List<Integer> scores = new ArrayList<>();
        // each member's latest answer, the one the state keeps, grouped by tier, RFM segment and touchpoint
        List<Answer> answers = new ArrayList<>();
        Map<String, String> touchpoints = latestTouchpoints(report.applied());
        try {
            Files.createDirectories(out);
            try (Writer w = Files.newBufferedWriter(out.resolve("insight.csv"));
                 CSVPrinter csv = new CSVPrinter(w, ReplayReport.CSV.builder().setHeader("member", "tier",
                         "recency_score", "frequency_score", "monetary_score", "segment", "probability_alive",
                         "expected_purchases_next_month", "lifetime_value_12m", "lifecycle_stage", "churn_warning",
                         "downgrade_warning", "nps_category", "annual_spend", "value_band", "layer_score", "layer")
                         .build())) {
                for (MemberState m : result.members().values()) {
                    MemberInsight insight = MemberInsight.of(m, at, context);
                    String segment = insight.rfmSegment().map(Enum::name).orElse("");
                    segments.merge(segment.isEmpty() ? "NONE" : segment, 1L, Long::sum);
                    stages.merge(insight.lifecycleStage().name(), 1L, Long::sum);
                    churn += insight.churnWarned() ? 1 : 0;
                    downgrade += insight.downgradeWarning() != null ? 1 : 0;
                    m.survey().ifPresent(score -> {
                        scores.add(score);
                        answers.add(new Answer(score, m.tier().tierId(), segment.isEmpty() ? "NONE" : segment,
                                touchpoints.getOrDefault(m.memberId(), "NONE")));
                    });
                    LayerAssessment layer = insight.valueLayer();
                    if (layer != null) {
                        layers.merge(layer.layer(), 1L, Long::sum);
                    }
                    csv.printRecord(m.memberId(), m.tier().tierId(),
                            insight.rfm() == null ? "" : insight.rfm().recency(),
                            insight.rfm() == null ? "" : insight.rfm().frequency(),
                            insight.rfm() == null ? "" : insight.rfm().monetary(), segment,
                            decimal(insight.probabilityAlive(), 4), decimal(insight.expectedPurchases(), 4),
                            decimal(insight.lifetimeValue(), 2), insight.lifecycleStage().name(),
                            String.join("; ", insight.churnWarning().reasons()),
                            insight.downgradeShortfall().orElse(""),
                            insight.npsCategory() == null ? "" : insight.npsCategory().name(),
                            money(spend.get(m.memberId())),
                            bandOf.get(m.memberId()),
                            layer == null ? "" : layer.score().stripTrailingZeros().toPlainString(),
                            layer == null ? "" : layer.layer());
                }
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("program", settings.id());
            root.put("asOf", asOf == null ? null : at.toString()); // no events: no instant to be "as of"
            root.put("members", result.members().size());
            // what became of the input: refused purchases count in no measure, so a fit on fewer members says why
            report.putCounts(root);
            report.putRejectionsByCode(root);
            ObjectNode bg = fitEntry(root, "bgNbd", purchasesUnfitted, histories.size());
            if (purchases != null) {
                bg.put("r", purchases.model().r());
                bg.put("alpha", purchases.model().alpha());
                bg.put("a", purchases.model().a());
                bg.put("b", purchases.model().b());
                bg.put("logLikelihood", purchases.logLikelihood());
                bg.put("members", purchases.members());
            }
            ObjectNode gg = fitEntry(root, "gammaGamma", valueUnfitted, repeaters.size());
            if (value != null) {
                gg.put("p", value.model().p());
                gg.put("q", value.model().q());
                gg.put("v", value.model().v());
                gg.put("logLikelihood", value.logLikelihood());
                gg.put("members", value.members());
            }
            gg.put("repeatBuyersWithoutValue", repeatersWithoutValue);
            root.set("rfmSegments", json.valueToTree(segments));
            root.set("lifecycleStages", json.valueToTree(stages));
            root.set("valuePyramid", json.valueToTree(bands));
            if (layering != null) {
                root.set("layers", json.valueToTree(layers));
            }
            root.put("churnWarnings", churn);
            root.put("downgradeWarnings", downgrade);
            ObjectNode n = root.putObject("nps");
            if (scores.isEmpty()) {
                n.put("responses", 0);
            } else {
                put(n, NetPromoterScore.of(scores));
                byGroup(n.putObject("byTier"), answers, Answer::tier);
                byGroup(n.putObject("bySegment"), answers, Answer::segment);
                byGroup(n.putObject("byTouchpoint"), answers, Answer::touchpoint);
            }
            json.writeValue(out.resolve("insight.json").toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
        stdout.printf(Locale.ROOT, "loyalty insight: program %s, %,d member%s%s%n", settings.id(),
                result.members().size(), result.members().size() == 1 ? "" : "s",
                asOf == null ? " (no events)" : " as of " + day);
        // the lines of run about the input: a refused purchase counts in no measure below, and says so here
        RunCommand.printEvents(stdout, report);
        RunCommand.printRejections(stdout, report);
        RunCommand.printUnsent(stdout, report, "loyalty run lists them in unsent.csv, with the reason");
        String leftOut = repeatersWithoutValue == 0 ? ""
                : String.format(Locale.ROOT, " (%,d with repeats worth 0 left out)", repeatersWithoutValue);
        if (purchases != null) {
            stdout.printf(Locale.ROOT, "  BG/NBD     r %s, alpha %s, a %s, b %s, log-likelihood %.2f%n",
                    parameter(purchases.model().r()), parameter(purchases.model().alpha()),
                    parameter(purchases.model().a()), parameter(purchases.model().b()), purchases.logLikelihood());
        } else {
            stdout.println("  BG/NBD     not fitted: " + purchasesUnfitted
                    + "; no probability alive, expected purchases or lifetime value");
        }
        if (value != null) {
            stdout.printf(Locale.ROOT, "  Gamma-Gamma p %s, q %s, v %s on %,d repeat buyers%s%n",
                    parameter(value.model().p()), parameter(value.model().q()), parameter(value.model().v()),
                    value.members(), leftOut);
        } else {
            stdout.println("  Gamma-Gamma not fitted: " + valueUnfitted + leftOut + "; no lifetime value");
        }
        stdout.println("  segments   " + segments);
        stdout.println("  lifecycle  " + stages);
        // no events: no year to have spent in, as the line above says (not the year to 1970-01-01)
        stdout.println("  pyramid    " + bands + (asOf == null ? " (no events)" : " by spend in the year to " + day));
        if (layering != null) {
            stdout.println("  layers     " + layers);
        }
        stdout.printf(Locale.ROOT, "  warnings   %,d churn, %,d downgrade%n", churn, downgrade);
        stdout.println("  output     " + out + " (insight.csv, insight.json)");
        return LoyaltyCli.OK;
    }

    /** A member's latest survey answer and the groups it counts in. */
    private record Answer(int score, String tier, String segment, String touchpoint) {
    }

    /**
     * The {@code touchpoint} attribute of each member's latest applied survey (the latest in event time, the later
     * applied of two at one instant, as the state keeps its score); NONE when the answer has none.
     */
    private static Map<String, String> latestTouchpoints(List<LoyaltyEvent> applied) {
        Map<String, Survey> latest = new HashMap<>();
        for (LoyaltyEvent event : applied) {
            if (event instanceof Survey survey) {
                latest.merge(survey.memberId(), survey, (was, now) -> now.at().isBefore(was.at()) ? was : now);
            }
        }
        Map<String, String> out = new HashMap<>();
        latest.forEach((member, survey) -> out.put(member, survey.attributes().getOrDefault("touchpoint", "NONE")));
        return out;
    }

    private static void put(ObjectNode entry, NetPromoterScore nps) {
        entry.put("responses", nps.total());
        entry.put("promoters", nps.promoters());
        entry.put("passives", nps.passives());
        entry.put("detractors", nps.detractors());
        entry.put("score", nps.score());
    }

    private static void byGroup(ObjectNode groups, List<Answer> answers, Function<Answer, String> key) {
        NetPromoterScore.byGroup(answers, key, Answer::score).forEach((group, nps) -> put(groups.putObject(group), nps));
    }

    /** A model's entry in insight.json: whether it was fitted and, if not, why and how many histories it had. */
    private static ObjectNode fitEntry(ObjectNode root, String name, String unfitted, int histories) {
        ObjectNode entry = root.putObject(name);
        entry.put("fitted", unfitted == null);
        if (unfitted != null) {
            entry.put("reason", unfitted);
            entry.put("members", histories);
        }
        return entry;
    }

    private static String tooFew(int count, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s, fewer than the %d the fit needs", count, count == 1 ? one : many,
                FIT_MINIMUM);
    }

    /** An amount with at least two decimals (0.00, 12.50), more only where the money has them. */
    private static String money(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String decimal(Double value, int scale) {
        // a value the model cannot give (not finite) is left empty, as for a member without one
        return value == null || !Double.isFinite(value) ? ""
                : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * A fitted parameter to four decimals, or to four significant digits ({@code 9.999e-15}) where four decimals
     * would print 0.0000: a fit that runs away to a, b near 0 (no member drops out) is not a fit with a = 0.
     */
    static String parameter(double value) {
        return value != 0 && Math.abs(value) < 0.00005 ? String.format(Locale.ROOT, "%.3e", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }
}

package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.RefundRecord;
import org.loyaltyrules.core.program.ProgramCalendar;

/**
 * The values a rule may use about one member at one instant: RFM scores and segment, probability alive, expected
 * purchases and lifetime value (with fitted models), lifecycle stage, churn warning, downgrade warning with its
 * shortfall, the NPS category of the latest survey answer and the value layer. Values whose inputs the
 * {@link InsightContext} lacks are null; the {@code Optional} accessors say so explicitly. Pure: computed from the
 * member state and the instant only, never from the clock.
 *
 * <p>Purchases and refunds are read as they stood at the instant; the survey answer, the tier status and the
 * {@code complaints} attribute are the state's current ones, so pass the state as it stood at that instant (after
 * the member's last event up to it) for a view of the past.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MemberInsight(String memberId, Instant at, RfmScore rfm, Double probabilityAlive,
                            Double expectedPurchases, Double lifetimeValue, LifecycleStage lifecycleStage,
                            ChurnWarning churnWarning, DowngradeWarning downgradeWarning, NpsCategory npsCategory,
                            LayerAssessment valueLayer) {

    /** Layering indicator: spend in the year to the instant, net of refunds. */
    public static final String ANNUAL_SPEND = "annualSpend";
    /** Layering indicator: purchases (not fully refunded) in the year to the instant. */
    public static final String ANNUAL_ORDERS = "annualOrders";
    /** Layering indicator: recency + frequency + monetary score (needs RFM thresholds). */
    public static final String RFM_TOTAL = "rfmTotal";
    /** Layering deduction: refunds in the year to the instant. */
    public static final String REFUNDS = "refunds";
    /** Layering deduction: the member attribute {@code complaints} (a whole number), 0 when absent. */
    public static final String COMPLAINTS = "complaints";

    public MemberInsight {
        requireNonNull(memberId, "memberId");
        requireNonNull(at, "at");
        requireNonNull(lifecycleStage, "lifecycleStage");
        requireNonNull(churnWarning, "churnWarning");
    }

    public Optional<RfmSegment> rfmSegment() {
        return Optional.ofNullable(rfm).map(RfmScore::segment);
    }

    public Optional<DowngradeWarning> downgrade() {
        return Optional.ofNullable(downgradeWarning);
    }

    public Optional<String> downgradeShortfall() {
        return downgrade().map(DowngradeWarning::message);
    }

    public boolean churnWarned() {
        return churnWarning.raised();
    }

    public static MemberInsight of(MemberState member, Instant at, InsightContext context) {
        requireNonNull(member, "member");
        requireNonNull(at, "at");
        requireNonNull(context, "context");
        LocalDate today = context.calendar().dateOf(at);
        // the transactions (net of refunds, dated) only for the measures that need them; the churn warning needs
        // only their days, and the layer only what its model weighs: this runs before every purchase a rule sees
        LifetimeModels models = context.models();
        LayeringModel layering = context.layering();
        boolean transactionsNeeded = context.rfmThresholds() != null || models != null;
        // the member's purchases as they stood at 'at': one pass, read by every measure below
        List<PurchasesAsOf.Net> asOf = PurchasesAsOf.of(member, at);
        List<Transaction> history = transactionsNeeded ? Transaction.of(member.memberId(), asOf, context.calendar())
                : null;
        List<LocalDate> days = history != null ? history.stream().map(Transaction::date).toList()
                : transactionDays(asOf, context.calendar());

        RfmScore rfm = context.rfmThresholds() == null || days.isEmpty() ? null
                : context.rfmThresholds().score(RfmValues.of(history, today).get(0));

        Double alive = null;
        Double expected = null;
        Double value = null;
        if (models != null && !days.isEmpty()) {
            RepeatHistory repeat = PurchaseSummary.summarize(history, today, models.convention()).get(0).history();
            alive = models.purchases().probabilityAlive(repeat);
            expected = models.purchases().expectedPurchases(models.horizon(), repeat);
            if (models.value() != null) {
                value = LifetimeValue.of(models.purchases(), models.value(), repeat, models.months(),
                        models.monthlyDiscountRate(), models.unitsPerMonth());
            }
        }

        LifecycleStage stage = LifecycleStage.of(member, asOf, at, context.calendar(), context.lifecycle());
        ChurnWarning churn = ChurnWarning.assess(alive, days, today, context.churn());
        DowngradeWarning downgrade = context.ladder() == null ? null
                : DowngradeWarning.assess(member, context.ladder(), context.calendar(), at).orElse(null);
        NpsCategory nps = member.survey().map(NpsCategory::of).orElse(null);
        LayerAssessment layer = layering == null ? null : layer(member, asOf, at, context, rfm);
        return new MemberInsight(member.memberId(), at, rfm, alive, expected, value, stage, churn, downgrade, nps,
                layer);
    }

    /** The days of {@link Transaction#of}'s transactions up to {@code at}, without building them. */
    private static List<LocalDate> transactionDays(List<PurchasesAsOf.Net> purchases, ProgramCalendar calendar) {
        List<LocalDate> days = new ArrayList<>(purchases.size());
        for (PurchasesAsOf.Net purchase : purchases) {
            if (purchase.isOrder()) {
                days.add(calendar.dateOf(purchase.at()));
            }
        }
        return days;
    }

    /**
     * The member's layer. Only the indicators and deductions the model weighs are measured; the others would be
     * dropped unused. Spend, orders and refunds of "the year to the instant" are those of one window, (at - 1 year,
     * at] in the program's zone.
     */
    private static LayerAssessment layer(MemberState member, List<PurchasesAsOf.Net> asOf, Instant at,
                                         InsightContext context, RfmScore rfm) {
        LayeringModel model = context.layering();
        Set<String> weighed = model.weights().keySet();
        Set<String> deducted = model.deductions().keySet();
        Instant yearBefore = ValuePyramid.yearBefore(at, context.calendar());
        Map<String, BigDecimal> indicators = new TreeMap<>();
        if (weighed.contains(ANNUAL_SPEND)) {
            indicators.put(ANNUAL_SPEND, ValuePyramid.annualSpend(asOf, at, context.calendar()));
        }
        if (weighed.contains(ANNUAL_ORDERS)) {
            indicators.put(ANNUAL_ORDERS, BigDecimal.valueOf(asOf.stream()
                    .filter(p -> p.isOrder() && p.at().isAfter(yearBefore)).count()));
        }
        if (weighed.contains(RFM_TOTAL) && rfm != null) {
            indicators.put(RFM_TOTAL, BigDecimal.valueOf(rfm.recency() + rfm.frequency() + rfm.monetary()));
        }

        Map<String, Long> counts = new TreeMap<>();
        if (deducted.contains(REFUNDS)) {
            long refunds = 0;
            for (RefundRecord refund : member.refunds()) {
                if (refund.at().isAfter(yearBefore) && !refund.at().isAfter(at)) {
                    refunds++;
                }
            }
            counts.put(REFUNDS, refunds);
        }
        if (deducted.contains(COMPLAINTS)) {
            counts.put(COMPLAINTS, complaints(member.attributes()));
        }
        return model.assess(indicators, counts);
    }

    /**
     * The member's complaints as member attributes hold them ({@link #COMPLAINTS}, a whole number): 0 when absent.
     *
     * @throws IllegalArgumentException when the attribute is not a whole number >= 0 ({@code "many"}, {@code "1.0"})
     */
    public static long complaints(Map<String, String> attributes) {
        String text = attributes.get(COMPLAINTS);
        if (text == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(text.trim());
            if (n < 0) {
                throw new IllegalArgumentException("attribute complaints must be a whole number >= 0, was '" + text
                        + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute complaints must be a whole number >= 0, was '" + text
                    + "'", e);
        }
    }
}

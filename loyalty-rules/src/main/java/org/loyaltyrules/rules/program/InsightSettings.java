package org.loyaltyrules.rules.program;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.insight.ChurnSettings;
import org.loyaltyrules.core.insight.LifecycleSettings;

/**
 * How the member insight rules see is computed (program.json {@code insight}): lifecycle stage thresholds, churn
 * warning thresholds, and optionally the population's RFM bin boundaries ({@code rfm}, e.g. from {@code loyalty
 * insight}) and fitted BG/NBD and Gamma-Gamma parameters ({@code bgNbd}, {@code gammaGamma}, weekly) for probability
 * alive and lifetime value, and a customer layering model ({@code layering}: weights of annualSpend, annualOrders,
 * rfmTotal; deductions per refund or complaint; layers with minimum scores). Standard values when absent; RFM,
 * lifetime values and the layer are absent without their settings.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InsightSettings(LifecycleSettings lifecycle, ChurnSettings churn,
                              org.loyaltyrules.core.insight.RfmThresholds rfm,
                              org.loyaltyrules.core.insight.LifetimeModels models,
                              org.loyaltyrules.core.insight.LayeringModel layering) {

    public static final InsightSettings STANDARD = new InsightSettings(LifecycleSettings.standard(),
            ChurnSettings.standard(), null, null, null);

    public InsightSettings {
        requireNonNull(lifecycle, "lifecycle");
        requireNonNull(churn, "churn");
    }

    public InsightSettings(LifecycleSettings lifecycle, ChurnSettings churn) {
        this(lifecycle, churn, null, null, null);
    }
}

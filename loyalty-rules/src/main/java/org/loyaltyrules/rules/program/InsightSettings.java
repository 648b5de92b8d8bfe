package org.loyaltyrules.rules.program;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.insight.ChurnSettings;
import org.loyaltyrules.core.insight.LifecycleSettings;

/**
 * How the member insight rules see is computed (program.json {@code insight}): lifecycle stage thresholds and churn
 * warning thresholds. Standard values when absent.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InsightSettings(LifecycleSettings lifecycle, ChurnSettings churn) {

    public static final InsightSettings STANDARD = new InsightSettings(LifecycleSettings.standard(),
            ChurnSettings.standard());

    public InsightSettings {
        requireNonNull(lifecycle, "lifecycle");
        requireNonNull(churn, "churn");
    }
}

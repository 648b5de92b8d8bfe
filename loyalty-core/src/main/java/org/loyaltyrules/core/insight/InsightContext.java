package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.tier.TierLadder;

/**
 * What a member insight is computed against besides the member: the program calendar and optionally the tier
 * ladder (downgrade warning), the population's RFM thresholds, fitted lifetime models and a layering model. A null
 * optional part leaves the values that need it out of the insight.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InsightContext(ProgramCalendar calendar, TierLadder ladder, RfmThresholds rfmThresholds,
                             LifetimeModels models, LayeringModel layering, LifecycleSettings lifecycle,
                             ChurnSettings churn) {

    public InsightContext {
        requireNonNull(calendar, "calendar");
        lifecycle = lifecycle == null ? LifecycleSettings.standard() : lifecycle;
        churn = churn == null ? ChurnSettings.standard() : churn;
    }

    /** Only the calendar: lifecycle and churn (by silence) with standard settings, NPS category. */
    public static InsightContext of(ProgramCalendar calendar) {
        return new InsightContext(calendar, null, null, null, null, null, null);
    }
}

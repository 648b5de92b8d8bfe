package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * What the engine knows about the member's value and lifecycle before this event (every group sees it):
 * lifecycle stage (ACQUISITION, FORMATION, STABLE, DECLINE), a churn warning and its reason, a downgrade warning and
 * its shortfall ("needs 3 more nights by 2026-12-31"), the NPS category of the latest survey answer (PROMOTER,
 * PASSIVE, DETRACTOR or empty), the lifetime spend and number of purchases; with program.json {@code insight.rfm} the
 * RFM scores (1-5) and segment (e.g. CHAMPIONS, AT_RISK; 0 and empty without), with {@code insight.bgNbd} (and
 * {@code gammaGamma}) the probability alive and the 12-month lifetime value (-1 without), with {@code layering} the
 * member's value layer (empty without). See docs/insight.md.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MemberInsight(String memberId, String lifecycleStage, boolean churnWarning, String churnReason,
                            boolean downgradeWarning, String downgradeShortfall, String npsCategory,
                            java.math.BigDecimal lifetimeSpend, int purchases, int rfmRecency, int rfmFrequency,
                            int rfmMonetary, String rfmSegment, java.math.BigDecimal probabilityAlive,
                            java.math.BigDecimal lifetimeValue, String valueLayer) {
}

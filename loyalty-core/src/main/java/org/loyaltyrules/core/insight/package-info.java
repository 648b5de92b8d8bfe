/**
 * Member insight: pure, deterministic computations over members' purchase histories, for rules to read.
 * Purchase summaries and the BG/NBD and Gamma-Gamma lifetime-value models (conventions of the Python library
 * lifetimes), RFM scores and segments (conventions of the R package rfm), NPS, value pyramid and layering,
 * lifecycle stage, churn and downgrade warnings, gathered per member by {@link org.loyaltyrules.core.insight.MemberInsight}.
 * Nothing here reads the clock; formulas and worked examples are in docs/insight.md.
 */
package org.loyaltyrules.core.insight;

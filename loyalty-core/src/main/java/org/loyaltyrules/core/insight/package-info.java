/**
 * Member insight (RFM, lifetime value, NPS, lifecycle): pure, deterministic computations over a member's history.
 * Filled by the member-insight work; empty in the foundation.
 */
package org.loyaltyrules.core.insight;

/**
 * The facts rule authors match and insert in DRL. Derived facts are statements the engine inserts before a rule
 * group fires (an {@link org.loyaltyrules.rules.facts.EligiblePurchase}, a {@link
 * org.loyaltyrules.rules.facts.CapHeadroom}); concluding facts are results rules insert ({@link
 * org.loyaltyrules.rules.facts.PointsAward}, {@link org.loyaltyrules.rules.facts.CapApplied}, {@link
 * org.loyaltyrules.rules.facts.TierChange}, {@link org.loyaltyrules.rules.facts.RiskFlag}, {@link
 * org.loyaltyrules.rules.facts.BenefitGrant}), which the engine then applies. Rules never change member state
 * themselves. See docs/rule-authoring.md for the full list.
 */
package org.loyaltyrules.rules.facts;

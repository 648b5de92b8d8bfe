package org.loyaltyrules.examples.programs;

/** Names of standard-pack rules that postings and explanations of the reference programs cite. */
final class StandardRules {

    static final String BASE = "Purchases earn base points at the program rate";
    static final String SPECIAL_RATE = "Purchases with a special-rate attribute earn base points at that rate";
    static final String TIER_BONUS = "Tier members earn their tier bonus on base points";
    static final String MILESTONE = "Members earn a milestone bonus when their window total reaches the milestone";
    static final String CAMPAIGN_REPLACING_BASE = "Campaign multipliers replace base points during the campaign";
    static final String EXCLUDED_CATEGORY = "Lines of an excluded category earn nothing";
    static final String REDEEM = "Redemptions spend available points, soonest-expiring first";

    private StandardRules() {
    }
}

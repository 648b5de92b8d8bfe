package org.loyaltyrules.bench;

/** Generated DRL in the standard pack's style, for compile and reload benchmarks. */
public final class RulePacks {

    private RulePacks() {
    }

    /** {@code count} rules "Purchases in category cN earn a bonus", each doubling its category's lines' base points. */
    public static String categoryBonuses(int count) {
        StringBuilder drl = new StringBuilder(256 + count * 420);
        drl.append("// Category bonuses: lines of a promoted category earn a multiple of their base points.\n")
                .append("// Generated for the benchmarks: ").append(count).append(" categories.\n")
                .append("package org.loyaltyrules.rules.earning;\n\n")
                .append("import java.math.BigDecimal;\n")
                .append("import org.loyaltyrules.rules.facts.*;\n\n");
        for (int i = 0; i < count; i++) {
            String category = "c" + i;
            drl.append("rule \"Purchases in category ").append(category).append(" earn a bonus\"\n")
                    .append("    @intent(\"Promote category ").append(category).append(" with double points on its lines\")\n")
                    .append("    ruleflow-group \"earning\"\n")
                    .append("when\n")
                    .append("    EligibleLine( category == \"").append(category).append("\", $event : eventId, $index : index )\n")
                    .append("then\n")
                    .append("    insert( PointsAward.lineMultiplier( $event, \"category ").append(category)
                    .append(" x2\", new BigDecimal(\"2\"), $index ) );\n")
                    .append("end\n\n");
        }
        return drl.toString();
    }
}

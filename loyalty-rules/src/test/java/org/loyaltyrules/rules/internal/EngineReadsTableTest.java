package org.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * The lint's table of what the engine inserts ({@link EngineReads#SITUATIONS}) is what the engine inserts: a rule in
 * each group fails the event with the list of every fact its session holds, for an event of each kind.
 */
class EngineReadsTableTest {

    private static final String PROGRAM = """
            {"id": "facts", "version": "1", "currency": "USD", "zone": "UTC",
             "earning": {"baseRate": "1"},
             "growth": {"rates": {"growth": "1"}},
             "tiers": {"metric": "growth", "window": {"type": "CALENDAR_YEAR"}, "validity": "END_OF_NEXT_WINDOW",
                       "downgrade": "TO_EARNED_LEVEL",
                       "ladder": [{"id": "member", "threshold": "0"}, {"id": "silver", "threshold": "500"},
                                  {"id": "gold", "threshold": "2000"}]},
             "membership": {"plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}]},
             "benefits": [{"id": "free-delivery", "name": "Free delivery", "tiers": ["silver", "gold"],
                           "quota": 2, "period": "MONTH"}]}
            """;

    /** Facts the engine inserts only on a condition these events do not meet (a metric, a campaign, a cap ...). */
    private static final Set<String> CONDITIONAL = Set.of("PurchaseMetric", "ActiveCampaign",
            "MilestoneCrossed", "CapHeadroom", "StatusLapsing", "TierFloor");

    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");
    private static final Purchase PURCHASE = Purchase.of("p1", "m1", AT, usd("600.00"))
            .withLines(List.of(PurchaseLine.of("sku-1", "books", 1, usd("600.00"))))
            .withAttributes(Map.of("store", "north"));

    @Test
    void the_table_lists_the_facts_the_session_holds_when_each_group_fires_in_each_situation() {
        LoyaltyEngine plain = engine(Map.of());
        MemberState bought = plain.apply(null, PURCHASE).state();
        Instant later = AT.plusSeconds(86_400);
        Map<String, Function<LoyaltyEngine, Runnable>> situations = new java.util.LinkedHashMap<>();
        situations.put("purchase", e -> () -> e.apply(null, PURCHASE));
        situations.put("refund", e -> () -> e.apply(bought, Refund.of("r1", "m1", later, "p1", usd("10.00"))));
        situations.put("survey", e -> () -> e.apply(bought, new Survey("s1", "m1", later, 3, Map.of())));
        situations.put("membership fee", e -> () -> e.apply(bought, new MembershipFee("f1", "m1", later,
                usd("120.00"), "gold", 12, Map.of())));
        // a fee and an enrollment that move the member (silver after p1) up to gold: their unlock session
        situations.put("membership fee, unlock", situations.get("membership fee"));
        situations.put("enrollment", e -> () -> e.apply(bought, new Enrollment("e1", "m1", later, "gold", Map.of())));
        situations.put("benefit claim, allowances", e -> () -> e.apply(bought, new BenefitClaim("c1", "m1", later,
                "free-delivery", Map.of())));
        situations.put("benefit claim", situations.get("benefit claim, allowances"));
        situations.put("tier review", e -> () -> e.reviewTiers(List.of(bought),
                Instant.parse("2027-12-31T00:00:00Z")));

        int compared = 0;
        for (EngineReads.Situation situation : EngineReads.SITUATIONS) {
            for (EngineReads.Step step : situation.steps()) {
                // given a rule of the group that fails the event with what the session holds
                String condition = situation.name().equals("benefit claim") ? "BenefitRequest()" : "";
                LoyaltyEngine recording = engine(Map.of(step.group() + "/seen.drl", seen(step.group(), condition)));

                // when an event of the situation is evaluated
                Throwable failure = catchThrowable(() -> situations.get(situation.name()).apply(recording).run());

                // then the facts the engine inserted are the ones the table lists for the group, so far
                assertThat(failure).as("%s, %s", situation.name(), step.group()).isNotNull();
                Set<String> held = new TreeSet<>();
                Matcher record = Pattern.compile("(?<![\\w.])([A-Z]\\w*)\\[").matcher(failure.getMessage());
                while (record.find()) {
                    if (EngineReads.holding(record.group(1), null) != null && !EngineReads.isConclusion(
                            record.group(1))) {
                        held.add(record.group(1));
                    }
                }
                Set<String> listed = new TreeSet<>();
                for (EngineReads.Step before : situation.steps()) {
                    before.inserts().forEach(type -> listed.add(type.getSimpleName()));
                    if (before == step) {
                        break;
                    }
                }
                assertThat(listed).as("%s, %s", situation.name(), step.group()).containsAll(held);
                listed.removeAll(CONDITIONAL);
                assertThat(held).as("%s, %s", situation.name(), step.group()).containsAll(listed);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(14);
    }

    private static String seen(String group, String condition) {
        return """
                package org.loyaltyrules.rules.%s;
                import org.loyaltyrules.rules.facts.*;

                rule "The session's facts are seen"
                    @intent("fails the event with every fact the session holds")
                    ruleflow-group "%s"
                    salience 1000
                when
                    %s
                    $seen : java.util.List( size > 0 ) from collect( Object() )
                then
                    throw new IllegalStateException( "seen " + $seen );
                end

                // the engine inserts only facts some pattern of the pack can match
                rule "Every fact the engine inserts is matched"
                    @intent("makes the engine insert every fact")
                    ruleflow-group "%s"
                when
                    %s
                then
                end
                """.formatted(group, group, condition, group, INSERTED.stream().map(t -> "not " + t + "( )")
                .collect(java.util.stream.Collectors.joining(" ")));
    }

    /** Every type the table says the engine inserts. */
    private static final Set<String> INSERTED = new TreeSet<>(EngineReads.SITUATIONS.stream()
            .flatMap(s -> s.steps().stream()).flatMap(step -> step.inserts().stream()).map(Class::getSimpleName)
            .toList());

    private static LoyaltyEngine engine(Map<String, String> drl) {
        return LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM, "facts.json"), drl));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }
}

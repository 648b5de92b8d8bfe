package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * refunds.partialRefundsKeep: what the clawback's explanation says of a kept metric. A hotel program, 10 points per
 * USD, nights decide the tier, the TAX line earns nothing.
 */
class PartialRefundsKeepTest {

    private final LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse("""
            {"id": "h", "version": "1", "earning": {"baseRate": "10", "exclusions": {"skus": ["TAX"]}},
             "tiers": {"metric": "nights", "ladder": [{"id": "member"}, {"id": "silver", "threshold": "10"}]},
             "refunds": {"partialRefundsKeep": ["nights"]}}
            """, "program.json")));

    /** The clawback explanation of each refund of the stay s1 (300.00: ROOM 200.00, TAX 100.00, 2 nights). */
    private List<String> clawbacks(String refunds) {
        List<LoyaltyEvent> events = EventReader.of(ZoneOffset.UTC, Currency.getInstance("USD")).readJsonLines(
                new StringReader("""
                        {"id":"s1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"300.00",\
                        "metrics":{"nights":2},"lines":[{"sku":"ROOM","amount":"200.00"},{"sku":"TAX","amount":"100.00"}]}
                        """ + refunds), "t.jsonl").events();
        MemberState state = null;
        List<String> said = new ArrayList<>();
        for (LoyaltyEvent event : events) {
            Decision d = engine.apply(state, event);
            state = d.state();
            // a refund that claws back 0 points posts nothing: its explanation still says what it did
            d.explanations().stream().map(Explanation::sentence).filter(x -> x.startsWith("refund of"))
                    .forEach(said::add);
        }
        return said;
    }

    @Test
    void a_partial_refund_says_the_nights_are_kept_and_the_completing_one_takes_them() {
        assertThat(clawbacks("""
                {"id":"r1","type":"refund","member":"m1","at":"2025-03-04T10:00:00Z","original":"s1","amount":"150.00"}
                {"id":"r2","type":"refund","member":"m1","at":"2025-03-05T10:00:00Z","original":"s1","amount":"150.00"}
                """)).containsExactly(
                // 150.00 spread over ROOM and TAX: 100.00 of the 200.00 eligible, 2,000 x 100 / 200 = 1,000
                "refund of 150.00 USD of purchase s1 (300.00 USD) claws back 1000 of 2000 points; growth nights 2 kept"
                        + " (a partial refund)",
                "refund of 150.00 USD of purchase s1 (300.00 USD) claws back 1000 of 2000 points and growth nights 2 of 2");
    }

    @Test
    void a_refund_completing_the_purchase_after_the_nights_went_keeps_nothing_and_says_nothing_of_them() {
        // the ROOM line is all the eligible money: that refund is whole and takes the nights; the TAX is what is left
        assertThat(clawbacks("""
                {"id":"r1","type":"refund","member":"m1","at":"2025-03-04T10:00:00Z","original":"s1","amount":"200.00",\
                "lines":[{"sku":"ROOM","amount":"200.00"}]}
                {"id":"r2","type":"refund","member":"m1","at":"2025-03-05T10:00:00Z","original":"s1","amount":"100.00",\
                "lines":[{"sku":"TAX","amount":"100.00"}]}
                """)).containsExactly(
                "refund of 200.00 USD of purchase s1 (300.00 USD) claws back 2000 of 2000 points and growth nights 2 of 2",
                "refund of 100.00 USD of purchase s1 (300.00 USD) claws back 0 of 2000 points");
    }

    @Test
    void a_program_whose_tiers_count_points_names_that_growth_as_growth_points() {
        // Starbucks-like: Stars earned decide the tier, so a refund takes points back twice over, in words once each
        LoyaltyEngine stars = LoyaltyEngine.create(Program.of(ProgramJson.parse("""
                {"id": "s", "version": "1", "earning": {"baseRate": "1"},
                 "tiers": {"metric": "points", "ladder": [{"id": "green"}, {"id": "gold", "threshold": "500"}]}}
                """, "program.json")));
        List<LoyaltyEvent> events = EventReader.of(ZoneOffset.UTC, Currency.getInstance("USD")).readJsonLines(
                new StringReader("""
                        {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"94.31"}
                        {"id":"r1","type":"refund","member":"m1","at":"2025-03-04T10:00:00Z","original":"p1","amount":"9.43"}
                        """), "t.jsonl").events();

        Decision refund = stars.apply(stars.apply(null, events.get(0)).state(), events.get(1));

        assertThat(refund.postings().get(0).explanation()).isEqualTo("refund of 9.43 USD of purchase p1 (94.31 USD)"
                + " claws back 9 of 94 points and growth points 9 of 94");
    }
}

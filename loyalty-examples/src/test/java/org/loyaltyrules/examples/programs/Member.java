package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;

/**
 * One member living through a scenario under a reference program: applies events in order, keeps the state each
 * decision returns, and lets time pass for scheduled reviews. Test fixture only.
 */
final class Member {

    private final LoyaltyEngine engine;
    private final String id;
    private MemberState state;

    private Member(LoyaltyEngine engine, String id) {
        this.engine = engine;
        this.id = id;
    }

    /** Loads {@code programs/<name>} (tests run in the loyalty-examples folder). */
    static LoyaltyEngine engine(String program) {
        return LoyaltyEngine.create(Program.load(Path.of("programs", program)));
    }

    static Member of(LoyaltyEngine engine, String id) {
        return new Member(engine, id);
    }

    String id() {
        return id;
    }

    MemberState state() {
        return state;
    }

    /** Applies an event that must take effect, and keeps the new state. */
    Decision apply(LoyaltyEvent event) {
        Decision decision = engine.apply(state, event);
        assertThat(decision.outcome()).as("outcome of %s: %s", event.id(), decision.refusal())
                .isEqualTo(Decision.Outcome.APPLIED);
        state = decision.state();
        return decision;
    }

    /** Applies an event that may be refused; the state is kept either way. */
    Decision attempt(LoyaltyEvent event) {
        Decision decision = engine.apply(state, event);
        state = decision.state();
        return decision;
    }

    /** Lets time pass to {@code at}: points activate and expire, scheduled tier reviews run. */
    Decision reviewAt(String at) {
        Decision decision = engine.reviewTiers(List.of(state), instant(at)).get(0);
        state = decision.state();
        return decision;
    }

    String tier() {
        return state.tier().tierId();
    }

    long available() {
        return state.pointsAvailable();
    }

    long pending() {
        return state.pointsPending();
    }

    // ---- event builders

    static Instant instant(String iso) {
        return Instant.parse(iso);
    }

    static Money money(String amount, String currency) {
        return Money.of(amount, currency);
    }

    Purchase purchase(String eventId, String at, String amount, String currency) {
        return Purchase.of(eventId, id, instant(at), money(amount, currency));
    }

    Purchase usd(String eventId, String at, String amount) {
        return purchase(eventId, at, amount, "USD");
    }

    /** A hotel stay: the folio amount, the brand and the nights it counts. */
    Purchase stay(String eventId, String at, String amount, String brand, int nights) {
        return usd(eventId, at, amount).withAttributes(Map.of("brand", brand))
                .withMetrics(Map.of("nights", BigDecimal.valueOf(nights)));
    }

    static PurchaseLine line(String sku, String category, String amount, String currency) {
        return PurchaseLine.of(sku, category, 1, money(amount, currency));
    }
}

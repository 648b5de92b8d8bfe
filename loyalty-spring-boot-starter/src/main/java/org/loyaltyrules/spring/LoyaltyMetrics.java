package org.loyaltyrules.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.risk.Cap;
import org.loyaltyrules.jdbc.LoyaltyService;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.Explanation;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.facts.CapApplied;

/**
 * Micrometer meters of every decision {@link LoyaltyService} returns:
 * <ul>
 *   <li>{@code loyalty.decisions} (counter; tags {@code outcome} = APPLIED, DUPLICATE or REFUSED, {@code type} = the
 *       event type): events per second is its rate; FAILED for an event apply threw on, when its caller tells
 *       {@link #failed};</li>
 *   <li>{@code loyalty.evaluation} (timer; tag {@code outcome}): load, evaluate and store, retries included;</li>
 *   <li>{@code loyalty.points.issued} (counter): points earned by applied events, their EARN postings
 *       ({@link Decision#pointsAwarded()}), as "points issued" of a replay; adjustments are not counted;</li>
 *   <li>{@code loyalty.caps.hit} (counter; tag {@code cap}): awards trimmed by a cap; registered at 0 for each cap of
 *       the program from the start (and for the caps a reloaded program adds, at its first decision);</li>
 *   <li>{@code loyalty.rule.firings} (counter; tag {@code rule}): applied decisions each rule explained, counted
 *       once per decision;</li>
 *   <li>{@code loyalty.program.reloads} and {@code loyalty.program.reload.failures} (function counters).</li>
 * </ul>
 */
public final class LoyaltyMetrics implements LoyaltyService.Listener {

    private final MeterRegistry registry;
    private final LoyaltyEngine engine;
    private final Counter pointsIssued;
    /** The program whose caps have counters: a reload swaps in another. */
    private volatile Program metered;

    public LoyaltyMetrics(MeterRegistry registry, ProgramReloader reloader, LoyaltyEngine engine) {
        this.registry = registry;
        this.engine = engine;
        this.pointsIssued = Counter.builder("loyalty.points.issued").baseUnit("points")
                .description("Points earned by applied events (EARN postings; adjustments not counted)")
                .register(registry);
        FunctionCounter.builder("loyalty.program.reloads", reloader, r -> r.status().reloads())
                .description("Programs swapped in by hot reload").register(registry);
        FunctionCounter.builder("loyalty.program.reload.failures", reloader, r -> r.status().failures())
                .description("Reloads refused because the program did not load or compile").register(registry);
        meterCapsOf(engine.program());
    }

    private void meterCapsOf(Program program) {
        for (Cap cap : program.settings().caps()) {
            capHits(cap.id());
        }
        metered = program;
    }

    private Counter capHits(String capId) {
        return Counter.builder("loyalty.caps.hit").description("Awards trimmed by a cap").tag("cap", capId)
                .register(registry);
    }

    private Counter decisions(LoyaltyEvent event, String outcome) {
        return Counter.builder("loyalty.decisions").description("Events decided, by outcome and event type")
                .tags("outcome", outcome, "type", event.type()).register(registry);
    }

    /**
     * {@code event} was not decided: {@link LoyaltyService#apply} threw (a rule failed, the stored state holds a tier
     * the program lacks, retries ran out, the database failed; nothing written). Counted in {@code loyalty.decisions}
     * with outcome {@code FAILED}, not timed. The service tells its listener only of decisions: the caller of apply
     * calls this.
     */
    public void failed(LoyaltyEvent event) {
        decisions(event, "FAILED").increment();
    }

    @Override
    public void decided(LoyaltyEvent event, Decision decision, long nanos) {
        Program serving = engine.program();
        if (serving != metered) {
            meterCapsOf(serving);
        }
        String outcome = decision.outcome().name();
        decisions(event, outcome).increment();
        Timer.builder("loyalty.evaluation").description("Time to load, evaluate and store one event")
                .tag("outcome", outcome).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (!decision.isApplied()) {
            return;
        }
        long points = decision.pointsAwarded();
        if (points > 0) {
            pointsIssued.increment(points);
        }
        for (CapApplied cap : decision.capTrims()) { // not a cap the award went over that withheld nothing
            capHits(cap.capId()).increment();
        }
        Set<String> rules = new LinkedHashSet<>();
        for (Explanation e : decision.explanations()) {
            rules.add(e.rule());
        }
        for (String rule : rules) {
            Counter.builder("loyalty.rule.firings").description("Applied decisions a rule took part in")
                    .tag("rule", rule).register(registry).increment();
        }
    }
}

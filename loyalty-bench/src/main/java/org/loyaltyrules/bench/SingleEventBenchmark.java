package org.loyaltyrules.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.bench.baseline.HandWrittenRetailBasic;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One purchase for one member who already has 8 purchases (a realistic state: lots, growth, counters, purchase
 * records), engine {@code apply} vs hand-written {@code apply}. 1,024 (state, purchase) pairs are cycled so neither
 * side sees one input only. Throughput gives events/s; SampleTime gives the latency percentiles (p99).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SingleEventBenchmark {

    static final int PAIRS = 1_024;

    LoyaltyEngine engine;
    HandWrittenRetailBasic handWritten;
    MemberState[] states;
    Purchase[] purchases;
    int next;

    @Setup
    public void setUp() {
        engine = Cdnow.retailBasicEngine();
        handWritten = new HandWrittenRetailBasic();
        List<MemberState> members = Fixtures.members(PAIRS, 8, 42);
        states = members.toArray(new MemberState[0]);
        purchases = new Purchase[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            MemberState s = states[i];
            purchases[i] = Fixtures.purchase("next-" + i, s.memberId(), s.lastEventAt().plus(Duration.ofDays(3)),
                    2_000 + (i * 7_919L) % 30_000);
        }
    }

    @Benchmark
    public Object engine() {
        int i = next++ & (PAIRS - 1);
        return engine.apply(states[i], purchases[i]);
    }

    @Benchmark
    public Object handWritten() {
        int i = next++ & (PAIRS - 1);
        return handWritten.apply(states[i], purchases[i]);
    }
}

package org.loyaltyrules.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.bench.baseline.HandWrittenRetailBasic;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Replay of a batch of 100 or 10,000 purchases (5 per member, new members) on one thread, engine {@code replay} vs
 * hand-written {@code replay}. Each call counts as its batch size in operations, so scores read in events/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchReplayBenchmark {

    @State(Scope.Benchmark)
    public static class Programs {
        LoyaltyEngine engine;
        HandWrittenRetailBasic handWritten;
        List<Purchase> batch100;
        List<Purchase> batch10k;

        @Setup
        public void setUp() {
            engine = Cdnow.retailBasicEngine();
            handWritten = new HandWrittenRetailBasic();
            batch100 = Fixtures.purchases(100, 5, 7);
            batch10k = Fixtures.purchases(10_000, 5, 7);
        }
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public Object engine_100(Programs p) {
        return p.engine.replay(Map.of(), p.batch100, null, d -> { }, 1);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public Object handWritten_100(Programs p) {
        return p.handWritten.replay(p.batch100, null, 1);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public Object engine_10000(Programs p) {
        return p.engine.replay(Map.of(), p.batch10k, null, d -> { }, 1);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public Object handWritten_10000(Programs p) {
        return p.handWritten.replay(p.batch10k, null, 1);
    }
}

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The full CDNOW history (69,659 purchases of 23,570 members, {@code ../shared/data/cdnow}) replayed with 1 and 2
 * threads, engine vs hand-written, no review at the end. Scores are events/s (each call counts 69,659 operations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CdnowReplayBenchmark {

    @Param({"1", "2"})
    public int threads;

    LoyaltyEngine engine;
    HandWrittenRetailBasic handWritten;
    List<Purchase> events;

    @Setup
    public void setUp() {
        engine = Cdnow.retailBasicEngine();
        handWritten = new HandWrittenRetailBasic();
        events = Cdnow.purchases(Cdnow.masterFile().orElseThrow(() -> new IllegalStateException(
                "CDNOW_master.txt.gz not found under <root>/../shared/data/cdnow; set -Dcdnow.file=...")));
    }

    @Benchmark
    @OperationsPerInvocation(Cdnow.ROWS)
    public Object engine() {
        return engine.replay(Map.of(), events, null, d -> { }, threads);
    }

    @Benchmark
    @OperationsPerInvocation(Cdnow.ROWS)
    public Object handWritten() {
        return handWritten.replay(events, null, threads);
    }
}

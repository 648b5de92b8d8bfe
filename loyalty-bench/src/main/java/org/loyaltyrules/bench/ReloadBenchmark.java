package org.loyaltyrules.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.loyaltyrules.bench.baseline.HandWrittenRetailBasic;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Hot reload: single-event {@code apply} latency (SampleTime: p50, p99, p99.9, max) while another thread reloads the
 * program back to back ({@code reloading = true}: retail-basic + a 50-rule category pack, a fresh text each time, so
 * every reload compiles), against the same calls without reloads. The hand-written side runs with the same
 * background compile thread, to separate CPU contention (2 cores) from any pause caused by the engine itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReloadBenchmark {

    @Param({"false", "true"})
    public boolean reloading;

    LoyaltyEngine engine;
    HandWrittenRetailBasic handWritten;
    MemberState[] states;
    Purchase[] purchases;
    Thread reloader;
    volatile boolean stop;
    final AtomicLong reloads = new AtomicLong();
    long reloadNanos;

    @Setup(Level.Trial)
    public void setUp() {
        engine = Cdnow.retailBasicEngine();
        handWritten = new HandWrittenRetailBasic();
        List<MemberState> members = Fixtures.members(SingleEventBenchmark.PAIRS, 8, 42);
        states = members.toArray(new MemberState[0]);
        purchases = new Purchase[states.length];
        for (int i = 0; i < states.length; i++) {
            purchases[i] = Fixtures.purchase("next-" + i, states[i].memberId(),
                    states[i].lastEventAt().plus(Duration.ofDays(3)), 2_000 + (i * 7_919L) % 30_000);
        }
        if (reloading) {
            ProgramSettings settings = engine.program().settings();
            String drl = RulePacks.categoryBonuses(50);
            reloader = new Thread(() -> {
                long n = 0;
                while (!stop) {
                    long t0 = System.nanoTime();
                    engine.reload(Program.of(settings, Map.of("earning/category-bonus.drl", "// reload " + (n++) + "\n"
                            + drl)));
                    reloadNanos += System.nanoTime() - t0;
                    reloads.incrementAndGet();
                }
            }, "reloader");
            reloader.setDaemon(true);
            reloader.start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop = true;
        if (reloader != null) {
            reloader.join();
            System.out.printf("%n[reload] %d reloads, mean %.1f ms each%n", reloads.get(),
                    reloadNanos / 1e6 / Math.max(1, reloads.get()));
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public Object engine(Cursor c) {
        int i = c.next++ & (SingleEventBenchmark.PAIRS - 1);
        return engine.apply(states[i], purchases[i]);
    }

    @Benchmark
    public Object handWritten(Cursor c) {
        int i = c.next++ & (SingleEventBenchmark.PAIRS - 1);
        return handWritten.apply(states[i], purchases[i]);
    }
}

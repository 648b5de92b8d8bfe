package org.loyaltyrules.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.bench.baseline.HandWrittenRetailBasic;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * A cross-check of the JMH replay numbers that is robust to other processes on a shared machine: the calling
 * thread's CPU time (not wall time) per event of a single-threaded replay, engine vs hand-written, best of N rounds;
 * and the whole JVM's CPU time per event (adds the garbage collector's and JIT's threads), which is fairer to the side
 * that allocates less per second.
 * Not a JMH benchmark. Usage: {@code java -cp loyalty-bench/target/benchmarks.jar org.loyaltyrules.bench.ReplayCpuTime [rounds]}
 */
public final class ReplayCpuTime {

    private ReplayCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        LoyaltyEngine engine = Cdnow.retailBasicEngine();
        HandWrittenRetailBasic handWritten = new HandWrittenRetailBasic();
        Map<String, List<Purchase>> inputs = new java.util.LinkedHashMap<>();
        inputs.put("synthetic 100", Fixtures.purchases(100, 5, 7));
        inputs.put("synthetic 10,000", Fixtures.purchases(10_000, 5, 7));
        Cdnow.masterFile().ifPresent(f -> inputs.put("CDNOW 69,659", Cdnow.purchases(f)));
        System.out.printf("%-18s %14s %14s %8s %16s %16s %8s%n", "input", "engine us/ev", "hand us/ev", "ratio",
                "engine proc us/ev", "hand proc us/ev", "ratio");
        for (Map.Entry<String, List<Purchase>> in : inputs.entrySet()) {
            List<Purchase> events = in.getValue();
            int repeat = Math.max(1, 20_000 / events.size());
            double bestEngine = Double.MAX_VALUE;
            double bestHand = Double.MAX_VALUE;
            double bestEngineProcess = Double.MAX_VALUE;
            double bestHandProcess = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                System.gc();
                long p0 = os.getProcessCpuTime();
                long t0 = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < repeat; k++) {
                    engine.replay(Map.of(), events, null, d -> { }, 1);
                }
                long t1 = mx.getCurrentThreadCpuTime();
                long p1 = os.getProcessCpuTime();
                System.gc();
                long p2 = os.getProcessCpuTime();
                long t2start = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < repeat; k++) {
                    handWritten.replay(events, null, 1);
                }
                long t2 = mx.getCurrentThreadCpuTime();
                long p3 = os.getProcessCpuTime();
                bestEngineProcess = Math.min(bestEngineProcess, (p1 - p0) / 1e3 / repeat / events.size());
                bestHandProcess = Math.min(bestHandProcess, (p3 - p2) / 1e3 / repeat / events.size());
                bestEngine = Math.min(bestEngine, (t1 - t0) / 1e3 / repeat / events.size());
                bestHand = Math.min(bestHand, (t2 - t2start) / 1e3 / repeat / events.size());
            }
            System.out.printf("%-18s %14.2f %14.2f %8.1f %16.2f %16.2f %8.1f%n", in.getKey(), bestEngine, bestHand,
                    bestEngine / bestHand, bestEngineProcess, bestHandProcess, bestEngineProcess / bestHandProcess);
        }
    }
}

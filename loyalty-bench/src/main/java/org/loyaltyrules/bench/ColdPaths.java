package org.loyaltyrules.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * Cross-checks of the compile and reload rows that JMH's wall clock blurs on a shared machine: the JVM's CPU time
 * (all threads: Drools builds rules in parallel) per pack compile, and the latency of the first evaluations on the
 * calling thread right after a reload swapped in a freshly compiled pack. Not a JMH benchmark. Usage:
 * {@code java -cp loyalty-bench/target/benchmarks.jar org.loyaltyrules.bench.ColdPaths}
 */
public final class ColdPaths {

    private ColdPaths() {
    }

    public static void main(String[] args) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ProgramSettings settings = Cdnow.retailBasicProgram().settings();
        System.out.printf("%-8s %12s %12s%n", "rules", "wall ms", "cpu ms");
        for (int rules : new int[] {5, 50, 500}) {
            String drl = RulePacks.categoryBonuses(rules);
            long bestWall = Long.MAX_VALUE;
            long bestCpu = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                String text = "// cold " + rules + " " + round + " " + System.nanoTime() + "\n" + drl;
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                LoyaltyEngine.create(Program.of(settings, Map.of("earning/category-bonus.drl", text)));
                long wall = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - c0;
                if (round >= 2) { // the first rounds warm the compiler itself
                    bestWall = Math.min(bestWall, wall);
                    bestCpu = Math.min(bestCpu, cpu);
                }
            }
            System.out.printf("%-8d %12.0f %12.0f%n", rules, bestWall / 1e6, bestCpu / 1e6);
        }

        LoyaltyEngine engine = Cdnow.retailBasicEngine();
        List<MemberState> members = Fixtures.members(256, 8, 42);
        String drl = RulePacks.categoryBonuses(50);
        for (int k = 0; k < 20_000; k++) { // warm the steady state
            apply(engine, members, k);
        }
        System.out.printf("%nfirst evaluations after a reload (us): steady median, then apply #1, #2, #3, #10, #100%n");
        for (int round = 0; round < 5; round++) {
            long[] steady = new long[201];
            for (int k = 0; k < steady.length; k++) {
                long t0 = System.nanoTime();
                apply(engine, members, k);
                steady[k] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(steady);
            engine.reload(Program.of(settings, Map.of("earning/category-bonus.drl", "// round " + round + "\n" + drl)));
            long[] after = new long[100];
            for (int k = 0; k < after.length; k++) {
                long t0 = System.nanoTime();
                apply(engine, members, k);
                after[k] = System.nanoTime() - t0;
            }
            System.out.printf("reload %d: steady %.0f, then %.0f, %.0f, %.0f, %.0f, %.0f%n", round, steady[100] / 1e3,
                    after[0] / 1e3, after[1] / 1e3, after[2] / 1e3, after[9] / 1e3, after[99] / 1e3);
        }
    }

    private static Object apply(LoyaltyEngine engine, List<MemberState> members, int k) {
        MemberState s = members.get(k % members.size());
        Purchase p = Fixtures.purchase("n" + k, s.memberId(), s.lastEventAt().plus(Duration.ofDays(3)), 2_000 + k % 5_000);
        return engine.apply(s, p);
    }
}

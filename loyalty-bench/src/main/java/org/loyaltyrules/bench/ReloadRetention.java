package org.loyaltyrules.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * Heap retained after many hot reloads, each followed by one evaluation on this (long-lived) thread. The engine keeps
 * at most 32 compiled packs in its cache, so the retained heap should stop growing after 32 reloads; this prints it
 * every 20 reloads. Not a JMH benchmark. Usage:
 * {@code java -Xmx3g -cp loyalty-bench/target/benchmarks.jar org.loyaltyrules.bench.ReloadRetention 120}
 */
public final class ReloadRetention {

    private ReloadRetention() {
    }

    public static void main(String[] args) throws InterruptedException {
        int reloads = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        LoyaltyEngine engine = Cdnow.retailBasicEngine();
        ProgramSettings settings = engine.program().settings();
        MemberState member = Fixtures.members(1, 3, 5).get(0);
        String drl = RulePacks.categoryBonuses(20);
        for (int i = 1; i <= reloads; i++) {
            engine.reload(Program.of(settings, Map.of("earning/category-bonus.drl", "// reload " + i + "\n" + drl)));
            engine.apply(member, Fixtures.purchase("p" + i, member.memberId(),
                    member.lastEventAt().plus(Duration.ofDays(1)), 1_000));
            if (i % 20 == 0) {
                System.out.printf("after %3d reloads: %,d MB retained%n", i, used() >> 20);
            }
        }
        List.of(engine).forEach(e -> { }); // keep the engine reachable to the end
    }

    private static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}

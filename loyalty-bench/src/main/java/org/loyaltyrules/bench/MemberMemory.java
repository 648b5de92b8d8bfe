package org.loyaltyrules.bench;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.core.member.MemberState;

/**
 * Heap per member state: builds N members after 5 purchases each and measures the used heap before and after
 * (Runtime, after System.gc() several times). Not a JMH benchmark. Usage:
 * {@code java -Xmx6g -cp loyalty-bench/target/benchmarks.jar org.loyaltyrules.bench.MemberMemory 10000 100000 1000000}
 */
public final class MemberMemory {

    private MemberMemory() {
    }

    public static void main(String[] args) throws InterruptedException {
        int perMember = Integer.getInteger("purchases", 5);
        List<Integer> counts = new ArrayList<>();
        for (String a : args.length == 0 ? new String[] {"10000", "100000", "1000000"} : args) {
            counts.add(Integer.parseInt(a.replace("_", "")));
        }
        Fixtures.members(1_000, perMember, 1); // warm up class loading and the JIT outside the measurement
        System.out.printf("max heap %d MB, %d purchases per member%n", Runtime.getRuntime().maxMemory() >> 20, perMember);
        for (int n : counts) {
            long before = used();
            List<MemberState> states;
            try {
                states = Fixtures.members(n, perMember, 3);
            } catch (OutOfMemoryError e) {
                System.out.printf("%,d members: out of memory%n", n);
                break;
            }
            long after = used();
            System.out.printf("%,d members: %,d bytes retained, %,d bytes per member, %,d MB for 1M members%n", n,
                    after - before, (after - before) / n, (after - before) / n * 1_000_000 / (1 << 20));
            if (states.get(n - 1).ledger().postings().isEmpty()) {
                throw new IllegalStateException("keeps states reachable until measured");
            }
            states = null;
        }
    }

    private static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}

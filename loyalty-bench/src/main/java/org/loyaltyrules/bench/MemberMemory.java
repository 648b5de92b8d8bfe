package org.loyaltyrules.bench;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.core.member.MemberState;

/**
 * Heap per member state: builds N members after 5 purchases each and measures the used heap before and after
 * (Runtime, after System.gc() several times). Not a JMH benchmark.
 * {@code -Dbuilder=engine} builds them with the engine instead of the hand-written program. Usage:
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
                states = "engine".equals(System.getProperty("builder")) ? byEngine(n, perMember)
                        : Fixtures.members(n, perMember, 3);
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
            if (Integer.getInteger("hold", 0) > 0) {
                System.out.println("holding for jmap -histo:live " + ProcessHandle.current().pid());
                Thread.sleep(Integer.getInteger("hold") * 1000L);
            }
            states = null;
        }
    }

    /** The same members as {@link Fixtures#members}, built by the engine (its explanation texts are longer). */
    private static List<MemberState> byEngine(int n, int perMember) {
        org.loyaltyrules.rules.LoyaltyEngine engine = Cdnow.retailBasicEngine();
        java.util.Random random = new java.util.Random(3);
        List<MemberState> states = new ArrayList<>(n);
        for (int m = 0; m < n; m++) {
            String id = "m" + m;
            java.time.Instant at = Fixtures.START.plus(java.time.Duration.ofHours(random.nextInt(24 * 60)));
            MemberState state = null;
            for (int i = 0; i < perMember; i++) {
                at = at.plus(java.time.Duration.ofHours(1 + random.nextInt(24 * 40)));
                long cents = 1_000 + random.nextInt(m % 3 == 0 ? 120_000 : 20_000);
                state = engine.apply(state, Fixtures.purchase(id + "-" + i, id, at, cents)).state();
            }
            states.add(state);
        }
        return states;
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

package org.loyaltyrules.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * Measures {@link LoyaltyService} throughput: {@code members} members with {@code perMember} purchases each
 * (retail-basic program), applied by {@code threads} threads, each thread owning a slice of the members.
 * Run: {@code mvn -B -o -q -pl loyalty-jdbc test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.loyaltyrules.jdbc.ThroughputMain -Dexec.args="h2 1000 20 2"} (or {@code postgresql}, with
 * LOYALTY_PG_URL set). Also: {@code engine} measures the engine alone on the same events.
 */
public final class ThroughputMain {

    private ThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int perMember = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        LoyaltyEngine engine = Histories.retailBasic();
        List<List<LoyaltyEvent>> slices = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            slices.add(new ArrayList<>());
        }
        Instant start = Instant.parse("2025-01-01T08:00:00Z");
        for (int i = 0; i < perMember; i++) {
            for (int m = 0; m < members; m++) {
                slices.get(m % threads).add(Purchase.of("e" + m + "-" + i, "m" + m, start.plus(Duration.ofHours(i * 5L)),
                        Histories.usd((5 + (m * 7 + i * 13) % 200) + ".50")));
            }
        }
        int total = members * perMember;
        warmUp(engine);
        if (kind.equals("one-member")) {
            LoyaltyEngine commuting = Histories.commuting();
            List<LoyaltyEvent> events = LoyaltyServiceConcurrencyTest.events("m1", total);
            long t0 = System.nanoTime();
            commuting.replay(events);
            report("engine only, one member", total, 1, System.nanoTime() - t0);
            return;
        }
        if (kind.equals("engine")) {
            long t0 = System.nanoTime();
            List<LoyaltyEvent> all = new ArrayList<>();
            slices.forEach(all::addAll);
            engine.replay(java.util.Map.of(), all, null, d -> { }, threads);
            report("engine only", total, threads, System.nanoTime() - t0);
            return;
        }
        try (TestDatabase db = TestDatabase.open(kind)) {
            LoyaltyService service = LoyaltyService.create(engine, db.store());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (List<LoyaltyEvent> slice : slices) {
                done.add(pool.submit(() -> slice.forEach(service::apply)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            report(kind, total, threads, System.nanoTime() - t0);
            pool.shutdown();
        }
    }

    private static void warmUp(LoyaltyEngine engine) {
        for (int i = 0; i < 2_000; i++) {
            engine.apply(null, Purchase.of("w" + i, "w" + i, Instant.parse("2025-01-01T00:00:00Z"), Histories.usd("10.00")));
        }
    }

    private static void report(String kind, int events, int threads, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("%s: %,d events, %d threads: %.2f s, %,.0f events/s%n", kind, events, threads, seconds,
                events / seconds);
    }
}

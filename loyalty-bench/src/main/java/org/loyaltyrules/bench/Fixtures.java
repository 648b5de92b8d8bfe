package org.loyaltyrules.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.loyaltyrules.bench.baseline.HandWrittenRetailBasic;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;

/** Deterministic synthetic inputs shared by the benchmarks, so engine and hand-written get exactly the same ones. */
public final class Fixtures {

    static final Currency USD = Currency.getInstance("USD");
    /** Histories start here; every member's first review falls before {@link #REVIEW_AT}. */
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant REVIEW_AT = Instant.parse("2026-06-30T00:00:00Z");

    private Fixtures() {
    }

    /**
     * {@code count} purchases of {@code count / perMember} members, spread over 2024 in time order per member,
     * amounts 5..400 USD (a few members cross silver, fewer gold), interleaved across members.
     */
    public static List<Purchase> purchases(int count, int perMember, long seed) {
        Random random = new Random(seed);
        int members = Math.max(1, count / perMember);
        Instant[] clock = new Instant[members];
        List<Purchase> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int m = i % members;
            clock[m] = (clock[m] == null ? START.plus(Duration.ofHours(random.nextInt(24 * 30))) : clock[m])
                    .plus(Duration.ofHours(1 + random.nextInt(24 * 20)));
            events.add(purchase("e" + i, "m" + m, clock[m], 500 + random.nextInt(40_000)));
        }
        return events;
    }

    public static Purchase purchase(String id, String member, Instant at, long cents) {
        return Purchase.of(id, member, at, Money.of(BigDecimal.valueOf(cents, 2), USD));
    }

    /**
     * {@code count} member states after {@code perMember} purchases each (built by the hand-written program, which
     * the equivalence tests show gives the engine's states), about a third of them silver or gold, all reviewable.
     */
    public static List<MemberState> members(int count, int perMember, long seed) {
        HandWrittenRetailBasic program = new HandWrittenRetailBasic();
        Random random = new Random(seed);
        List<MemberState> states = new ArrayList<>(count);
        for (int m = 0; m < count; m++) {
            String id = "m" + m;
            Instant at = START.plus(Duration.ofHours(random.nextInt(24 * 60)));
            MemberState state = null;
            for (int i = 0; i < perMember; i++) {
                at = at.plus(Duration.ofHours(1 + random.nextInt(24 * 40)));
                long cents = 1_000 + random.nextInt(m % 3 == 0 ? 120_000 : 20_000);
                state = program.apply(state, purchase(id + "-" + i, id, at, cents)).state();
            }
            states.add(state);
        }
        return states;
    }
}

package org.loyaltyrules.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.bench.baseline.HandWrittenRetailBasic;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code reviewTiers} of N synthetic members (3 purchases each, a third of them silver/gold) at a date after every
 * member's first review is due: points activate and expire, statuses renew or drop one step. One call reviews all N
 * members; the score is the time per call (members/s = N / time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TierReviewBenchmark {

    @Param({"10000", "100000", "1000000"})
    public int members;

    LoyaltyEngine engine;
    HandWrittenRetailBasic handWritten;
    List<MemberState> states;

    @Setup
    public void setUp() {
        engine = Cdnow.retailBasicEngine();
        handWritten = new HandWrittenRetailBasic();
        states = Fixtures.members(members, 3, 11);
    }

    @Benchmark
    public Object engine() {
        return engine.reviewTiers(states, Fixtures.REVIEW_AT);
    }

    @Benchmark
    public Object handWritten() {
        return handWritten.reviewTiers(states, Fixtures.REVIEW_AT);
    }
}

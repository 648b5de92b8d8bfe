package org.loyaltyrules.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compile time of retail-basic's standard pack plus a generated {@code earning/category-bonus.drl} of 5, 50 or 500
 * rules "Purchases in category X earn a bonus" ({@link RulePacks}). Every call compiles a text no call compiled
 * before (a unique comment), so the engine's pack cache never answers. There is nothing to compile by hand: the
 * hand-written side of this row is the Java build, not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PackCompileBenchmark {

    @Param({"5", "50", "500"})
    public int rules;

    ProgramSettings settings;
    String drl;
    long version;

    @Setup
    public void setUp() {
        settings = Cdnow.retailBasicProgram().settings();
        drl = RulePacks.categoryBonuses(rules);
    }

    @Benchmark
    public Object engine() {
        String text = "// compile " + System.nanoTime() + " " + (version++) + "\n" + drl;
        return LoyaltyEngine.create(Program.of(settings, Map.of("earning/category-bonus.drl", text)));
    }
}

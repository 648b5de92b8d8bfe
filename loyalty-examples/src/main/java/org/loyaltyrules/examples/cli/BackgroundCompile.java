package org.loyaltyrules.examples.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;

/**
 * Compiles rule packs on a daemon thread while the command reads its events: a cold compile takes seconds and needs
 * nothing from the events. A command that fails on its events first (--strict) leaves the compile behind.
 */
final class BackgroundCompile {

    private static final Executor COMPILER = task -> {
        Thread t = new Thread(task, "loyalty-compile");
        t.setDaemon(true);
        t.start();
    };

    private BackgroundCompile() {
    }

    static CompletableFuture<LoyaltyEngine> start(Program program) {
        return CompletableFuture.supplyAsync(() -> LoyaltyEngine.create(program), COMPILER);
    }

    /**
     * Compiles {@code program} once {@code first} is compiled (one compile at a time); when {@code first} fails, this
     * fails with its problems without compiling.
     */
    static CompletableFuture<LoyaltyEngine> after(CompletableFuture<LoyaltyEngine> first, Program program) {
        return first.thenApplyAsync(compiled -> LoyaltyEngine.create(program), COMPILER);
    }

    /** The compiled engine; a program that does not compile throws its {@code ProgramException} (file:line, rule). */
    static LoyaltyEngine join(CompletableFuture<LoyaltyEngine> compiling) {
        try {
            return compiling.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }
}

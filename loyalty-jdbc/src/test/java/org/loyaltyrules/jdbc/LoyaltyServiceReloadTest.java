package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;

/**
 * {@link LoyaltyService#reload} checks the tiers stored members hold with the service's applies paused for the swap:
 * an apply that the old program decided commits before the check reads the members, so a program whose ladder lacks
 * a tier it stored is refused, and no state of the old program is stored after the check. Checking first and then
 * compiling (seconds for a large pack) let the old program promote hundreds of members to a tier the new one lacks.
 */
class LoyaltyServiceReloadTest {

    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    @Test
    void a_reload_waits_for_an_apply_in_progress_and_refuses_a_program_without_the_tier_it_stored() throws Exception {
        LoyaltyEngine engine = Histories.retailBasic();
        Program twoTiers = Histories.commuting().program(); // member and silver only
        try (TestDatabase db = TestDatabase.open("h2")) {
            LoyaltyService service = LoyaltyService.create(engine, db.store());
            service.apply(Purchase.of("p1", "m1", AT, Histories.usd("10.00"))); // member: the new ladder has it
            CommitGate gate = new CommitGate(service);

            // m2's $5,000 reaches platinum under retail-basic and stops just before its commit
            CompletableFuture<Decision> platinum = CompletableFuture.supplyAsync(
                    () -> service.apply(Purchase.of("p2", "m2", AT, Histories.usd("5000.00"))));
            gate.awaitReached();
            // the reload compiles and warms up, then waits for that apply
            CompletableFuture<Void> reload = reloadWaitingFor(service, twoTiers);
            assertThat(engine.program().id()).isEqualTo("retail-basic");
            gate.open();

            assertThat(platinum.get(30, TimeUnit.SECONDS).state().tier().tierId()).isEqualTo("platinum");
            assertThatThrownBy(() -> reload.get(30, TimeUnit.SECONDS)).cause()
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stored members hold tiers that program commuting 1 does not have: 'platinum' (1 as "
                            + "their tier); its tiers are [member, silver]. Migrate those members to a tier of this "
                            + "program (their tier and tier floor) before it serves them");
            assertThat(engine.program().id()).isEqualTo("retail-basic");
            assertThat(service.apply(Purchase.of("p3", "m2", AT.plusSeconds(60), Histories.usd("10.00")))
                    .programVersion()).isEqualTo(engine.program().version());
        }
    }

    @Test
    void an_apply_in_progress_commits_under_the_old_program_and_the_next_one_is_decided_by_the_new() throws Exception {
        LoyaltyEngine engine = Histories.retailBasic();
        Program twoTiers = Histories.commuting().program();
        try (TestDatabase db = TestDatabase.open("h2")) {
            LoyaltyService service = LoyaltyService.create(engine, db.store());
            String oldVersion = engine.program().version();
            CommitGate gate = new CommitGate(service);

            CompletableFuture<Decision> first = CompletableFuture.supplyAsync(
                    () -> service.apply(Purchase.of("p1", "m1", AT, Histories.usd("10.00"))));
            gate.awaitReached();
            CompletableFuture<Void> reload = reloadWaitingFor(service, twoTiers);
            gate.open();
            reload.get(30, TimeUnit.SECONDS);

            // retail-basic's $10 purchase: 10 points; stored before the swap
            assertThat(first.get().programVersion()).isEqualTo(oldVersion);
            assertThat(first.get().pointsAwarded()).isEqualTo(10L);
            assertThat(engine.program().id()).isEqualTo("commuting");
            Decision next = service.apply(Purchase.of("p2", "m1", AT.plusSeconds(60), Histories.usd("10.00")));
            assertThat(next.programVersion()).isEqualTo("1");
            assertThat(db.store().load("m1").orElseThrow().state().tier().tierId()).isEqualTo("member");
        }
    }

    @Test
    void a_reload_through_one_service_waits_for_an_apply_through_another_service_of_the_same_engine()
            throws Exception {
        // given two services made apart on one engine (an application with two beans, neither derived from the other)
        LoyaltyEngine engine = Histories.retailBasic();
        Program twoTiers = Histories.commuting().program();
        try (TestDatabase db = TestDatabase.open("h2")) {
            LoyaltyService web = LoyaltyService.create(engine, db.store());
            LoyaltyService batch = LoyaltyService.create(engine, db.store()).withMaxAttempts(3);
            web.apply(Purchase.of("p1", "m1", AT, Histories.usd("10.00")));
            CommitGate gate = new CommitGate(web);

            // when web's apply reaches platinum and stops before its commit, and batch reloads
            CompletableFuture<Decision> platinum = CompletableFuture.supplyAsync(
                    () -> web.apply(Purchase.of("p2", "m2", AT, Histories.usd("5000.00"))));
            gate.awaitReached();
            CompletableFuture<Void> reload = reloadWaitingFor(batch, twoTiers);
            gate.open();

            // then the reload waited for web's commit, saw platinum and refused the program
            assertThat(platinum.get(30, TimeUnit.SECONDS).state().tier().tierId()).isEqualTo("platinum");
            assertThatThrownBy(() -> reload.get(30, TimeUnit.SECONDS)).cause()
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("stored members hold tiers that program commuting 1 does not have: "
                            + "'platinum' (1 as their tier)");
            assertThat(engine.program().id()).isEqualTo("retail-basic");
        }
    }

    @Test
    void a_program_whose_ids_the_store_cannot_hold_is_refused_before_it_is_compiled() {
        LoyaltyEngine engine = Histories.retailBasic();
        String longTier = "t".repeat(101);
        Program program = Program.of(org.loyaltyrules.rules.program.ProgramJson.parse("""
                {"id": "long", "version": "1", "earning": {}, "tiers": {"ladder": [{"id": "%s"}]}}
                """.formatted(longTier), "long.json"));
        try (TestDatabase db = TestDatabase.open("h2")) {
            LoyaltyService service = LoyaltyService.create(engine, db.store());

            assertThatThrownBy(() -> service.reload(program)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("program long 1 defines ids the store cannot hold: tier id '" + longTier + "' must "
                            + "have at most 100 characters to be stored, had 101");
            assertThat(engine.program().id()).isEqualTo("retail-basic");
        }
    }

    /** Holds the service's first apply just before its commit, until {@link #open}. */
    private static final class CommitGate {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        CommitGate(LoyaltyService service) {
            service.onStep(step -> {
                if (step == LoyaltyService.Step.BEFORE_COMMIT && reached.getCount() > 0) {
                    reached.countDown();
                    await(open);
                }
            });
        }

        void awaitReached() throws InterruptedException {
            assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
        }

        void open() {
            open.countDown();
        }
    }

    /** Starts a reload of {@code program} and returns once it waits for the applies in progress. */
    private static CompletableFuture<Void> reloadWaitingFor(LoyaltyService service, Program program)
            throws InterruptedException {
        CompletableFuture<Void> reload = CompletableFuture.runAsync(() -> service.reload(program));
        while (!service.reloadWaiting()) {
            assertThat(reload).isNotDone();
            Thread.sleep(5);
        }
        return reload;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

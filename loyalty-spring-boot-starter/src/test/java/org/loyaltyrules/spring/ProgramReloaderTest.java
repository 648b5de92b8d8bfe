package org.loyaltyrules.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.spring.LoyaltyAutoConfigurationTest.copyOfRetailBasic;
import static org.loyaltyrules.spring.LoyaltyAutoConfigurationTest.purchase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.springframework.boot.actuate.health.Health;

class ProgramReloaderTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;
    Path program;
    LoyaltyEngine engine;
    ProgramReloader reloader;

    @BeforeEach
    void start() throws IOException {
        program = copyOfRetailBasic(dir);
        engine = LoyaltyEngine.load(program);
        reloader = new ProgramReloader(engine, "dir:" + program, program, Duration.ofSeconds(2),
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = program.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private long pointsFor100Usd() {
        Decision d = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"));
        return d.pointsAwarded();
    }

    @Test
    void an_unchanged_folder_is_not_reloaded() {
        ProgramReloader.Status status = reloader.check();

        assertThat(status.reloads()).isZero();
        assertThat(status.lastCheckAt()).isEqualTo(T0);
        assertThat(status.programVersion()).isEqualTo("2026.1");
    }

    @Test
    void a_changed_program_json_is_swapped_in_and_the_next_event_earns_under_it() throws IOException {
        assertThat(pointsFor100Usd()).isEqualTo(100);
        edit("program.json", "\"baseRate\": \"1\"", "\"baseRate\": \"2\"");
        edit("program.json", "\"version\": \"2026.1\"", "\"version\": \"2026.2\"");

        ProgramReloader.Status status = reloader.check();

        assertThat(status.reloads()).isEqualTo(1);
        assertThat(status.programVersion()).isEqualTo("2026.2");
        assertThat(status.lastReloadFailed()).isFalse();
        assertThat(engine.program().version()).isEqualTo("2026.2");
        assertThat(pointsFor100Usd()).isEqualTo(200);
    }

    @Test
    void a_changed_program_under_the_same_version_is_swapped_in_and_health_says_the_version_is_unchanged()
            throws IOException {
        edit("program.json", "\"baseRate\": \"1\"", "\"baseRate\": \"3\"");

        ProgramReloader.Status status = reloader.check();

        assertThat(status.reloads()).isEqualTo(1);
        assertThat(status.programVersion()).isEqualTo("2026.1");
        assertThat(status.versionUnchanged()).isTrue();
        assertThat(pointsFor100Usd()).isEqualTo(300);
        assertThat(new LoyaltyHealthIndicator(reloader).health().getDetails()).containsEntry("versionUnchanged", true);

        edit("program.json", "\"version\": \"2026.1\"", "\"version\": \"2026.2\"");
        assertThat(reloader.check().versionUnchanged()).as("a new version clears it").isFalse();
        Path broken = program.resolve("rules/earning/broken.drl");
        Files.writeString(broken, "package org.loyaltyrules.rules.earning;\nrule \"x\" when then nonsense(;\n");
        assertThat(reloader.check().lastReloadFailed()).isTrue();
        Files.delete(broken);
        ProgramReloader.Status back = reloader.check();
        assertThat(back.reloads()).isEqualTo(3);
        assertThat(back.versionUnchanged()).as("the files that served are the same program").isFalse();
    }

    @Test
    void a_rule_that_does_not_compile_leaves_the_old_program_serving_and_health_names_file_and_line()
            throws IOException {
        Files.writeString(program.resolve("rules/earning/broken.drl"), """
                package org.loyaltyrules.rules.earning;

                rule "Broken rule"
                when
                    this is not DRL
                then
                end
                """);

        ProgramReloader.Status status = reloader.check();

        assertThat(status.lastReloadFailed()).isTrue();
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.reloads()).isZero();
        assertThat(status.lastFailureAt()).isEqualTo(T0);
        assertThat(status.programVersion()).isEqualTo("2026.1");
        assertThat(status.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.location()).contains("broken.drl:"));
        assertThat(pointsFor100Usd()).isEqualTo(100);
        Health health = new LoyaltyHealthIndicator(reloader).health();
        assertThat(health.getDetails()).containsEntry("lastReloadFailed", true).containsEntry("reloadFailures", 1L)
                .containsEntry("reloads", 0L);
        assertThat((List<?>) health.getDetails().get("compileErrors")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.toString()).contains("broken.drl:"));
    }

    @Test
    void fixing_the_broken_file_reloads_and_clears_the_errors() throws IOException {
        Path broken = program.resolve("rules/earning/broken.drl");
        Files.writeString(broken, "package org.loyaltyrules.rules.earning;\nrule \"x\" when then nonsense(;\n");
        assertThat(reloader.check().lastReloadFailed()).isTrue();
        assertThat(reloader.check().failures()).as("the same broken files are not compiled again").isEqualTo(1);

        Files.delete(broken);
        edit("program.json", "\"version\": \"2026.1\"", "\"version\": \"2026.1-fixed\"");
        ProgramReloader.Status status = reloader.check();

        assertThat(status.lastReloadFailed()).isFalse();
        assertThat(status.problems()).isEmpty();
        assertThat(status.programVersion()).isEqualTo("2026.1-fixed");
        assertThat(status.reloads()).isEqualTo(1);
        assertThat(status.failures()).isEqualTo(1);
        // the reload is seen at this check; the failure it follows is still dated (null would mean never)
        assertThat(status.lastCheckAt()).isEqualTo(T0);
        assertThat(status.lastFailureAt()).isEqualTo(T0);
        assertThat(new LoyaltyHealthIndicator(reloader).health().getDetails()).containsEntry("reloads", 1L)
                .containsEntry("reloadFailures", 1L).containsEntry("version", "2026.1-fixed")
                .containsEntry("lastReloadFailed", false);
    }

    @Test
    void a_rule_file_renamed_away_is_a_change_and_its_rule_stops() throws IOException {
        // given: a rule is switched off the usual way, by a name Program.load does not read (only *.drl)
        Program before = engine.program();
        assertThat(before.rulePaths()).anySatisfy(path -> assertThat(path).endsWith("retention-bonus.drl"));
        Files.move(program.resolve("rules/earning/retention-bonus.drl"),
                program.resolve("rules/earning/retention-bonus.drl.off"));

        // when: the bytes, and their order, are as before; only a path changed
        ProgramReloader.Status status = reloader.check();

        // then
        assertThat(status.reloads()).isEqualTo(1);
        assertThat(status.lastReloadFailed()).isFalse();
        assertThat(engine.program()).isNotSameAs(before);
        assertThat(engine.program().rulePaths()).noneSatisfy(path -> assertThat(path).contains("retention-bonus"));
    }

    @Test
    void an_invalid_program_json_is_refused_with_its_json_path() throws IOException {
        edit("program.json", "\"baseRate\": \"1\"", "\"baseRate\": \"-1\"");

        ProgramReloader.Status status = reloader.check();

        assertThat(status.lastReloadFailed()).isTrue();
        assertThat(status.problems()).anySatisfy(p -> assertThat(p.location()).contains("baseRate"));
        assertThat(engine.program().version()).isEqualTo("2026.1");
    }

    @Test
    void started_it_reloads_on_its_own_within_the_interval() throws Exception {
        ProgramReloader timed = new ProgramReloader(engine, "dir:" + program, program, Duration.ofMillis(50),
                Clock.systemUTC());
        timed.start();
        try {
            edit("program.json", "\"version\": \"2026.1\"", "\"version\": \"2026.3\"");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!engine.program().version().equals("2026.3") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(engine.program().version()).isEqualTo("2026.3");
            assertThat(timed.isRunning()).isTrue();
        } finally {
            timed.stop();
        }
        assertThat(timed.isRunning()).isFalse();
    }

    @Test
    void a_folder_readable_again_unchanged_clears_the_failure_it_caused() throws IOException {
        // given: the folder cannot be read for a moment
        Path moved = dir.resolve("moved");
        Files.move(program, moved);
        ProgramReloader.Status unreadable = reloader.check();
        assertThat(unreadable.lastReloadFailed()).isTrue();

        // when: it is back, unchanged
        Files.move(moved, program);
        ProgramReloader.Status status = reloader.check();

        // then
        assertThat(status.lastReloadFailed()).isFalse();
        assertThat(status.problems()).isEmpty();
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.lastFailureAt()).isEqualTo(T0);
        assertThat(status.reloads()).isZero();
        assertThat(status.programVersion()).isEqualTo("2026.1");
    }

    @Test
    void a_folder_missing_for_many_checks_counts_one_failure_per_outage() throws IOException {
        // given: the folder is gone for three checks, back for one, gone again for two
        Path moved = dir.resolve("moved");
        Files.move(program, moved);
        reloader.check();
        reloader.check();
        ProgramReloader.Status third = reloader.check();
        Files.move(moved, program);
        reloader.check();
        Files.move(program, moved);
        reloader.check();
        ProgramReloader.Status again = reloader.check();

        // then: one failure per outage, each check still seen
        assertThat(third.failures()).isEqualTo(1);
        assertThat(third.lastReloadFailed()).isTrue();
        assertThat(third.problems()).hasSize(1);
        assertThat(again.failures()).isEqualTo(2);
        assertThat(again.lastReloadFailed()).isTrue();
    }

    @Test
    void broken_files_back_after_an_outage_show_their_own_problems_not_the_outage() throws IOException {
        // given: broken files, then the folder missing for a moment, then back unchanged
        Files.writeString(program.resolve("rules/earning/broken.drl"), "package x;\nrule \"b\" when then foo( end\n");
        List<?> broken = reloader.check().problems();
        Path moved = dir.resolve("moved");
        Files.move(program, moved);
        assertThat(reloader.check().problems().toString()).contains("cannot read the program folder");
        Files.move(moved, program);

        // when
        ProgramReloader.Status back = reloader.check();

        // then: the compile problems again, counted once each: the broken files and the outage
        assertThat(back.problems()).isEqualTo(broken);
        assertThat(back.failures()).isEqualTo(2);
        assertThat(back.lastReloadFailed()).isTrue();
    }

    @Test
    void unchanged_broken_files_keep_their_problems() throws IOException {
        Files.writeString(program.resolve("rules/earning/broken.drl"), "package x;\nrule \"b\" when then foo( end\n");
        List<?> problems = reloader.check().problems();

        ProgramReloader.Status again = reloader.check();

        assertThat(again.lastReloadFailed()).isTrue();
        assertThat(again.problems()).isEqualTo(problems);
        assertThat(again.failures()).isEqualTo(1);
    }

    @Test
    void a_program_the_reload_refuses_is_not_swapped_in_and_its_reason_is_the_problem() throws IOException {
        ProgramReloader guarded = new ProgramReloader(engine, "dir:" + program, program, Duration.ofSeconds(2),
                Clock.fixed(T0, ZoneOffset.UTC), p -> {
                    if (p.version().equals("2026.2")) {
                        throw new IllegalArgumentException("version 2026.2 is not approved");
                    }
                    engine.reload(p);
                });
        edit("program.json", "\"version\": \"2026.1\"", "\"version\": \"2026.2\"");

        ProgramReloader.Status status = guarded.check();

        assertThat(status.lastReloadFailed()).isTrue();
        assertThat(status.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("version 2026.2 is not approved"));
        assertThat(engine.program().version()).isEqualTo("2026.1");
        assertThat(status.programVersion()).isEqualTo("2026.1");
    }

    /**
     * A reloader whose reload refuses a program while stored members hold its missing tier, until they are migrated;
     * the folder is changed to version 2026.2.
     */
    private ProgramReloader refusingUntilMigrated(boolean[] migrated, int[] tries) throws IOException {
        ProgramReloader guarded = new ProgramReloader(engine, "dir:" + program, program, Duration.ofSeconds(2),
                Clock.fixed(T0, ZoneOffset.UTC), p -> {
                    tries[0]++;
                    if (!migrated[0]) {
                        throw new IllegalArgumentException("stored members hold tiers that program retail-basic "
                                + p.version() + " does not have: 'platinum' (1 as their tier)");
                    }
                    engine.reload(p);
                });
        edit("program.json", "\"version\": \"2026.1\"", "\"version\": \"2026.2\"");
        return guarded;
    }

    @Test
    void files_refused_for_the_stored_members_are_tried_again_by_an_explicit_check_once_they_are_migrated()
            throws IOException {
        boolean[] migrated = {false};
        int[] tries = {0};
        ProgramReloader guarded = refusingUntilMigrated(migrated, tries);
        assertThat(guarded.check().problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("stored members hold tiers that program retail-basic 2026.2 does not have: 'platinum' "
                        + "(1 as their tier)"));

        migrated[0] = true; // the operator migrates the members; the files stay as they are
        ProgramReloader.Status status = guarded.check();

        assertThat(tries[0]).isEqualTo(2);
        assertThat(status.problems()).isEmpty();
        assertThat(status.programVersion()).isEqualTo("2026.2");
        assertThat(engine.program().version()).isEqualTo("2026.2");
        assertThat(status.reloads()).isEqualTo(1);
        assertThat(status.failures()).isEqualTo(1);
    }

    @Test
    void files_refused_for_the_stored_members_are_tried_again_by_the_timer_once_saved_again_not_on_every_tick()
            throws IOException {
        boolean[] migrated = {false};
        int[] tries = {0};
        ProgramReloader guarded = refusingUntilMigrated(migrated, tries);
        guarded.scheduledCheck();
        // unchanged files are not compiled again (nor the members checked) on each tick
        assertThat(guarded.scheduledCheck().lastReloadFailed()).isTrue();
        assertThat(tries[0]).isEqualTo(1);

        migrated[0] = true;
        Path json = program.resolve("program.json"); // saved again: the same bytes, a new modification time
        Files.setLastModifiedTime(json, FileTime.from(Files.getLastModifiedTime(json).toInstant().plusSeconds(5)));
        ProgramReloader.Status status = guarded.scheduledCheck();

        assertThat(tries[0]).isEqualTo(2);
        assertThat(status.problems()).isEmpty();
        assertThat(status.programVersion()).isEqualTo("2026.2");
        assertThat(guarded.scheduledCheck().reloads()).isEqualTo(1);
        assertThat(tries[0]).isEqualTo(2);
    }

    @Test
    void a_reload_that_returns_without_swapping_the_program_in_is_a_failure() throws IOException {
        ProgramReloader idle = new ProgramReloader(engine, "dir:" + program, program, Duration.ofSeconds(2),
                Clock.fixed(T0, ZoneOffset.UTC), p -> { });
        edit("program.json", "\"version\": \"2026.1\"", "\"version\": \"2026.2\"");

        ProgramReloader.Status status = idle.check();

        assertThat(status.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("the reload returned without putting program retail-basic 2026.2 in service"));
        assertThat(status.programVersion()).isEqualTo("2026.1");
    }

    @Test
    void loaded_at_is_when_the_program_was_swapped_in_after_its_compile_not_when_the_check_began() throws IOException {
        Instant[] now = {T0};
        Clock ticking = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ProgramReloader timed = new ProgramReloader(engine, "dir:" + program, program, Duration.ofSeconds(2), ticking,
                p -> {
                    now[0] = T0.plusSeconds(7); // compiling and warming up a large pack takes seconds
                    engine.reload(p);
                });
        edit("program.json", "\"version\": \"2026.1\"", "\"version\": \"2026.2\"");

        ProgramReloader.Status status = timed.check();

        assertThat(status.programVersion()).isEqualTo("2026.2");
        assertThat(status.lastCheckAt()).isEqualTo(T0);
        assertThat(status.loadedAt()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void a_positive_interval_under_one_millisecond_is_refused_when_made_not_when_started() {
        assertThatThrownBy(() -> new ProgramReloader(engine, "dir:" + program, program, Duration.ofNanos(500_000),
                Clock.systemUTC()))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("loyalty.reload.interval must be at least 1ms, was PT0.0005S");
        ProgramReloader fastest = new ProgramReloader(engine, "dir:" + program, program, Duration.ofMillis(1),
                Clock.systemUTC());
        fastest.start();
        assertThat(fastest.isRunning()).isTrue();
        fastest.stop();
    }

    @Test
    void a_reloader_that_does_not_watch_takes_any_interval() {
        ProgramReloader still = new ProgramReloader(engine, "dir:" + program, null, Duration.ZERO, Clock.systemUTC());

        assertThat(still.check().problems()).isEmpty();
        still.start();
        assertThat(still.isRunning()).isFalse();
    }
}

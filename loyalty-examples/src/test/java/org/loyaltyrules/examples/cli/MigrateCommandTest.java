package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.jdbc.JdbcMemberStore;

/**
 * {@code loyalty migrate}: the store's schema created or upgraded without replaying anything, the versions said; a
 * store a newer loyalty upgraded is refused, since an older one writing to it would drop what the newer schema keeps.
 */
class MigrateCommandTest {

    @TempDir
    Path dir;

    @Test
    void migrate_creates_a_new_store_and_then_finds_it_current() {
        String url = "jdbc:h2:file:" + dir.resolve("store");

        CliRun first = CliRun.of("migrate", "--store", url);
        CliRun again = CliRun.of("migrate", "--store", url);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("loyalty migrate: " + url + ": schema version none -> 4\n");
        assertThat(again.out()).isEqualTo("loyalty migrate: " + url + ": schema version 4, already current\n");
    }

    @Test
    void migrate_upgrades_an_older_store_that_member_export_refused() {
        // given: a store at schema version 1
        String url = "jdbc:h2:file:" + dir.resolve("old");
        try (var pool = new com.zaxxer.hikari.HikariDataSource()) {
            pool.setJdbcUrl(url);
            org.flywaydb.core.Flyway.configure().dataSource(pool).locations(JdbcMemberStore.MIGRATIONS)
                    .table(JdbcMemberStore.HISTORY_TABLE).target("1").load().migrate();
        }

        // when
        CliRun migrate = CliRun.of("migrate", "--store", url);
        CliRun export = CliRun.of("member", "export", "--store", url, "m1");

        // then: upgraded; the export now finds the store current (and no member m1 in it)
        assertThat(migrate.out()).isEqualTo("loyalty migrate: " + url + ": schema version 1 -> 4\n");
        assertThat(export.err()).doesNotContain("schema version");
    }

    @Test
    void a_store_a_newer_loyalty_upgraded_is_refused_by_migrate_run_and_member_export_and_left_unchanged()
            throws Exception {
        // given: a current store on which a newer loyalty recorded a version 5
        String url = "jdbc:h2:file:" + dir.resolve("newer");
        assertThat(CliRun.of("migrate", "--store", url).exitCode()).isZero();
        try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("INSERT INTO \"" + JdbcMemberStore.HISTORY_TABLE + "\" (\"installed_rank\", \"version\", "
                    + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", "
                    + "\"success\") VALUES (6, '5', 'from the future', 'SQL', 'V5__from_the_future.sql', 0, 'sa', 1, "
                    + "TRUE)");
        }

        // when
        CliRun migrate = CliRun.of("migrate", "--store", url);
        CliRun export = CliRun.of("member", "export", "--store", url, "m1");

        // then
        String refusal = "error: the store holds loyalty schema version 5, newer than this loyalty knows (4): a newer "
                + "loyalty upgraded it, and this one would drop what that version keeps. Use the newer loyalty on it. "
                + "Nothing was changed.\n";
        assertThat(migrate.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(migrate.err()).isEqualTo(refusal);
        assertThat(export.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(export.err()).isEqualTo(refusal);
    }

    @Test
    void an_h2_store_whose_folder_cannot_be_created_is_one_line_on_stderr_without_h2s_own_stack_trace()
            throws Exception {
        // given: a file where the store's folder would be (H2 cannot create the database, nor its trace file)
        Path file = Files.writeString(dir.resolve("afile"), "x");
        String url = "jdbc:h2:file:" + file.resolve("db");

        // when: H2 prints its trace-file failure to System.out/System.err itself, not to the CLI's streams
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        CliRun migrate;
        CliRun run;
        try (PrintStream captured = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(captured);
            System.setErr(captured);
            migrate = CliRun.of("migrate", "--store", url);
            run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", CliRun.EVENTS.toString(),
                    "--out", dir.resolve("out").toString(), "--store", url, "--no-progress");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        // then
        String error = "database error: Failed to initialize pool: IO Exception: \"java.nio.file.NotDirectoryException: "
                + file + "\"; \"" + file + "\" [90031-232]\n";
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(migrate.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(migrate.err()).isEqualTo(error);
        assertThat(run.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(run.err()).isEqualTo(error);
    }

    @Test
    void an_h2_url_is_opened_without_a_trace_file_unless_it_sets_its_own_level() {
        assertThat(StoreOptions.withoutTraceFile("jdbc:h2:file:/tmp/x")).isEqualTo("jdbc:h2:file:/tmp/x;TRACE_LEVEL_FILE=0");
        assertThat(StoreOptions.withoutTraceFile("jdbc:h2:file:/tmp/x;trace_level_file=3"))
                .isEqualTo("jdbc:h2:file:/tmp/x;trace_level_file=3");
        assertThat(StoreOptions.withoutTraceFile("jdbc:postgresql://db/loyalty")).isEqualTo("jdbc:postgresql://db/loyalty");
    }

    @Test
    void an_h2_user_without_admin_rights_still_opens_the_store() throws Exception {
        // given: a current store and a user who may not change settings such as TRACE_LEVEL_FILE
        String url = "jdbc:h2:file:" + dir.resolve("shared");
        assertThat(CliRun.of("migrate", "--store", url).exitCode()).isZero();
        try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("CREATE USER clerk PASSWORD 'pw'");
            s.execute("GRANT SELECT ON SCHEMA PUBLIC TO clerk");
        }

        // when
        CliRun migrate = CliRun.of("migrate", "--store", url, "--store-user", "clerk", "--store-password", "pw");

        // then
        assertThat(migrate.err()).isEmpty();
        assertThat(migrate.out()).isEqualTo("loyalty migrate: " + url + ": schema version 4, already current\n");
    }

    @Test
    void a_password_written_in_a_store_url_is_never_printed() {
        assertThat(StoreOptions.shown("jdbc:postgresql://db:5432/loyalty?user=loyalty&password=s3cret&currentSchema=x"))
                .isEqualTo("jdbc:postgresql://db:5432/loyalty?user=loyalty&password=***&currentSchema=x");
        assertThat(StoreOptions.shown("jdbc:postgresql://loyalty:s3cret@db:5432/loyalty"))
                .isEqualTo("jdbc:postgresql://loyalty:***@db:5432/loyalty");
        assertThat(StoreOptions.shown("jdbc:h2:file:./loyalty;PASSWORD=s3cret"))
                .isEqualTo("jdbc:h2:file:./loyalty;PASSWORD=***");
        assertThat(StoreOptions.shown("jdbc:h2:file:/tmp/x")).isEqualTo("jdbc:h2:file:/tmp/x");
    }
}

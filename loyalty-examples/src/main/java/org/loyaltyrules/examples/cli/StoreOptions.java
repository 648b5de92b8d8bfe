package org.loyaltyrules.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --store jdbc:...}: a JDBC member store (H2 or PostgreSQL) that a command reads and writes. The user and
 * password come from {@code --store-user}/{@code --store-password} or the environment variables
 * {@code LOYALTY_STORE_USER}/{@code LOYALTY_STORE_PASSWORD}, so a password need not appear in the shell history.
 */
final class StoreOptions {

    @Option(names = "--store-user", paramLabel = "USER", description = "Database user (default: $LOYALTY_STORE_USER).")
    String user;

    @Option(names = "--store-password", paramLabel = "PASSWORD",
            description = "Database password (default: $LOYALTY_STORE_PASSWORD).")
    String password;

    /** An open store on {@code url}: the schema is created or upgraded first. Close the returned pool when done. */
    static Opened open(String url, String user, String password, int poolSize, String pseudonymSalt) {
        HikariDataSource pool = pool(url, url, user, password, poolSize);
        try {
            JdbcMemberStore.migrate(pool);
            return new Opened(store(pool, pseudonymSalt), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * An open store on an existing database at the current schema version, for commands that only read or change
     * existing members: nothing is created or migrated (an H2 URL is opened with {@code IFEXISTS=TRUE}).
     *
     * @throws IllegalStateException no database there, no loyalty schema in it, or an older schema version
     */
    static Opened openExisting(String url, String user, String password, String pseudonymSalt) {
        String existing = url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS=")
                ? url + ";IFEXISTS=TRUE" : url;
        HikariDataSource pool;
        try {
            pool = pool(url, existing, user, password, 2);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException sql && (sql.getErrorCode() == 90146 || sql.getErrorCode() == 90149)) {
                throw new IllegalStateException("no database at " + shown(url) + " (nothing was created)");
            }
            throw e;
        }
        try {
            requireCurrentSchema(pool, url);
            return new Opened(store(pool, pseudonymSalt), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static void requireCurrentSchema(HikariDataSource pool, String url) {
        JdbcMemberStore.refuseNewerSchema(pool);
        MigrationInfoService info = info(pool); // one read of the history table for both questions
        MigrationInfo current = info.current();
        String upgrade = "; `loyalty migrate --store " + shown(url) + "` (or JdbcMemberStore.migrate) creates and "
                + "upgrades it";
        if (current == null || current.getVersion() == null) {
            throw new IllegalStateException(shown(url) + " has no loyalty schema (no " + JdbcMemberStore.HISTORY_TABLE
                    + " table)" + upgrade);
        }
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            throw new IllegalStateException(shown(url) + " holds loyalty schema version " + current.getVersion()
                    + ", this loyalty needs version " + pending[pending.length - 1].getVersion() + upgrade);
        }
    }

    static MigrationInfoService info(HikariDataSource pool) {
        return Flyway.configure().dataSource(pool).locations(JdbcMemberStore.MIGRATIONS)
                .table(JdbcMemberStore.HISTORY_TABLE).load().info();
    }

    /** The schema version a store holds, "none" before its first migration. */
    static String schemaVersion(HikariDataSource pool) {
        MigrationInfo current = info(pool).current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }

    /**
     * {@code url} as the CLI prints it: a password written in it ({@code password=...} or {@code user:secret@host})
     * is shown as {@code ***}, so that it does not land in logs.
     */
    static String shown(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@:]*:)[^@/]*@", "$1***@");
    }

    private static HikariDataSource pool(String url, String jdbcUrl, String user, String password, int poolSize) {
        String badScheme = badScheme(url);
        if (badScheme != null) {
            throw new IllegalArgumentException(badScheme);
        }
        String quiet = withoutTraceFile(jdbcUrl);
        if (quiet.equals(jdbcUrl)) {
            return new HikariDataSource(config(jdbcUrl, user, password, poolSize));
        }
        try {
            return new HikariDataSource(config(quiet, user, password, poolSize));
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException sql && sql.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
                // a user without admin rights may not set the trace level: open the URL as given
                return new HikariDataSource(config(jdbcUrl, user, password, poolSize));
            }
            throw e;
        }
    }

    /** H2's error code for a setting (here TRACE_LEVEL_FILE) that only an admin user may change. */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    /**
     * An H2 URL with {@code TRACE_LEVEL_FILE=0} (H2's trace option: 0 is OFF, 1 = ERROR the default), unless it sets a
     * trace level itself: H2 would otherwise write errors to {@code NAME.trace.db} beside the database, and when that
     * file cannot be written (the database's folder cannot be created) print its own stack trace on System.err before
     * the CLI's one-line {@code database error}. The CLI reports every database error itself. Other URLs unchanged.
     */
    static String withoutTraceFile(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(Locale.ROOT).contains("TRACE_LEVEL_FILE=")
                ? jdbcUrl + ";TRACE_LEVEL_FILE=0" : jdbcUrl;
    }

    private static HikariConfig config(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user != null ? user : System.getenv("LOYALTY_STORE_USER"));
        config.setPassword(password != null ? password : System.getenv("LOYALTY_STORE_PASSWORD"));
        config.setMaximumPoolSize(Math.max(2, poolSize));
        config.setPoolName("loyalty-cli");
        return config;
    }

    private static JdbcMemberStore store(HikariDataSource pool, String pseudonymSalt) {
        return pseudonymSalt == null ? JdbcMemberStore.withoutErasure(pool, 0)
                : JdbcMemberStore.create(pool, pseudonymSalt, 0);
    }

    /** {@link #open} for {@code command}: a URL of another kind is a usage error. */
    Opened open(CommandLine command, String url, int poolSize, String pseudonymSalt) {
        requireKnownScheme(command, url);
        return open(url, user, password, poolSize, pseudonymSalt);
    }

    /** A pool on {@code url} that neither migrates nor checks the schema (to read its version first). */
    Opened openAny(CommandLine command, String url) {
        requireKnownScheme(command, url);
        return new Opened(null, pool(url, url, user, password, 2));
    }

    /** {@link #openExisting} for {@code command}: a URL of another kind is a usage error. */
    Opened openExisting(CommandLine command, String url, String pseudonymSalt) {
        requireKnownScheme(command, url);
        return openExisting(url, user, password, pseudonymSalt);
    }

    private static void requireKnownScheme(CommandLine command, String url) {
        String badScheme = badScheme(url);
        if (badScheme != null) {
            throw new CommandLine.ParameterException(command, badScheme);
        }
    }

    private static String badScheme(String url) {
        return url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:") ? null
                : "--store: expected a jdbc:h2:... or jdbc:postgresql:... URL, was " + shown(url);
    }

    /** A store and the pool under it. */
    record Opened(JdbcMemberStore store, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }
}

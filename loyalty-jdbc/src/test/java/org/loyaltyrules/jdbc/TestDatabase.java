package org.loyaltyrules.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.loyaltyrules.rules.store.InMemoryMemberStore;
import org.loyaltyrules.rules.store.MemberStore;

/**
 * A fresh, migrated database for one test: an H2 in-memory database, or a new schema in the PostgreSQL that
 * {@code LOYALTY_PG_URL} points at (skipped when unset; {@code eval "$(.ci/postgres.sh)"} provides one).
 */
final class TestDatabase implements AutoCloseable {

    static final String PG_ENV = "LOYALTY_PG_URL";
    static final String SALT = "test-salt-0123456789";

    private final String kind;
    private final HikariDataSource dataSource;
    private final String pgSchema;

    private TestDatabase(String kind, HikariDataSource dataSource, String pgSchema) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.pgSchema = pgSchema;
    }

    static Stream<String> kinds() {
        return Stream.of("h2", "postgresql");
    }

    /** Every {@link MemberStore}: the in-memory one and the JDBC store on each database. */
    static Stream<String> stores() {
        return Stream.of("memory", "h2", "postgresql");
    }

    interface StoreTest {
        void run(MemberStore store) throws Exception;
    }

    /** Runs {@code test} on a fresh store of {@code kind} (one of {@link #stores()}). */
    static void withStore(String kind, StoreTest test) throws Exception {
        if (kind.equals("memory")) {
            test.run(InMemoryMemberStore.create(SALT));
            return;
        }
        try (TestDatabase db = open(kind)) {
            test.run(db.store());
        }
    }

    static TestDatabase open(String kind) {
        TestDatabase db = empty(kind);
        JdbcMemberStore.migrate(db.dataSource());
        return db;
    }

    /** A fresh database of {@code kind} (h2, postgresql) without the store's schema. */
    static TestDatabase empty(String kind) {
        return kind.equals("h2") ? h2() : postgres();
    }

    static TestDatabase h2() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:loyalty-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        config.setMaximumPoolSize(4);
        return new TestDatabase("h2", new HikariDataSource(config), null);
    }

    static TestDatabase postgres() {
        String url = System.getenv(PG_ENV);
        Assumptions.assumeTrue(url != null && !url.isBlank(), PG_ENV + " is not set: PostgreSQL tests skipped "
                + "(eval \"$(.ci/postgres.sh)\" starts a local PostgreSQL and sets it)");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema in " + url + ": " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setSchema(schema);
        config.setMaximumPoolSize(4);
        return new TestDatabase("postgresql", new HikariDataSource(config), schema);
    }

    DataSource dataSource() {
        return dataSource;
    }

    String kind() {
        return kind;
    }

    JdbcMemberStore store() {
        return JdbcMemberStore.create(dataSource, SALT);
    }

    /** A store that keeps nothing in memory: every load reads all rows (as after a restart). */
    JdbcMemberStore coldStore() {
        return JdbcMemberStore.create(dataSource, SALT, 0);
    }

    /** The JDBC URL of this database (for PostgreSQL, without the test's schema). */
    String url() {
        return dataSource.getJdbcUrl();
    }

    /** The schema the store's connections default to: H2's PUBLIC, or this test's PostgreSQL schema. */
    String schema() {
        return pgSchema != null ? pgSchema : "PUBLIC";
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        if (pgSchema != null) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + pgSchema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop schema " + pgSchema, e);
            }
        }
        dataSource.close();
    }
}

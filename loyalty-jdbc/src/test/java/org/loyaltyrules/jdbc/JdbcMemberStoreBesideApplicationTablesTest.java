package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * The store in a database the application already uses: beside tables of other names it is baselined; a table of one
 * of its names (a shop's own {@code members}) is refused by name before anything is created; a schema of its own
 * (docs/embedding.md §2, "A schema of its own") keeps both.
 */
class JdbcMemberStoreBesideApplicationTablesTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    private static String members(TestDatabase db) {
        return db.kind().equals("h2") ? "MEMBERS" : "members";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_schema_holding_the_application_members_table_is_refused_naming_the_table_and_nothing_is_created(
            String kind) {
        try (TestDatabase db = TestDatabase.empty(kind)) {
            // given: the shop's own members table
            db.execute("CREATE TABLE members (id BIGINT PRIMARY KEY, email VARCHAR(200))");
            db.execute("INSERT INTO members VALUES (1, 'ada@example.com')");

            // when, then
            assertThatThrownBy(() -> JdbcMemberStore.migrate(db.dataSource()))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot create the loyalty store's tables in schema " + db.schema() + ": it already "
                            + "holds table " + members(db) + ", not the store's (the schema has no "
                            + "loyalty_schema_history table); the store needs the names members, "
                            + "processed_event_ids, postings, lots, redemptions, redemption_draws, growth_entries, "
                            + "period_counters, purchase_records, refund_records. Give the store a schema of its "
                            + "own: migrate and open it on a DataSource whose connections default to a dedicated "
                            + "schema (docs/embedding.md section 2, \"A schema of its own\"). Nothing was created.");
            assertThat(tables(db.dataSource())).containsExactly("members");
            assertThat(db.count("SELECT COUNT(*) FROM members WHERE email = 'ada@example.com'")).isEqualTo(1L);
        }
    }

    @Test
    void every_colliding_table_is_named() {
        try (TestDatabase db = TestDatabase.h2()) {
            // given
            db.execute("CREATE TABLE postings (id BIGINT)");
            db.execute("CREATE TABLE members (id BIGINT)");
            db.execute("CREATE TABLE customers (id BIGINT)");

            // when, then
            assertThatThrownBy(() -> JdbcMemberStore.migrate(db.dataSource()))
                    .hasMessageStartingWith("cannot create the loyalty store's tables in schema PUBLIC: it already "
                            + "holds tables MEMBERS, POSTINGS, not the store's");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_schema_holding_other_application_tables_is_baselined_and_the_store_works_beside_them(String kind) {
        try (TestDatabase db = TestDatabase.empty(kind)) {
            // given
            db.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(200))");

            // when
            JdbcMemberStore.migrate(db.dataSource());
            JdbcMemberStore.migrate(db.dataSource());
            Decision decision = LoyaltyService.create(ENGINE, db.store())
                    .apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00")));

            // then
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(tables(db.dataSource())).contains("customers", "loyalty_schema_history")
                    .containsAll(JdbcMemberStore.TABLES);
        }
    }

    @Test
    void the_names_the_refusal_lists_are_exactly_the_tables_migrate_creates() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            List<String> created = new ArrayList<>(tables(db.dataSource()));
            created.remove("loyalty_schema_history");

            assertThat(created).containsExactlyInAnyOrderElementsOf(JdbcMemberStore.TABLES);
        }
    }

    /**
     * docs/embedding.md §2, "A schema of its own": a second pool on the same database whose connections default to a
     * schema of the store's: H2's URL creates and selects LOYALTY; PostgreSQL's names a schema created beforehand.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_dedicated_schema_gives_the_store_its_tables_beside_the_application_members_table(String kind)
            throws Exception {
        try (TestDatabase application = TestDatabase.empty(kind)) {
            // given: the shop's members table in its default schema, and a pool for the store's own schema
            application.execute("CREATE TABLE members (id BIGINT PRIMARY KEY, email VARCHAR(200))");
            application.execute("INSERT INTO members VALUES (1, 'ada@example.com')");
            String schema = kind.equals("h2") ? "LOYALTY" : "l_" + UUID.randomUUID().toString().substring(0, 8);
            String url;
            if (kind.equals("h2")) {
                url = application.url() + ";INIT=CREATE SCHEMA IF NOT EXISTS LOYALTY\\;SET SCHEMA LOYALTY";
            } else {
                application.execute("CREATE SCHEMA " + schema);
                url = application.url() + (application.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            }
            try (HikariDataSource loyalty = pool(url)) {
                // when
                JdbcMemberStore.migrate(loyalty);
                LoyaltyService service = LoyaltyService.create(ENGINE, JdbcMemberStore.create(loyalty,
                        TestDatabase.SALT));
                Decision decision = service.apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00")));

                // then: each members table holds its own rows
                assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
                assertThat(service.store().load("m1").orElseThrow().version()).isEqualTo(1L);
                assertThat(application.count("SELECT COUNT(*) FROM " + application.schema()
                        + ".members WHERE email = 'ada@example.com'")).isEqualTo(1L);
                assertThat(application.count("SELECT COUNT(*) FROM " + schema + ".members WHERE member_id = 'm1'"))
                        .isEqualTo(1L);
                assertThat(tables(application.dataSource())).containsExactly("members");
                assertThat(tables(loyalty)).contains("loyalty_schema_history").containsAll(JdbcMemberStore.TABLES);
            } finally {
                if (kind.equals("postgresql")) {
                    application.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /**
     * PostgreSQL: a pool whose currentSchema names a schema not created yet, in a database whose default schema holds
     * the shop's members table. migrate creates the store's schema there; it used to list the tables of every schema
     * (the connection's schema is null) and refuse with "in schema null", naming the shop's table (jdbc2 audit F5).
     */
    @Test
    void a_current_schema_not_created_yet_is_created_by_migrate_whatever_other_schemas_hold() throws Exception {
        try (TestDatabase application = TestDatabase.empty("postgresql")) {
            application.execute("CREATE TABLE members (id BIGINT PRIMARY KEY, email VARCHAR(200))");
            String schema = "l_" + UUID.randomUUID().toString().substring(0, 8);
            String url = application.url() + (application.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            try (HikariDataSource loyalty = pool(url)) {
                // when
                JdbcMemberStore.migrate(loyalty);
                Decision decision = LoyaltyService.create(ENGINE, JdbcMemberStore.create(loyalty, TestDatabase.SALT))
                        .apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00")));

                // then
                assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
                assertThat(application.count("SELECT COUNT(*) FROM " + schema + ".members WHERE member_id = 'm1'"))
                        .isEqualTo(1L);
                assertThat(tables(application.dataSource())).containsExactly("members");
            } finally {
                application.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** The tables of the schema {@code dataSource}'s connections default to, lower case, sorted. */
    private static List<String> tables(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
            names.sort(null);
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

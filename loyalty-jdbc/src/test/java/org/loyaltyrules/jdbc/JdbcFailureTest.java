package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Purchase;

/** What a database failure says, and whether the service retries it. */
class JdbcFailureTest {

    @Test
    void lock_timeouts_of_postgresql_and_h2_serialization_failures_and_deadlocks_are_retried() {
        assertThat(JdbcFailure.isTransient(new SQLException("canceling statement due to lock timeout", "55P03")))
                .isTrue();
        assertThat(JdbcFailure.isTransient(new SQLException("Timeout trying to lock table", "HYT00"))).isTrue();
        assertThat(JdbcFailure.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(JdbcFailure.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(JdbcFailure.isTransient(new SQLException("terminating connection", "57P01"))).isFalse();
    }

    @Test
    void a_failed_batch_is_told_by_the_error_that_aborted_it_not_by_the_statement_and_its_values() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO purchase_records (...) VALUES "
                + "(('p1'), ('100.00'::numeric)) was aborted: ERROR: column \"lines_json\" does not exist  Call "
                + "getNextException to see other errors in the batch.", "42703", new int[0]);
        batch.setNextException(new SQLException("ERROR: column \"lines_json\" of relation \"purchase_records\" does"
                + " not exist", "42703"));

        JdbcFailure failure = new JdbcFailure("cannot apply event p1 of member m1", batch);

        assertThat(failure.getMessage()).isEqualTo("cannot apply event p1 of member m1: ERROR: column \"lines_json\""
                + " of relation \"purchase_records\" does not exist (SQLState 42703); the store's schema is missing"
                + " or older than this loyalty needs: run JdbcMemberStore.migrate (or your own Flyway with"
                + " JdbcMemberStore.MIGRATIONS) before opening the store; or the table is the application's own, named as"
                + " one of the store's: give the store a schema of its own");
        assertThat(failure.getMessage()).doesNotContain("100.00");
        assertThat(failure.sqlState()).isEqualTo("42703");
    }

    @Test
    void a_pool_timeout_without_an_sqlstate_keeps_the_pools_message_and_the_cause() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is "
                + "not available, request timed out after 5001ms (total=4, active=4, idle=0, waiting=0)");

        JdbcFailure failure = new JdbcFailure("cannot apply event p1 of member m1", timeout);

        assertThat(failure.getMessage()).isEqualTo("cannot apply event p1 of member m1: HikariPool-1 - Connection is "
                + "not available, request timed out after 5001ms (total=4, active=4, idle=0, waiting=0) (no SQLState)");
        assertThat(failure.getCause()).isSameAs(timeout);
        assertThat(failure.sqlState()).isNull();
        assertThat(failure.isTransient()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_store_whose_schema_was_never_migrated_says_so_at_the_first_event(String kind) {
        try (TestDatabase db = TestDatabase.empty(kind)) {
            LoyaltyService service = LoyaltyService.create(Histories.retailBasic(), db.store());

            assertThatThrownBy(() -> service.apply(Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"),
                    Histories.usd("120.00"))))
                    .isExactlyInstanceOf(JdbcFailure.class)
                    .hasMessageStartingWith("cannot apply event p1 of member m1: ")
                    .hasMessageEndingWith("; the store's schema is missing or older than this loyalty needs: run "
                            + "JdbcMemberStore.migrate (or your own Flyway with JdbcMemberStore.MIGRATIONS) before "
                            + "opening the store; or the table is the application's own, named as one of the "
                            + "store's: give the store a schema of its own");
        }
    }
}

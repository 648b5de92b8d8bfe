package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * A commit whose connection fails: the database may have written the transaction before the connection was cut (the
 * acknowledgement lost), or not. {@code LoyaltyService.apply} tells the two apart on a fresh connection instead of
 * reporting "nothing written" for an event that was applied (jdbc2 audit F1: 50 of 267 killed connections).
 */
class LoyaltyServiceCommitFailureTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    /** Connections of {@code real} whose next commit, once armed, commits (or not) and then fails as a cut line. */
    private static DataSource cutOnCommit(DataSource real, AtomicBoolean armed, boolean commitFirst) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (ds, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection c = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (conn, m, a) -> {
                                if (m.getName().equals("commit") && armed.getAndSet(false)) {
                                    if (commitFirst) {
                                        c.commit();
                                    } else {
                                        c.rollback();
                                    }
                                    throw new SQLException("An I/O error occurred while sending to the backend.",
                                            "08006");
                                }
                                return invoke(c, m, a);
                            });
                });
    }

    /** A service whose first commit is cut: after the database committed it, or before. */
    private static LoyaltyService serviceCutOnFirstCommit(TestDatabase db, boolean commitFirst) {
        return LoyaltyService.create(ENGINE, JdbcMemberStore.create(
                cutOnCommit(db.dataSource(), new AtomicBoolean(true), commitFirst), TestDatabase.SALT));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_commit_the_database_wrote_before_the_connection_was_cut_returns_the_decision(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            LoyaltyService service = serviceCutOnFirstCommit(db, true);

            // when
            Decision decision = service.apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00")));

            // then: applied, as the database holds it; sending it again is a duplicate
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(decision.pointsAwarded()).isEqualTo(120L);
            assertThat(db.count("SELECT COUNT(*) FROM processed_event_ids WHERE event_id = 'p1'")).isEqualTo(1L);
            assertThat(service.apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00"))).outcome())
                    .isEqualTo(Decision.Outcome.DUPLICATE);
            assertThat(service.apply(Purchase.of("p2", "m1", AT.plusSeconds(60), Histories.usd("30.00")))
                    .state().ledger().totals().earned()).isEqualTo(150L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_commit_that_never_reached_the_database_is_a_failure_that_wrote_nothing(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            LoyaltyService service = serviceCutOnFirstCommit(db, false);

            // when, then
            assertThatThrownBy(() -> service.apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00"))))
                    .isExactlyInstanceOf(JdbcFailure.class)
                    .hasMessage("cannot apply event p1 of member m1: its commit failed and nothing was written: An I/O"
                            + " error occurred while sending to the backend. (SQLState 08006)");
            assertThat(db.count("SELECT COUNT(*) FROM processed_event_ids")).isZero();
            assertThat(service.apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00"))).outcome())
                    .isEqualTo(Decision.Outcome.APPLIED);
        }
    }
}

package org.loyaltyrules.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Set;
import org.apiguardian.api.API;

/** A database error the store cannot turn into a business outcome (connection lost, schema missing, ...). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JdbcFailure(String message, SQLException cause) {
        super(message + ": " + reason(cause).getMessage() + state(reason(cause).getSQLState())
                + hint(reason(cause).getSQLState()), cause);
    }

    /**
     * The SQLState in parentheses; a pool's own errors may have none (HikariCP's timeout waiting for a connection while
     * the database is up is an {@code SQLTransientConnectionException} without one).
     */
    private static String state(String state) {
        return state == null ? " (no SQLState)" : " (SQLState " + state + ")";
    }

    /**
     * What went wrong: for a failed batch, the error that aborted it rather than the driver's summary, which PostgreSQL's
     * driver writes with the statement and every bound value (event ids, amounts, explanations) into the message.
     */
    private static SQLException reason(SQLException e) {
        return e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
    }

    /**
     * A missing table or column (PostgreSQL 42P01 undefined_table and 42703 undefined_column; H2's 42S04 and the
     * standard 42S02 table not found, 42S22 column not found): the schema was not migrated, or by an older loyalty.
     */
    private static final Set<String> MISSING_SCHEMA = Set.of("42P01", "42703", "42S02", "42S04", "42S22");

    private static String hint(String state) {
        return state != null && MISSING_SCHEMA.contains(state) // Set.of(..).contains(null) throws
                ? "; the store's schema is missing or older than this loyalty needs: run JdbcMemberStore.migrate (or"
                        + " your own Flyway with JdbcMemberStore.MIGRATIONS) before opening the store; or the table is"
                        + " the application's own, named as one of the store's: give the store a schema of its own"
                : "";
    }

    /** The SQLState of the underlying error (of the error that aborted a batch). */
    public String sqlState() {
        return reason((SQLException) getCause()).getSQLState();
    }

    /** Whether the store's tables are missing (a schema never migrated, or by an older loyalty). */
    boolean isMissingSchema() {
        String state = sqlState();
        return state != null && MISSING_SCHEMA.contains(state);
    }

    /** Whether retrying may succeed (see {@link #isTransient(SQLException)}). */
    boolean isTransient() {
        return isTransient((SQLException) getCause());
    }

    static boolean isUniqueViolation(SQLException e) {
        return hasState(e, "23505");
    }

    /**
     * Serialization failures (40001), deadlocks (PostgreSQL 40P01), lock timeouts (PostgreSQL's 55P03
     * lock_not_available, H2's HYT00) and H2's concurrent update: retrying may succeed.
     */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                for (SQLException s = (SQLException) t; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)
                            || "HYT00".equals(state) || s.getErrorCode() == 90131) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasState(SQLException e, String wanted) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                for (SQLException s = (SQLException) t; s != null; s = s.getNextException()) {
                    if (wanted.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

package org.loyaltyrules.jdbc;

import java.sql.SQLException;
import org.apiguardian.api.API;

/** A database error the store cannot turn into a business outcome (connection lost, schema missing, ...). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JdbcFailure(String message, SQLException cause) {
        super(message + ": " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
    }

    /** The SQLState of the underlying error. */
    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    /** Whether retrying may succeed (see {@link #isTransient(SQLException)}). */
    boolean isTransient() {
        return isTransient((SQLException) getCause());
    }

    static boolean isUniqueViolation(SQLException e) {
        return hasState(e, "23505");
    }

    /** Serialization failures, deadlocks, lock timeouts and H2's concurrent update: retrying may succeed. */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                for (SQLException s = (SQLException) t; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if ("40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state)
                            || s.getErrorCode() == 90131) {
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

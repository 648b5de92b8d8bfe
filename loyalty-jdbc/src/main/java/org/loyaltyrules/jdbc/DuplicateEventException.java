package org.loyaltyrules.jdbc;

/** A processed event id was already stored (for this or another member): the transaction must be rolled back. */
final class DuplicateEventException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    DuplicateEventException(String memberId, Throwable cause) {
        super("an event id of member " + memberId + " was already processed", cause);
    }
}

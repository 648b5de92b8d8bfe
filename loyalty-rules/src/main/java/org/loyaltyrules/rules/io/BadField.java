package org.loyaltyrules.rules.io;

/** One field of one input line is wrong; the reader turns it into a {@code Problem} with the line's location. */
final class BadField extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    BadField(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The field's path in the line ({@code amount}, {@code lines[0].amount}), or empty for the line as a whole. */
    String field() {
        return field;
    }
}

package io.arus.connector.clickhouse;

/** A value a column cannot keep: out of range, too precise, NULL in a column that is not Nullable. */
final class RefusedValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the value, for a dead letter's reason */
    RefusedValue(String message) {
        super(message, null, false, false);
    }
}

package io.arus.transform.expression;

/**
 * An expression that does not compile (with its position), or one row whose evaluation failed (a type error, a
 * limit passed). A caller turns the first into a configuration error and the second into a rejected row.
 */
public class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * @param line    the 1-based line of the problem in the expression, or 0 when it has no position
     * @param column  the 1-based column, or 0
     * @param message what is wrong, without the position
     */
    public ExpressionException(int line, int column, String message) {
        super(line > 0 ? "at " + line + ":" + column + ": " + message : message);
        this.line = line;
        this.column = column;
    }

    /** @param message what is wrong, without a position */
    public ExpressionException(String message) {
        this(0, 0, message);
    }

    /** @return the 1-based line of the problem, or 0 when it has no position */
    public int line() {
        return line;
    }

    /** @return the 1-based column of the problem, or 0 when it has no position */
    public int column() {
        return column;
    }
}

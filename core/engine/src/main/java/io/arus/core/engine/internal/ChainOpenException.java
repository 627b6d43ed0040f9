package io.arus.core.engine.internal;

/**
 * A step of a transform chain could not be opened: its type is not installed, its configuration does not bind or
 * does not fit the step's input (an unknown column).
 */
public final class ChainOpenException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int step;
    private final String field;

    /**
     * @param step    the position of the step in the chain
     * @param field   the path of the bad field within the chain, e.g. {@code transforms[2].config.columns}
     * @param message what is wrong, naming the step
     */
    public ChainOpenException(int step, String field, String message) {
        super(message);
        this.step = step;
        this.field = field;
    }

    /** @return the position of the step in the chain */
    public int step() {
        return step;
    }

    /** @return the path of the bad field, e.g. {@code transforms[2].config.columns} */
    public String field() {
        return field;
    }
}

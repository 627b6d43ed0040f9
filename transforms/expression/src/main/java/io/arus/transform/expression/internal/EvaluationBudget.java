package io.arus.transform.expression.internal;

/**
 * The limits of one evaluation: a deadline and a largest text. One per compiled engine, used by one thread at a
 * time (a transform step runs on one engine thread); {@link #start()} arms it before each row.
 */
public final class EvaluationBudget {
    private final long timeLimitNanos;
    private final int maxChars;
    private long deadline;

    /**
     * @param timeLimitNanos how long one evaluation may take
     * @param maxChars       the longest text an evaluation may build
     */
    public EvaluationBudget(long timeLimitNanos, int maxChars) {
        this.timeLimitNanos = timeLimitNanos;
        this.maxChars = maxChars;
        start();
    }

    /** Arms the deadline for the next evaluation. */
    public void start() {
        deadline = System.nanoTime() + timeLimitNanos;
    }

    /** @throws LimitExceededException when the evaluation has run past its time limit */
    public void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw new LimitExceededException("the expression took longer than " + timeLimitNanos / 1_000_000 + " ms");
        }
    }

    /**
     * @param length the length of a text about to be built
     * @throws LimitExceededException when it is longer than the limit
     */
    public void checkLength(long length) {
        if (length > maxChars) {
            throw new LimitExceededException("a text of " + length + " characters is longer than the limit of "
                    + maxChars);
        }
    }

    /** @return the longest text an evaluation may build */
    public int maxChars() {
        return maxChars;
    }
}

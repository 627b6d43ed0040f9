package io.arus.transform.expression;

/** What an evaluation gave, as comparable text: its value with its type, or its error (time limits made equal). */
final class Outcome {
    /** An evaluation that may fail. */
    interface Evaluated {
        Object get() throws ExpressionException;
    }

    private Outcome() {
    }

    static String of(Evaluated evaluated) {
        try {
            Object value = evaluated.get();
            return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
        } catch (ExpressionException e) {
            return "error:" + e.getMessage().replaceAll("took longer than \\d+ ms", "took too long");
        }
    }
}

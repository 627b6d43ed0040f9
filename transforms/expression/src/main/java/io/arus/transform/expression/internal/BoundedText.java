package io.arus.transform.expression.internal;

/**
 * A text that checks the evaluation's deadline as a regular expression reads it, so that a pattern that
 * backtracks catastrophically ({@code (a+)+b}) is stopped instead of running for hours.
 */
final class BoundedText implements CharSequence {
    private final CharSequence text;
    private final EvaluationBudget budget;
    private int reads;

    BoundedText(CharSequence text, EvaluationBudget budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xFFF) == 0) {
            budget.checkTime();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.subSequence(start, end), budget);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

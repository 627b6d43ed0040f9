package io.arus.transform.expression.internal;

import java.math.MathContext;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * Strict JEXL arithmetic with the sandbox's limits: a text built by {@code +} is held to the length limit, the
 * {@code =~} operator matches through the deadline check, and ranges ({@code 1..1000000000}) are refused.
 */
public final class SandboxArithmetic extends JexlArithmetic {
    private final EvaluationBudget budget;
    private final RegexFunctions regex;

    /**
     * @param budget the limits of each evaluation
     * @param regex  the regular expression functions, whose deadline-bound matcher {@code =~} uses
     */
    public SandboxArithmetic(EvaluationBudget budget, RegexFunctions regex) {
        super(true, MathContext.DECIMAL128, Integer.MIN_VALUE);
        this.budget = budget;
        this.regex = regex;
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return this;
    }

    @Override
    public Object add(Object left, Object right) {
        if (left instanceof CharSequence a && right != null) {
            budget.checkLength((long) a.length() + String.valueOf(right).length());
        } else if (right instanceof CharSequence b && left != null) {
            budget.checkLength((long) b.length() + String.valueOf(left).length());
        }
        Object sum = super.add(left, right);
        if (sum instanceof CharSequence text) {
            budget.checkLength(text.length());
        }
        return sum;
    }

    @Override
    public Boolean contains(Object container, Object value) {
        if (container instanceof String pattern && value != null) {
            return regex.matcher(Texts.of(value), pattern).matches();
        }
        if (container instanceof Pattern pattern && value != null) {
            return regex.matcher(Texts.of(value), pattern.pattern()).matches();
        }
        return super.contains(container, value);
    }

    @Override
    public Iterable<?> createRange(Object from, Object to) {
        throw new UnsupportedOperationException("ranges (a..b) are not available in expressions");
    }
}

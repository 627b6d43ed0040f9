package io.arus.transform.expression;

import io.arus.transform.expression.internal.DirectEvaluation;
import io.arus.transform.expression.internal.EvaluationBudget;
import io.arus.transform.expression.internal.LimitExceededException;
import io.arus.transform.expression.internal.RowContext;
import io.arus.transform.expression.internal.RowEngine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.jexl3.JexlException;

/**
 * A compiled row expression. Evaluate it on each row of the schema it was compiled for; one thread at a time (it
 * reuses one row context).
 */
public final class Expression {
    private static final Set<Class<?>> VALUE_CLASSES = Set.of(String.class, Boolean.class, Integer.class,
            Long.class, Short.class, Byte.class, Double.class, Float.class, BigDecimal.class, BigInteger.class,
            LocalDate.class, LocalDateTime.class, LocalTime.class, Instant.class, UUID.class);

    private final String text;
    private final List<String> columns;
    private final RowContext context;
    private final RowEngine.Evaluation evaluation;
    private final EvaluationBudget budget;
    private final DirectEvaluation.Node direct;

    Expression(String text, RowEngine.Parsed script, Set<String> columns, Map<String, Integer> positions,
               EvaluationBudget budget) {
        this.text = text;
        this.columns = List.copyOf(columns);
        this.context = new RowContext(positions);
        this.evaluation = script.over(context);
        this.budget = budget;
        this.direct = script.direct(positions);
    }

    /** @return the expression as written */
    public String text() {
        return text;
    }

    /** @return the columns the expression reads, in order of first use (its lineage) */
    public List<String> columns() {
        return columns;
    }

    /**
     * @param row the row's values in schema order
     * @return the value: null, a text, a boolean, a number or a date/time value
     * @throws ExpressionException when this row cannot be evaluated (a type error, a limit passed)
     */
    public Object evaluate(Object[] row) throws ExpressionException {
        if (direct != null) {
            try {
                Object value = direct.evaluate(row);
                if (value == null || isValue(value.getClass())
                        && !(value instanceof String s && s.length() > budget.maxChars())) {
                    return value;
                }
            } catch (RuntimeException e) {
                // the interpreter answers the same failure with its position in the expression
            }
        }
        return interpreted(row);
    }

    /** The common classes first, by identity: this runs on every row. */
    private static boolean isValue(Class<?> type) {
        return type == Long.class || type == Integer.class || type == String.class || type == Boolean.class
                || type == BigDecimal.class || type == Double.class || VALUE_CLASSES.contains(type);
    }

    /** @return whether the expression is evaluated without JEXL's interpreter when it can be */
    boolean direct() {
        return direct != null;
    }

    /** Evaluates with JEXL's interpreter. */
    Object interpreted(Object[] row) throws ExpressionException {
        budget.start();
        context.row(row);
        try {
            Object value = evaluation.evaluate();
            if (value != null && !VALUE_CLASSES.contains(value.getClass())) {
                throw new ExpressionException("the expression gives a " + value.getClass().getSimpleName()
                        + ", not a value");
            }
            if (value instanceof String s) {
                budget.checkLength(s.length());
            }
            return value;
        } catch (JexlException e) {
            throw ExpressionEngine.failure(e);
        } catch (LimitExceededException | ArithmeticException | IllegalArgumentException
                 | UnsupportedOperationException | DateTimeException e) {
            throw new ExpressionException(e.getMessage());
        } catch (StackOverflowError e) {
            throw new ExpressionException("the expression nests too deeply");
        } finally {
            context.row(null);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

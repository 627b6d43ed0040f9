package io.arus.transform.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct path (columns, literals, operators evaluated without JEXL's interpreter) answers every row as the
 * interpreter does: the same value and type, or the same error.
 */
class DirectEvaluationTest {
    private static final List<String> COLUMNS = List.of("i", "l", "d", "f", "s", "b", "t");
    private static final List<String> OPERATORS = List.of(" + ", " - ", " * ", " / ", " % ", " == ", " != ", " < ",
            " <= ", " > ", " >= ", " && ", " || ");
    private static final List<Object[]> ROWS = List.of(
            new Object[] {7, 3_000_000_000L, new BigDecimal("12.50"), 2.5, "abc", true, LocalDate.of(2024, 1, 2)},
            new Object[] {0, 0L, BigDecimal.ZERO, 0.0, "", false, null},
            new Object[] {-3, -1L, new BigDecimal("-0.01"), -1e300, "42", null, LocalDate.of(1999, 12, 31)},
            new Object[] {null, null, null, null, null, null, null},
            new Object[] {Integer.MAX_VALUE, Long.MAX_VALUE, new BigDecimal("1e30"), Double.NaN, "x'y", true, null});

    private final ExpressionEngine engine = new ExpressionEngine(Instant.now(), Duration.ofMillis(500), 1 << 20);

    @Test
    void theCommonExpressionsAreEvaluatedDirectly() throws Exception {
        for (String text : List.of("qty * 2 + 1", "qty >= 0", "(qty > 1 && name != 'x') || !flag",
                "flag ? qty : 0 - qty", "name + ' ' + qty", "null", "true")) {
            Expression expression = engine.compile(text, List.of("qty", "name", "flag"));
            assertThat(expression.direct()).as(text).isTrue();
        }
        Expression sum = engine.compile("qty * 2 + 1", List.of("qty"));
        assertThat(sum.evaluate(new Object[] {20})).isEqualTo(41);
        assertThat(sum.evaluate(new Object[] {3_000_000_000L})).isEqualTo(6_000_000_001L);
    }

    @Test
    void functionsPropertiesAndMatchesAreLeftToTheInterpreter() throws Exception {
        for (String text : List.of("str:upper(name)", "name =~ 'a.*'", "name.length", "qty ?: 1", "-qty",
                "coalesce(qty, 0)", "qty ?? 0")) {
            assertThat(engine.compile(text, List.of("qty", "name")).direct()).as(text).isFalse();
        }
    }

    @Test
    void aNullOperandFailsAsTheInterpreterSays() throws Exception {
        Expression expression = engine.compile("qty * 2 + 1", List.of("qty"));
        String direct = Outcome.of(() -> expression.evaluate(new Object[] {null}));
        assertThat(direct).startsWith("error:").isEqualTo(Outcome.of(() -> expression.interpreted(new Object[] {null})));
    }

    @Test
    void twoThousandRandomExpressionsAnswerAsTheInterpreterDoes() {
        Random random = new Random(20261205);
        int direct = 0;
        int compared = 0;
        for (int n = 0; n < 2000; n++) {
            String text = term(random, 3);
            Expression expression;
            try {
                expression = engine.compile(text, COLUMNS);
            } catch (ExpressionException refused) {
                continue;
            }
            if (expression.direct()) {
                direct++;
            }
            for (Object[] row : ROWS) {
                assertThat(Outcome.of(() -> expression.evaluate(row))).as(text + " on " + Arrays.toString(row))
                        .isEqualTo(Outcome.of(() -> expression.interpreted(row)));
                compared++;
            }
        }
        assertThat(direct).isGreaterThan(1000);
        assertThat(compared).isGreaterThan(5000);
    }

    private static String term(Random random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return switch (random.nextInt(10)) {
                case 0 -> "null";
                case 1 -> random.nextBoolean() ? "true" : "false";
                case 2 -> Integer.toString(random.nextInt(2000));
                case 3 -> random.nextInt(100) + "." + random.nextInt(100);
                case 4 -> "'" + (char) ('a' + random.nextInt(3)) + "'";
                case 5 -> random.nextInt(9) + "L";
                default -> COLUMNS.get(random.nextInt(COLUMNS.size()));
            };
        }
        return switch (random.nextInt(5)) {
            case 0, 1 -> term(random, depth - 1) + OPERATORS.get(random.nextInt(OPERATORS.size())) + term(random, depth - 1);
            case 2 -> "(" + term(random, depth - 1) + ")";
            case 3 -> "!" + term(random, depth - 1);
            default -> term(random, depth - 1) + " ? " + term(random, depth - 1) + " : " + term(random, depth - 1);
        };
    }
}

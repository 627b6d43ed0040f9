package io.arus.transform.expression;

import io.arus.transform.expression.internal.DateFunctions;
import io.arus.transform.expression.internal.EvaluationBudget;
import io.arus.transform.expression.internal.LimitExceededException;
import io.arus.transform.expression.internal.MathFunctions;
import io.arus.transform.expression.internal.NullFunctions;
import io.arus.transform.expression.internal.RegexFunctions;
import io.arus.transform.expression.internal.RowEngine;
import io.arus.transform.expression.internal.SandboxArithmetic;
import io.arus.transform.expression.internal.SandboxPermissions;
import io.arus.transform.expression.internal.StringFunctions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;

/**
 * Compiles row expressions in a sandbox: JEXL with no {@code new}, no method calls, no loops, lambdas, pragmas,
 * annotations or assignments, permissions that reach only the function library, strict arithmetic, and a time and
 * text limit on each evaluation. One engine serves one transform step: the expressions it compiles share its
 * limits and must be evaluated by one thread at a time.
 */
public final class ExpressionEngine {
    /** How long one evaluation may take by default. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMillis(250);
    /** The longest text an evaluation may build by default (1 MB of characters). */
    public static final int DEFAULT_MAX_CHARS = 1 << 20;
    /** The longest expression text accepted. */
    public static final int MAX_LENGTH = 10_000;

    /** JEXL's words for a refused construct, and what the sandbox says about it. */
    private static final String[][] HINTS = {
        {"method call error", "calling a method is not allowed; use the functions (str:, math:, date:, re:)"},
        {"create instance error", "'new' is not allowed"},
        {"unsolvable function", "not a function of the expression library"},
        {"undefined property", "values have no properties"},
        {"loop error", "loops are not allowed"},
        {"function error", "functions cannot be defined"},
        {"pragma error", "pragmas are not allowed"},
        {"annotation error", "annotations are not allowed"},
        {"global assign", "an expression cannot assign"},
        {"local variable error", "an expression cannot declare variables"},
        {"set/map/array literal error", "lists, sets, maps and ranges are not available"},
    };

    private static final Pattern POSITION = Pattern.compile("@(\\d+):(\\d+)");

    private final RowEngine jexl;
    private final EvaluationBudget budget;
    private final FunctionCheck functions;

    /** @param runStart what {@code date:now()} answers: the run's start, fixed for every row */
    public ExpressionEngine(Instant runStart) {
        this(runStart, DEFAULT_TIME_LIMIT, DEFAULT_MAX_CHARS);
    }

    /**
     * @param runStart  what {@code date:now()} answers
     * @param timeLimit how long one evaluation may take
     * @param maxChars  the longest text an evaluation may build
     */
    public ExpressionEngine(Instant runStart, Duration timeLimit, int maxChars) {
        this.budget = new EvaluationBudget(timeLimit.toNanos(), maxChars);
        RegexFunctions regex = new RegexFunctions(budget);
        Map<String, Object> namespaces = new HashMap<>();
        namespaces.put(null, new NullFunctions());
        namespaces.put("str", new StringFunctions(budget));
        namespaces.put("math", new MathFunctions());
        namespaces.put("date", new DateFunctions(runStart));
        namespaces.put("re", regex);
        this.functions = new FunctionCheck(namespaces);
        this.jexl = new RowEngine(new JexlBuilder()
                .features(features())
                .permissions(new SandboxPermissions())
                .arithmetic(new SandboxArithmetic(budget, regex))
                .namespaces(namespaces)
                .strict(true)
                .safe(false)
                .silent(false)
                .antish(false)
                .cancellable(true)
                .stackOverflow(256)
                .cache(0));
    }

    /**
     * Compiles an expression once, for evaluation on every row.
     *
     * @param text    the expression, e.g. {@code str:upper(name) + ' ' + math:round(price * 1.2, 2)}
     * @param columns the input columns in row order; {@code null} when not known (then names are not checked)
     * @return the compiled expression
     * @throws ExpressionException with the line and column of the problem
     */
    public Expression compile(String text, List<String> columns) throws ExpressionException {
        if (text == null || text.isBlank()) {
            throw new ExpressionException("the expression is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("the expression is longer than " + MAX_LENGTH + " characters");
        }
        RowEngine.Parsed script;
        try {
            script = jexl.parse(new JexlInfo("expression", 1, 1), text);
        } catch (JexlException e) {
            throw failure(e);
        } catch (StackOverflowError e) {
            throw new ExpressionException("the expression nests too deeply");
        }
        functions.check(text);
        Set<String> used = new LinkedHashSet<>();
        for (List<String> path : script.variables()) {
            used.add(path.get(0));
        }
        Map<String, Integer> positions = new HashMap<>();
        if (columns != null) {
            for (int i = 0; i < columns.size(); i++) {
                positions.put(columns.get(i), i);
            }
            for (String name : used) {
                if (!positions.containsKey(name)) {
                    throw unknownColumn(text, name, columns);
                }
            }
        }
        return new Expression(text, script, used, positions, budget);
    }

    /**
     * Turns a JEXL error into an expression error with its position and a message free of JEXL's internals.
     *
     * @param e the JEXL error
     * @return the expression error
     */
    static ExpressionException failure(JexlException e) {
        JexlInfo info = e.getInfo();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher position = POSITION.matcher(message);
        int line = info == null ? 0 : info.getLine();
        int column = info == null ? 0 : info.getColumn();
        if (position.find()) {
            line = Integer.parseInt(position.group(1));
            column = Integer.parseInt(position.group(2));
            message = message.substring(position.end()).strip();
        }
        message = message.replace("JEXL error : ", "");
        for (String[] hint : HINTS) {
            if (message.startsWith(hint[0])) {
                message = message + ": " + hint[1];
            }
        }
        Throwable cause = rootCause(e);
        if (cause instanceof LimitExceededException) {
            return new ExpressionException(line, column, cause.getMessage());
        }
        if (cause instanceof StackOverflowError) {
            message = message + ": nested or recursing too deeply";
        } else if (cause instanceof ArithmeticException && message.matches("[/%] error.*")) {
            message = "division by zero";
        } else if (cause != e && cause.getMessage() != null) {
            message = message + ": " + cause.getMessage();
        }
        return new ExpressionException(line, column, message);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof LimitExceededException) {
                break;
            }
        }
        return cause;
    }

    private static ExpressionException unknownColumn(String text, String name, List<String> columns) {
        Matcher use = Pattern.compile("(?<![\\w.:'\"])" + Pattern.quote(name) + "(?!\\w)").matcher(text);
        return FunctionCheck.at(text, use.find() ? use.start() : 0,
                "unknown column '" + name + "'; the columns are " + columns);
    }

    private static JexlFeatures features() {
        return new JexlFeatures()
                .newInstance(false)
                .methodCall(false)
                .loops(false)
                .lambda(false)
                .thinArrow(false)
                .fatArrow(false)
                .pragma(false)
                .pragmaAnywhere(false)
                .namespacePragma(false)
                .importPragma(false)
                .annotation(false)
                .script(false)
                .localVar(false)
                .sideEffect(false)
                .sideEffectGlobal(false)
                .structuredLiteral(false)
                .register(false)
                .namespaceInstantiation(false);
    }
}

package io.arus.transform.expression;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a call to a function the library does not have ({@code str:uper(name)}) when the expression is compiled,
 * so that it is refused when the pipeline is saved rather than on the first row.
 */
final class FunctionCheck {
    private static final Pattern CALL = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)\\s*:\\s*(\\w+)\\s*\\(");
    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");

    private final Map<String, Set<String>> functions = new HashMap<>();

    /** @param namespaces the namespace prefixes and the objects whose public methods are the functions */
    FunctionCheck(Map<String, Object> namespaces) {
        namespaces.forEach((prefix, library) -> {
            if (prefix != null) {
                Set<String> names = new TreeSet<>();
                for (Method method : library.getClass().getMethods()) {
                    if (method.getDeclaringClass() == library.getClass() && !Modifier.isStatic(method.getModifiers())) {
                        names.add(method.getName());
                    }
                }
                functions.put(prefix, names);
            }
        });
    }

    /**
     * @param text the expression
     * @throws ExpressionException at the first call of an unknown namespace or function
     */
    void check(String text) throws ExpressionException {
        String code = blankStrings(text);
        Matcher call = CALL.matcher(code);
        while (call.find()) {
            Set<String> names = functions.get(call.group(1));
            if (names == null) {
                throw at(text, call.start(1), "'" + call.group(1) + ":' is not a function namespace; use one of "
                        + new TreeSet<>(functions.keySet()));
            }
            if (!names.contains(call.group(2))) {
                throw at(text, call.start(2), "'" + call.group(1) + ":" + call.group(2)
                        + "' is not a function; " + call.group(1) + ": has " + names);
            }
        }
    }

    private static String blankStrings(String text) {
        Matcher quoted = QUOTED.matcher(text);
        StringBuilder out = new StringBuilder(text);
        while (quoted.find()) {
            for (int i = quoted.start() + 1; i < quoted.end() - 1; i++) {
                out.setCharAt(i, ' ');
            }
        }
        return out.toString();
    }

    /**
     * @param text   the expression
     * @param offset a character offset in it
     * @param message what is wrong there
     * @return an error with the offset's line and column
     */
    static ExpressionException at(String text, int offset, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new ExpressionException(line, column, message);
    }
}

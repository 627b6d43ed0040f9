package io.arus.transform.expression;

import java.util.List;
import java.util.Random;

/**
 * Makes random expressions from a small grammar that mixes what is allowed (columns, literals, operators, library
 * functions) with what an attacker tries (class names, {@code new}, method calls on values, static calls,
 * pragmas, file paths and system properties).
 */
final class RandomExpressions {
    private static final List<String> OPERATORS = List.of(" + ", " - ", " * ", " / ", " % ", " == ", " != ", " < ",
            " >= ", " && ", " || ", " =~ ", " ?: ", " ?? ", " & ", " | ", " ^ ", " << ", ".", "");
    private static final List<String> FUNCTIONS = List.of("str:upper", "str:lower", "str:trim", "str:substring",
            "str:replace", "str:length", "str:concat", "str:lpad", "str:rpad", "math:abs", "math:round", "math:floor",
            "math:ceil", "math:min", "math:max", "date:now", "date:year", "date:date_add", "date:parse_date",
            "date:format_date", "re:matches", "re:extract", "re:replace", "coalesce", "is_null", "is_empty", "size",
            "empty", "sys:exit", "java:lang", "math:random", "Runtime:getRuntime");
    private static final List<String> ATTACKS = List.of("''.class", "x.class", "x.getClass()", "x.class.forName(s)",
            "''.class.forName('java.lang.Runtime').getRuntime().exec('touch %1$s')", "new('java.io.File', '%1$s')",
            "new('java.io.FileOutputStream', '%1$s')", "java.lang.System.setProperty('%2$s', '1')",
            "System.exit(0)", "Math.random()", "#pragma jexl.options '-strict'", "x.getClass().getClassLoader()",
            "s.class", "x['class']", "x.bytes", "x.toString()", "n.getClass().forName(s)",
            "x instanceof 'java.lang.String'", "x.'class'.'classLoader'", "@silent x", "while(true){}",
            "function(a){a}", "x = 1", "1..100000000", "[x, n]", "{'a': x}", "`${x.class}`");

    private final Random random;
    private final String marker;
    private final String property;

    RandomExpressions(Random random, String marker, String property) {
        this.random = random;
        this.marker = marker;
        this.property = property;
    }

    String next() {
        return term(3);
    }

    private String term(int depth) {
        if (depth == 0) {
            return leaf();
        }
        return switch (random.nextInt(6)) {
            case 0 -> term(depth - 1) + pick(OPERATORS) + term(depth - 1);
            case 1 -> pick(FUNCTIONS) + "(" + arguments(depth - 1) + ")";
            case 2 -> "(" + term(depth - 1) + ")" + (random.nextBoolean() ? "" : ".class");
            case 3 -> String.format(pick(ATTACKS), marker, property);
            case 4 -> (random.nextBoolean() ? "!" : "-") + term(depth - 1);
            default -> term(depth - 1) + " ? " + term(depth - 1) + " : " + leaf();
        };
    }

    private String arguments(int depth) {
        StringBuilder args = new StringBuilder();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            args.append(i == 0 ? "" : ", ").append(term(depth));
        }
        return args.toString();
    }

    private String leaf() {
        return switch (random.nextInt(8)) {
            case 0 -> "x";
            case 1 -> "n";
            case 2 -> "s";
            case 3 -> Integer.toString(random.nextInt(2000) - 1000);
            case 4 -> "'java.lang.Runtime'";
            case 5 -> "'" + marker + "'";
            case 6 -> "null";
            default -> "'a" + random.nextInt(10) + "'";
        };
    }

    private String pick(List<String> items) {
        return items.get(random.nextInt(items.size()));
    }
}

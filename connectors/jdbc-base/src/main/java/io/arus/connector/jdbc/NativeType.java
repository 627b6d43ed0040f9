package io.arus.connector.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A native column type as the database's catalog spells it, parsed into the parts a type mapping looks at:
 * {@code "numeric(12,2)"} has name {@code numeric} and parameters {@code 12, 2}; {@code "int(10) unsigned"} is
 * unsigned; {@code "integer[]"} is an array of {@code integer}; {@code "timestamp(3) with time zone"} has name
 * {@code timestamp with time zone}.
 *
 * @param text       the type exactly as the catalog gave it (kept in {@link io.arus.api.type.Field#nativeType()})
 * @param name       the lower-case name without parameters, modifiers or array brackets, single-spaced
 * @param params     the parameters between the parentheses, trimmed, in order (quotes kept for ENUM/SET values)
 * @param unsigned   whether the type carries the {@code unsigned} modifier
 * @param arrayDims  how many {@code []} follow the type; 0 for a scalar
 */
public record NativeType(String text, String name, List<String> params, boolean unsigned, int arrayDims) {
    /** Copies the parameter list. */
    public NativeType {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
    }

    /**
     * @param text a type as a catalog spells it
     * @return the parsed type
     */
    public static NativeType parse(String text) {
        String rest = text.trim();
        int dims = 0;
        while (rest.endsWith("[]")) {
            dims++;
            rest = rest.substring(0, rest.length() - 2).trim();
        }
        List<String> params = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '(') {
                int close = closingParenthesis(rest, i);
                params.addAll(splitParams(rest.substring(i + 1, close)));
                i = close + 1;
            } else {
                name.append(c);
                i++;
            }
        }
        String lower = name.toString().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        boolean unsigned = false;
        for (String modifier : List.of(" zerofill", " unsigned")) {
            if (lower.endsWith(modifier)) {
                unsigned |= modifier.equals(" unsigned");
                lower = lower.substring(0, lower.length() - modifier.length()).trim();
            }
        }
        return new NativeType(text, lower, params, unsigned, dims);
    }

    /**
     * @param index        a parameter position
     * @param defaultValue what to return when that parameter is missing or not a number
     * @return the parameter as an int
     */
    public int param(int index, int defaultValue) {
        if (index >= params.size()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(params.get(index));
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** @return the element type of an array type (one dimension less), or this type when it is no array */
    public NativeType element() {
        if (arrayDims == 0) {
            return this;
        }
        String elementText = text.trim().substring(0, text.trim().length() - 2);
        return new NativeType(elementText, name, params, unsigned, arrayDims - 1);
    }

    private static int closingParenthesis(String text, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ')' && !quoted) {
                return i;
            }
        }
        return text.length() - 1;
    }

    private static List<String> splitParams(String inside) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0 || !parts.isEmpty()) {
            parts.add(current.toString().trim());
        }
        return parts;
    }
}

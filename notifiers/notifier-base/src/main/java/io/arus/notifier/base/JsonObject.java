package io.arus.notifier.base;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object being built, members kept in insertion order: {@code new JsonObject().put("text", "hi")}.
 * Values are {@code null}, strings, numbers, booleans, {@code JsonObject}s, lists and maps of these; anything else
 * is written as its {@code toString()} in quotes. {@link #toString()} gives the JSON text.
 */
public final class JsonObject {
    private final Map<String, Object> members = new LinkedHashMap<>();

    /**
     * Sets a member, replacing one of the same name.
     *
     * @param name  the member name
     * @param value the value; {@code null} writes a JSON {@code null}
     * @return this
     */
    public JsonObject put(String name, Object value) {
        members.put(name, value);
        return this;
    }

    /**
     * Sets a member only when the value is not {@code null}: for members a receiver expects to be absent rather
     * than null.
     *
     * @param name  the member name
     * @param value the value, or {@code null} to leave the member out
     * @return this
     */
    public JsonObject putIfPresent(String name, Object value) {
        return value == null ? this : put(name, value);
    }

    /** @return the JSON text of this object */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out, members);
        return out.toString();
    }

    /**
     * @param text any text
     * @return the text as a JSON string literal, quotes included
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        writeString(out, text);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number number) {
            writeNumber(out, number);
        } else if (value instanceof JsonObject object) {
            write(out, object.members);
        } else if (value instanceof Map<?, ?> map) {
            char separator = '{';
            for (Map.Entry<?, ?> member : map.entrySet()) {
                out.append(separator);
                writeString(out, String.valueOf(member.getKey()));
                out.append(':');
                write(out, member.getValue());
                separator = ',';
            }
            out.append(separator == '{' ? "{}" : "}");
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            writeString(out, value.toString());
        }
    }

    private static void writeNumber(StringBuilder out, Number number) {
        double asDouble = number.doubleValue();
        if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
            writeString(out, number.toString()); // JSON has no NaN or Infinity
        } else if (number instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else {
            out.append(number);
        }
    }

    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                // other control characters, and the two separators some JavaScript parsers reject in strings
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}

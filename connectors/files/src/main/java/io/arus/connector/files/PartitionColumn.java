package io.arus.connector.files;

import io.arus.api.type.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code partition_by}: a column whose value names a Hive-style folder ({@code col=value/}), or the
 * month or day of a timestamp or date column ({@code month(ts)} makes {@code month=2024-05/}, {@code day(ts)}
 * makes {@code day=2024-05-17/}). Instants are cut in UTC.
 *
 * @param column   the column
 * @param function {@code ""}, {@code month} or {@code day}
 */
record PartitionColumn(String column, String function) {
    private static final Pattern CALL = Pattern.compile("(month|day)\\s*\\(\\s*([^()\\s]+)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[^()=/\\s]+");

    /** The folder name of a NULL value, as Hive writes it. */
    static final String NULL_FOLDER = "__HIVE_DEFAULT_PARTITION__";

    static PartitionColumn parse(String text) {
        String t = text.strip();
        Matcher call = CALL.matcher(t);
        if (call.matches()) {
            return new PartitionColumn(call.group(2), call.group(1).toLowerCase(Locale.ROOT));
        }
        if (!NAME.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a column, month(column) or day(column)");
        }
        return new PartitionColumn(t, "");
    }

    /** @return the folder's key: the column, or {@code month} / {@code day} */
    String key() {
        return function.isEmpty() ? column : function;
    }

    /**
     * @param schema the stream's columns
     * @return the column's index
     * @throws IllegalArgumentException when the column is missing or has no date for month/day
     */
    int index(Schema schema) {
        int i = schema.indexOf(column).orElseThrow(() ->
                new IllegalArgumentException("partition column " + column + " is not in the stream"));
        if (!function.isEmpty()) {
            switch (schema.field(i).type().kind()) {
                case DATE, TIMESTAMP, TIMESTAMPTZ -> { }
                default -> throw new IllegalArgumentException(function + "(" + column + "): " + column + " is "
                        + schema.field(i).type() + ", not a date or timestamp");
            }
        }
        return i;
    }

    /**
     * @param value the column's value in a row
     * @return the folder, e.g. {@code month=2024-05}
     */
    String folder(Object value) {
        if (value == null) {
            return key() + "=" + NULL_FOLDER;
        }
        if (function.isEmpty()) {
            return key() + "=" + escape(ValueText.format(value));
        }
        LocalDate date = date(value);
        // called for every row: plain concatenation rather than String.format
        int month = date.getMonthValue();
        String text = function.equals("month") ? year(date.getYear()) + (month < 10 ? "-0" : "-") + month
                : date.toString();
        return function + "=" + text;
    }

    private static String year(int year) {
        return year >= 1000 && year <= 9999 ? Integer.toString(year) : String.format(Locale.ROOT, "%04d", year);
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (value instanceof Instant i) {
            return LocalDate.ofEpochDay(Math.floorDiv(i.getEpochSecond(), 86_400L));
        }
        if (value instanceof TemporalAccessor t) {
            return LocalDate.from(t);
        }
        throw new IllegalArgumentException("not a date: " + value);
    }

    /** Percent-encodes what cannot stand in a folder name, as Hive does for / = % and control characters. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '/' || c == '\\' || c == '=' || c == '%' || c == '"' || c == ':' || c == 0x7f) {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                out.append(c);
            }
        }
        return out.isEmpty() ? NULL_FOLDER : out.toString();
    }

    @Override
    public String toString() {
        return function.isEmpty() ? column : function + "(" + column + ")";
    }
}

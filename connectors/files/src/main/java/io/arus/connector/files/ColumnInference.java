package io.arus.connector.files;

import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses one column's type from sampled values: the narrowest type every non-null value fits, in the order
 * int64, decimal, boolean, date, timestamptz, timestamp, time, uuid, json, and string when nothing narrower fits (or no
 * value was seen). Text (CSV fields, JSON strings) is tried against each; JSON numbers, booleans, objects and arrays
 * keep their JSON kind, except that a JSON string is never taken for a number.
 */
final class ColumnInference {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** The order in which the candidates are preferred. */
    private static final List<LogicalType.Kind> ORDER = List.of(LogicalType.Kind.INT64, LogicalType.Kind.DECIMAL,
            LogicalType.Kind.BOOLEAN, LogicalType.Kind.DATE, LogicalType.Kind.TIMESTAMPTZ, LogicalType.Kind.TIMESTAMP,
            LogicalType.Kind.TIME, LogicalType.Kind.UUID, LogicalType.Kind.JSON);

    private final Set<LogicalType.Kind> possible = EnumSet.copyOf(ORDER);
    private boolean seen;

    /** @param value a sampled value: text, or what {@link JsonValues#read} makes of JSON; null is ignored */
    void add(Object value) {
        if (value == null) {
            return;
        }
        seen = true;
        if (value instanceof String s) {
            possible.retainAll(textKinds(s));
        } else if (value instanceof Long) {
            possible.retainAll(EnumSet.of(LogicalType.Kind.INT64, LogicalType.Kind.DECIMAL));
        } else if (value instanceof BigDecimal) {
            possible.retainAll(EnumSet.of(LogicalType.Kind.DECIMAL));
        } else if (value instanceof Boolean) {
            possible.retainAll(EnumSet.of(LogicalType.Kind.BOOLEAN));
        } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
            possible.retainAll(EnumSet.of(LogicalType.Kind.JSON));
        } else {
            possible.clear();
        }
    }

    /** @param jsonString a JSON string value: never a number or boolean, though its text may look like one */
    void addJsonString(String jsonString) {
        seen = true;
        Set<LogicalType.Kind> kinds = textKinds(jsonString);
        kinds.removeAll(EnumSet.of(LogicalType.Kind.INT64, LogicalType.Kind.DECIMAL, LogicalType.Kind.BOOLEAN));
        possible.retainAll(kinds);
    }

    /** @return the narrowest type all values fit, or string */
    LogicalType type() {
        if (!seen) {
            return LogicalType.STRING;
        }
        for (LogicalType.Kind kind : ORDER) {
            if (possible.contains(kind)) {
                return kind == LogicalType.Kind.DECIMAL ? LogicalType.decimal(0, 0) : LogicalType.of(kind);
            }
        }
        return LogicalType.STRING;
    }

    private static Set<LogicalType.Kind> textKinds(String text) {
        Set<LogicalType.Kind> kinds = EnumSet.noneOf(LogicalType.Kind.class);
        String t = text.strip();
        if (t.isEmpty() || !t.equals(text)) {
            return kinds;
        }
        if (INTEGER.matcher(t).matches()) {
            kinds.add(LogicalType.Kind.INT64);
        }
        if (DECIMAL.matcher(t).matches()) {
            kinds.add(LogicalType.Kind.DECIMAL);
        }
        if (t.equals("true") || t.equals("false")) {
            kinds.add(LogicalType.Kind.BOOLEAN);
        }
        if (DATE.matcher(t).matches() && parses(() -> LocalDate.parse(t))) {
            kinds.add(LogicalType.Kind.DATE);
        }
        if (t.length() > 10 && Character.isDigit(t.charAt(0)) && t.charAt(4) == '-') {
            String iso = t.replace(' ', 'T');
            if (parses(() -> OffsetDateTime.parse(iso))) {
                kinds.add(LogicalType.Kind.TIMESTAMPTZ);
            } else if (parses(() -> LocalDateTime.parse(iso))) {
                kinds.add(LogicalType.Kind.TIMESTAMP);
            }
        }
        if (TIME.matcher(t).matches() && parses(() -> LocalTime.parse(t))) {
            kinds.add(LogicalType.Kind.TIME);
        }
        if (UUID.matcher(t).matches()) {
            kinds.add(LogicalType.Kind.UUID);
        }
        return kinds;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

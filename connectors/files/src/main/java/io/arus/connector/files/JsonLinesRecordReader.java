package io.arus.connector.files;

import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines in UTF-8: one object per line, members to the stream's columns by name (other members are left out),
 * blank lines skipped. A line that is not a JSON object, or a member that does not fit its column, is unreadable.
 */
final class JsonLinesRecordReader implements RecordFileReader {
    private final BufferedReader reader;
    private final Schema columns;
    private long line;
    private long number;

    JsonLinesRecordReader(InputStream in, Schema columns) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.columns = columns;
    }

    @Override
    public FileRecord next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        number++;
        Object parsed;
        try {
            parsed = JsonValues.fromJson(text);
        } catch (IllegalArgumentException e) {
            return new FileRecord(number, line, null, "not JSON: " + firstLine(e.getMessage()), text);
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            return new FileRecord(number, line, null, "not a JSON object", text);
        }
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Object v = object.get(columns.field(i).name());
            try {
                row[i] = v == null ? null : convert(v, columns.field(i).type());
            } catch (IllegalArgumentException | ArithmeticException e) {
                return new FileRecord(number, line, null, e.getMessage() + " (column " + columns.field(i).name() + ")",
                        text);
            }
        }
        return new FileRecord(number, line, row, null, null);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** A JSON value (as {@link JsonValues#read} makes it) as a value of the column's type. */
    static Object convert(Object v, LogicalType type) {
        return switch (type.kind()) {
            case STRING -> v instanceof String s ? s : v instanceof BigDecimal d ? d.toPlainString()
                    : v instanceof List<?> || v instanceof Map<?, ?> ? JsonValues.toJson(v) : v.toString();
            case JSON -> JsonValues.toJson(v);
            case ARRAY, STRUCT -> v instanceof String s ? JsonValues.fromJson(s) : v;
            case INT16 -> v instanceof Number n ? (Object) exact(n).shortValueExact() : ValueText.parse(v.toString(), type);
            case INT32 -> v instanceof Number n ? (Object) exact(n).intValueExact() : ValueText.parse(v.toString(), type);
            case INT64 -> v instanceof Number n ? (Object) exact(n).longValueExact() : ValueText.parse(v.toString(), type);
            case FLOAT32 -> v instanceof Number n ? (Object) n.floatValue() : ValueText.parse(v.toString(), type);
            case FLOAT64 -> v instanceof Number n ? (Object) n.doubleValue() : ValueText.parse(v.toString(), type);
            case DECIMAL -> v instanceof Number n ? exact(n) : ValueText.parse(v.toString(), type);
            case BOOLEAN -> v instanceof Boolean ? v : ValueText.parse(v.toString(), type);
            default -> {
                if (!(v instanceof String s)) {
                    throw new IllegalArgumentException(JsonValues.toJson(v) + " is not a " + type);
                }
                yield ValueText.parse(s, type);
            }
        };
    }

    private static BigDecimal exact(Number n) {
        return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

package io.arus.connector.clickhouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads ClickHouse's {@code TabSeparated} output: rows end with a newline, fields are separated by tabs, and
 * backslash escapes stand for tab, newline, backslash and the like; a field that is exactly {@code \N} is NULL.
 * Arus reads every answer this way because the client's typed readers fail on old servers (STACK.md).
 */
final class TabSeparated {
    private TabSeparated() {
    }

    /**
     * @param bytes a complete answer
     * @return its rows, each an array of field texts ({@code null} for NULL)
     */
    static List<String[]> parse(byte[] bytes) {
        List<String[]> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        boolean nullField = false;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\t' || b == '\n') {
                fields.add(nullField ? null : field.toString(StandardCharsets.UTF_8));
                field.reset();
                nullField = false;
                if (b == '\n') {
                    rows.add(fields.toArray(new String[0]));
                    fields.clear();
                }
            } else if (b == '\\' && i + 1 < bytes.length) {
                byte next = bytes[++i];
                if (next == 'N' && field.size() == 0 && endsField(bytes, i + 1)) {
                    nullField = true;
                } else {
                    field.write(unescape(next));
                }
            } else {
                field.write(b);
            }
        }
        if (field.size() > 0 || !fields.isEmpty()) {
            fields.add(nullField ? null : field.toString(StandardCharsets.UTF_8));
            rows.add(fields.toArray(new String[0]));
        }
        return rows;
    }

    /** @return the single field of the single row of an answer */
    static String single(byte[] bytes) {
        List<String[]> rows = parse(bytes);
        if (rows.size() != 1 || rows.get(0).length != 1) {
            throw new IllegalStateException("expected one value, got " + rows.stream().map(Arrays::toString).toList());
        }
        return rows.get(0)[0];
    }

    private static boolean endsField(byte[] bytes, int at) {
        return at >= bytes.length || bytes[at] == '\t' || bytes[at] == '\n';
    }

    private static int unescape(byte escaped) {
        return switch (escaped) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case '0' -> 0;
            default -> escaped;
        };
    }
}

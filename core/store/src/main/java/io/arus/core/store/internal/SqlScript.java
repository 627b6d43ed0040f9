package io.arus.core.store.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements. The scripts are ours, so the format is kept simple instead of parsing
 * SQL: a statement ends with a semicolon at the end of a line, and lines starting with {@code --} are comments.
 * A script must not put a semicolon at a line end inside a string literal or a function body.
 */
final class SqlScript {
    private SqlScript() {
    }

    /** @return the statements, without their semicolons, in order */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            boolean last = trimmed.endsWith(";");
            current.append(last ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append('\n');
            if (last) {
                add(statements, current);
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}

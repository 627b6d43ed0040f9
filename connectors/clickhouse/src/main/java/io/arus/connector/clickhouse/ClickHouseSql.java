package io.arus.connector.clickhouse;

/**
 * Spells names and text values into ClickHouse SQL. Names always go in backticks and text values in single quotes,
 * with backslash and the quote character escaped, so a name or value from a source can never end the quoting.
 */
final class ClickHouseSql {
    private ClickHouseSql() {
    }

    /** @return {@code `name`}, escaped */
    static String quote(String identifier) {
        return "`" + escape(identifier, '`') + "`";
    }

    /** @return {@code `namespace`.`table`} */
    static String qualify(String namespace, String table) {
        return quote(namespace) + "." + quote(table);
    }

    /** @return {@code 'text'}, escaped */
    static String literal(String text) {
        return "'" + escape(text, '\'') + "'";
    }

    private static String escape(String text, char quote) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == quote) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

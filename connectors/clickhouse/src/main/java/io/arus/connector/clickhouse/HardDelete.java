package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.literal;
import static io.arus.connector.clickhouse.ClickHouseSql.qualify;
import static io.arus.connector.clickhouse.ClickHouseSql.quote;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ALTER TABLE ... DELETE WHERE key IN (...)} mutations that remove rows from disk. ClickHouse runs
 * them in the background and rewrites every part they touch, so they are chunked and used only where tombstones
 * cannot do the job: tables without versions, or when the user asked for hard deletes. Key values are written as
 * escaped literals cast to the column's type (the oldest servers have no query parameters).
 */
final class HardDelete {
    /** Keeps each statement well under the server's default max_query_size of 256 KiB. */
    private static final int KEYS_PER_STATEMENT = 1000;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private HardDelete() {
    }

    /**
     * @param table      the table
     * @param primaryKey the key columns, in the order the keys hold their values
     * @param keys       the keys to delete
     * @return the statements, one per chunk of keys
     */
    static List<String> statements(TableInfo table, List<String> primaryKey, List<Object[]> keys) {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < primaryKey.size(); i++) {
            columns.append(i == 0 ? "" : ", ").append(quote(primaryKey.get(i)));
        }
        boolean single = primaryKey.size() == 1;
        String head = "ALTER TABLE " + qualify(table.id().namespace(), table.id().name()) + " DELETE WHERE "
                + (single ? columns : "(" + columns + ")") + " IN (";
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
            StringBuilder sql = new StringBuilder(head);
            for (int k = from; k < Math.min(keys.size(), from + KEYS_PER_STATEMENT); k++) {
                sql.append(k == from ? "" : ", ").append(single ? "" : "(");
                for (int i = 0; i < primaryKey.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append(value(keys.get(k)[i], table.columns().get(primaryKey.get(i))));
                }
                sql.append(single ? "" : ")");
            }
            statements.add(sql.append(')').toString());
        }
        return statements;
    }

    /** A key value as a SQL expression of the column's type. */
    static String value(Object value, ColumnType column) {
        ColumnType base = column.base();
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return base.name().equals("String") ? literal(value.toString()) : value.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        // DateTime (seconds) does not parse a fraction; DateTime64 does
        DateTimeFormatter timestamp = base.name().equals("DateTime") ? SECONDS : MICROS;
        String text;
        if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else if (value instanceof Instant instant) {
            text = timestamp.format(instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof LocalDateTime local) {
            text = timestamp.format(local);
        } else {
            text = String.valueOf(value);
        }
        return base.name().equals("String") ? literal(text) : "CAST(" + literal(text) + " AS " + base + ")";
    }
}

package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.qualify;
import static io.arus.connector.clickhouse.ClickHouseSql.quote;

import io.arus.api.connector.StreamId;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;

/**
 * The table Arus makes for a write request:
 * <ul>
 * <li>{@link Shape#VERSIONED} (upsert, or replace with a key): {@code ReplacingMergeTree(_arus_version)} ordered by
 * the key, with {@code _arus_version UInt64} and {@code _arus_deleted UInt8}, so that re-delivered rows and
 * tombstones collapse onto the newest version of each key;</li>
 * <li>{@link Shape#PLAIN} (append, or replace without a key): {@code MergeTree} ordered by the key, or by nothing;</li>
 * <li>{@link Shape#RAW} (the engine's raw zone: run id, extraction time, JSON document): {@code MergeTree} with a
 * daily partition, ordered by extraction time, rows expiring after the configured days.</li>
 * </ul>
 *
 * @param shape      which of the three
 * @param schema     the source columns
 * @param primaryKey the key columns, also the sorting key
 */
record TableLayout(Shape shape, Schema schema, List<String> primaryKey) {
    /** The raw zone's extraction-time column, its order and its TTL. */
    static final String EXTRACTED_AT = "_arus_extracted_at";
    /** The raw zone's document column. */
    static final String RAW_DATA = "_arus_data";

    /** The three kinds of table. */
    enum Shape { VERSIONED, PLAIN, RAW }

    /** @return the layout for a write request */
    static TableLayout of(WriteRequest request) {
        Schema schema = request.schema();
        var extractedAt = schema.indexOf(EXTRACTED_AT);
        boolean raw = request.writeMode() == WriteMode.APPEND && schema.indexOf(RAW_DATA).isPresent()
                && extractedAt.isPresent()
                && schema.field(extractedAt.getAsInt()).type().kind() == LogicalType.Kind.TIMESTAMPTZ;
        Shape shape = raw ? Shape.RAW
                : !request.primaryKey().isEmpty() && request.writeMode() != WriteMode.APPEND ? Shape.VERSIONED
                : Shape.PLAIN;
        return new TableLayout(shape, schema, request.primaryKey());
    }

    /**
     * @param table      where
     * @param server     the server's version, for column types and TTL
     * @param rawTtlDays how long raw rows live
     * @return the CREATE TABLE statement
     */
    String createSql(StreamId table, ServerVersion server, int rawTtlDays) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                .append(qualify(table.namespace(), table.name())).append(" (");
        for (int i = 0; i < schema.size(); i++) {
            Field field = schema.field(i);
            boolean key = primaryKey.contains(field.name()) || shape == Shape.RAW && field.name().equals(EXTRACTED_AT);
            sql.append(i == 0 ? "" : ", ").append(quote(field.name())).append(' ')
                    .append(ClickHouseTypes.columnType(field, key, server));
        }
        if (shape == Shape.VERSIONED) {
            sql.append(", ").append(quote(TableInfo.VERSION)).append(" UInt64, ")
                    .append(quote(TableInfo.DELETED)).append(" UInt8");
        }
        sql.append(") ENGINE = ");
        switch (shape) {
            case VERSIONED -> sql.append("ReplacingMergeTree(").append(quote(TableInfo.VERSION)).append(") ORDER BY ")
                    .append(orderBy(primaryKey));
            case PLAIN -> sql.append("MergeTree ORDER BY ").append(orderBy(primaryKey));
            case RAW -> {
                String day = "toDateTime(" + quote(EXTRACTED_AT) + ")";
                sql.append("MergeTree PARTITION BY toYYYYMMDD(").append(day).append(") ORDER BY ").append(quote(EXTRACTED_AT));
                if (server.hasTableTtl()) {
                    sql.append(" TTL ").append(day).append(" + INTERVAL ").append(rawTtlDays).append(" DAY");
                }
            }
            default -> throw new IllegalStateException(shape.name());
        }
        return sql.toString();
    }

    private static String orderBy(List<String> columns) {
        if (columns.isEmpty()) {
            return "tuple()";
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
        }
        return sql.append(')').toString();
    }
}

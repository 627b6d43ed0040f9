package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.qualify;
import static io.arus.connector.clickhouse.ClickHouseSql.quote;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts a table for the engine's quality checks, in one query. Versioned tables are read with {@code FINAL}, so
 * that every key counts once in its newest version, and without tombstones ({@code _arus_deleted = 1}): the
 * counts are what a reader of the table sees, not how many rows are stored before background merges.
 */
final class StreamProfiler {
    private final ClickHouseServer server;

    StreamProfiler(ClickHouseServer server) {
        this.server = server;
    }

    StreamProfile profile(StreamId stream, List<String> keyColumns, List<String> nullColumns, String excludeWhereSet)
            throws ConnectorException {
        TableInfo table = TableInfo.read(server, stream).orElseThrow(() -> new ConnectorException(Kind.SCHEMA,
                "no table " + stream + " to count"));
        for (String column : concat(keyColumns, nullColumns, excludeWhereSet)) {
            if (!table.columns().containsKey(column)) {
                throw new ConnectorException(Kind.SCHEMA, stream + " has no column " + column + " to count");
            }
        }
        // FINAL on a ReplacingMergeTree ordered by exactly these columns answers one row per key: the distinct count
        // is the row count, and a uniqExact over a million keys would cost as much again as the count
        boolean collapsed = !keyColumns.isEmpty() && table.engine().endsWith("ReplacingMergeTree")
                && table.sortingKey().equals(Set.copyOf(keyColumns));
        StringBuilder sql = new StringBuilder("SELECT count()");
        if (!keyColumns.isEmpty() && !collapsed) {
            sql.append(", uniqExact(");
            for (int i = 0; i < keyColumns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(quote(keyColumns.get(i)));
            }
            sql.append(')');
        }
        for (String column : nullColumns) {
            sql.append(", countIf(isNull(").append(quote(column)).append("))");
        }
        sql.append(" FROM ").append(qualify(stream.namespace(), stream.name()));
        if (table.supportsFinal()) {
            sql.append(" FINAL");
        }
        String where = table.hasTombstones() ? quote(TableInfo.DELETED) + " = 0" : "";
        if (excludeWhereSet != null) {
            where += (where.isEmpty() ? "" : " AND ") + "isNull(" + quote(excludeWhereSet) + ")";
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        String[] counts = server.query(sql.toString(), "counting " + stream).get(0);
        int at = 0;
        long rows = Long.parseLong(counts[at++]);
        long distinct = keyColumns.isEmpty() ? -1 : collapsed ? rows : Long.parseLong(counts[at++]);
        Map<String, Long> nulls = new LinkedHashMap<>();
        for (String column : nullColumns) {
            nulls.put(column, Long.parseLong(counts[at++]));
        }
        return new StreamProfile(rows, distinct, nulls);
    }

    private static List<String> concat(List<String> keys, List<String> nulls, String exclude) {
        var all = new java.util.ArrayList<>(keys);
        all.addAll(nulls);
        if (exclude != null) {
            all.add(exclude);
        }
        return all;
    }
}

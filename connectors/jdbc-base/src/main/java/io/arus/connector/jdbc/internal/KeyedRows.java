package io.arus.connector.jdbc.internal;

import io.arus.api.type.Schema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the last row per primary key. A merge statement may not touch one key twice (PostgreSQL's ON CONFLICT
 * refuses it), and the last version of a row is the one the source holds.
 */
final class KeyedRows {
    private KeyedRows() {
    }

    static List<Object[]> lastPerKey(List<Object[]> rows, Schema schema, List<String> primaryKey) {
        int[] positions = new int[primaryKey.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = schema.indexOf(primaryKey.get(i)).orElseThrow();
        }
        Map<List<Object>, Object[]> byKey = new LinkedHashMap<>(rows.size() * 2);
        for (Object[] row : rows) {
            List<Object> key = new ArrayList<>(positions.length);
            for (int position : positions) {
                Object value = row[position];
                key.add(value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value);
            }
            byKey.put(key, row);
        }
        return byKey.size() == rows.size() ? rows : new ArrayList<>(byKey.values());
    }
}

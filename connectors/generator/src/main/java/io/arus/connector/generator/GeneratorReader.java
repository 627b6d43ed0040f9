package io.arus.connector.generator;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ids {@code from..to} of one generated table in (updated_at, id) order, which is id order, resuming
 * strictly after the offset's (updated_at, id) and re-reading the look-back window before it.
 */
final class GeneratorReader implements StreamReader {
    private final RowGenerator generator;
    private final BatchLimit limit;
    private final boolean incremental;
    private final long to;
    private final int[] projection;
    private final Schema schema;
    private long next;
    private volatile boolean closed;

    GeneratorReader(RowGenerator generator, ReadRequest request, long from, long to) throws ConnectorException {
        this.generator = generator;
        this.limit = BatchLimit.of(request);
        this.incremental = request.syncMode() == SyncMode.INCREMENTAL;
        this.to = to;
        if (incremental && !"updated_at".equals(request.cursorField())) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION,
                    "the generator's cursor column is updated_at, not " + request.cursorField());
        }
        List<String> columns = request.columns().isEmpty() ? RowGenerator.SCHEMA.names() : request.columns();
        this.projection = new int[columns.size()];
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int index = RowGenerator.SCHEMA.indexOf(columns.get(i)).orElseThrow(() -> new IllegalArgumentException(
                    "the generator has no column " + request.columns()));
            projection[i] = index;
            fields.add(RowGenerator.SCHEMA.field(index));
        }
        this.schema = Schema.of(fields);
        this.next = Math.max(from, firstId(request));
    }

    private long firstId(ReadRequest request) throws ConnectorException {
        Offset offset = request.startOffset();
        if (offset == null || offset.get("id") == null) {
            return 1;
        }
        long lastId = ((Number) offset.get("id")).longValue();
        if (!incremental || offset.get("updated_at") == null) {
            return lastId + 1;
        }
        Instant cursor;
        try {
            cursor = Instant.parse(offset.get("updated_at").toString());
        } catch (DateTimeParseException e) {
            throw new ConnectorException(ConnectorException.Kind.INTERNAL, "unreadable generator offset " + offset, e);
        }
        // Keyset: rows after (cursor, lastId); with a look-back, every row whose cursor is within the window.
        long afterKey = Math.max(lastId + 1, RowGenerator.firstIdAtOrAfter(cursor));
        if (request.lookBack().isZero()) {
            return afterKey;
        }
        return Math.min(afterKey, Math.max(1, RowGenerator.firstIdAtOrAfter(cursor.minus(request.lookBack()))));
    }

    @Override
    public RecordBatch poll() {
        if (closed || next > to) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>();
        limit.reset();
        long last = next - 1;
        while (last < to && !limit.full(rows.size())) {
            Object[] full = generator.row(++last);
            Object[] row = new Object[projection.length];
            for (int i = 0; i < projection.length; i++) {
                row[i] = full[projection[i]];
            }
            rows.add(row);
            limit.add(row);
        }
        Map<String, Object> position = new LinkedHashMap<>();
        if (incremental) {
            position.put("updated_at", RowGenerator.updatedAt(last).toString());
        }
        position.put("id", last);
        next = last + 1;
        return RecordBatch.of(schema, rows, Offset.of(position));
    }

    @Override
    public void wakeup() {
        // poll never blocks
    }

    @Override
    public void close() {
        closed = true;
    }
}

package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;

/**
 * Puts a batch's row values in the writer's column order and turns {@link RecordBatch#ABSENT} into NULL (a SQL
 * column cannot tell a missing value from a null one).
 */
final class RowShape {
    private final int[] sourcePositions;

    private RowShape(int[] sourcePositions) {
        this.sourcePositions = sourcePositions;
    }

    static RowShape of(Schema batch, Schema writer) throws ConnectorException {
        for (String name : batch.names()) {
            if (writer.indexOf(name).isEmpty()) {
                throw new ConnectorException(Kind.SCHEMA, "the batch has a field " + name
                        + " the writer does not know; the engine must call evolve() first");
            }
        }
        if (batch.names().equals(writer.names())) {
            return new RowShape(null);
        }
        int[] positions = new int[writer.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = batch.indexOf(writer.field(i).name()).orElse(-1);
        }
        return new RowShape(positions);
    }

    Object[] apply(Object[] row) {
        if (sourcePositions == null) {
            Object[] copy = null;
            for (int i = 0; i < row.length; i++) {
                if (row[i] == RecordBatch.ABSENT) {
                    copy = copy == null ? row.clone() : copy;
                    copy[i] = null;
                }
            }
            return copy == null ? row : copy;
        }
        Object[] shaped = new Object[sourcePositions.length];
        for (int i = 0; i < shaped.length; i++) {
            int source = sourcePositions[i];
            Object value = source < 0 ? null : row[source];
            shaped[i] = value == RecordBatch.ABSENT ? null : value;
        }
        return shaped;
    }
}

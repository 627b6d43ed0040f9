package io.arus.api.record;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The columns of a change-capture batch ({@link io.arus.api.connector.SyncMode#CDC}). A reader in that mode returns
 * batches whose schema is the table's columns followed by {@link #OP}, {@link #POSITION} and {@link #COMMITTED_AT}
 * ({@link #schemaOf}); one row per change, in log order:
 * <ul>
 * <li>{@link #SNAPSHOT}: a row of the initial snapshot, read under the snapshot the log position starts from;</li>
 * <li>{@link #INSERT}, {@link #UPDATE}: the row after the change;</li>
 * <li>{@link #DELETE}: the key columns of the deleted row (the other columns as the log has them, else null).</li>
 * </ul>
 * Snapshot rows come first, and a batch never mixes snapshot rows with changes; right after the last snapshot row
 * the reader returns a batch without snapshot rows (empty when nothing changed yet, and before it ends in a bounded
 * read) whose offset is the position the changes start from. The engine stores no offset while the snapshot is
 * read (it lands in a staging table that a crash drops), so a reader opened without an offset starts over.
 * <p>
 * The position only grows for a given key (PostgreSQL: the LSN of the change; MySQL/MariaDB: binlog file and
 * offset), so a destination that keeps it with each row can refuse an older event for a row it holds at a newer
 * position: a re-delivery after a crash is then harmless.
 */
public final class Changes {
    /** The operation: one of {@link #SNAPSHOT}, {@link #INSERT}, {@link #UPDATE}, {@link #DELETE}. */
    public static final String OP = "_arus_op";
    /** The change's log position, a non-negative 64-bit number that grows per key; 0 for snapshot rows. */
    public static final String POSITION = "_arus_position";
    /** When the change's transaction committed at the source; null for snapshot rows. */
    public static final String COMMITTED_AT = "_arus_committed_at";

    /** A row of the initial snapshot. */
    public static final String SNAPSHOT = "snapshot";
    /** A row inserted. */
    public static final String INSERT = "insert";
    /** A row updated (the values after). */
    public static final String UPDATE = "update";
    /** A row deleted (its key). */
    public static final String DELETE = "delete";

    private static final Set<String> NAMES = Set.of(OP, POSITION, COMMITTED_AT);

    private Changes() {
    }

    /**
     * @param data the table's columns
     * @return the schema of a change batch: the table's columns, then the operation, the position and the commit time
     */
    public static Schema schemaOf(Schema data) {
        List<Field> fields = new ArrayList<>(data.fields());
        fields.add(Field.of(OP, LogicalType.STRING, false));
        fields.add(Field.of(POSITION, LogicalType.INT64, false));
        fields.add(Field.of(COMMITTED_AT, LogicalType.TIMESTAMPTZ, true));
        return Schema.of(fields);
    }

    /**
     * @param column a column name
     * @return whether it is one of the change columns
     */
    public static boolean isChangeColumn(String column) {
        return NAMES.contains(column);
    }
}

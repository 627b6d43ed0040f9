package io.arus.connector.mysql;

import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.MariadbGtidSet;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.record.Changes;
import java.io.Serializable;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns binlog events, in log order, into change rows of one table, and keeps the position the changes may resume
 * from: the end of the last transaction read completely (XID, COMMIT, or a statement outside a transaction).
 */
final class ChangeDecoder {
    private final CaptureTable table;
    private final int width;
    private final Map<Long, TableColumns> tables = new HashMap<>();
    private final GtidSet gtids;
    private final TableColumns.ColumnCheck existing;
    private String file;
    /** Read by the engine's lag probe ({@link BinlogReader#bytesBehind()}) while the reader thread moves it. */
    private volatile BinlogPosition complete;
    private String pendingGtid;
    private boolean inTransaction;
    private boolean sawBegin;

    /**
     * @param table   the captured table
     * @param start   where the stream starts (a transaction boundary)
     * @param mariaDb whether GTIDs are MariaDB's ({@code domain-server-sequence}) or MySQL's
     * @param existing whether the table has a column now, for columns of a table map the reader does not know
     */
    ChangeDecoder(CaptureTable table, BinlogPosition start, boolean mariaDb, TableColumns.ColumnCheck existing) {
        this.table = table;
        Map<String, Boolean> known = new HashMap<>();
        // asked once per column: old events of a dropped column come in every transaction until the drop
        this.existing = column -> {
            Boolean exists = known.get(column);
            if (exists == null) {
                exists = existing.exists(column);
                known.put(column, exists);
            }
            return exists;
        };
        this.width = table.columns().size();
        this.complete = start;
        this.file = start.file();
        // without a GTID state at the start, the GTIDs seen later would describe only part of the server's history
        this.gtids = start.gtid() == null ? null : mariaDb ? new MariadbGtidSet(start.gtid()) : new GtidSet(start.gtid());
    }

    /** @return the end of the last transaction read completely: resuming there loses nothing */
    BinlogPosition complete() {
        return complete;
    }

    /** @return whether a transaction is open (its changes may be partly returned already) */
    boolean inTransaction() {
        return inTransaction;
    }

    /**
     * @param event the next event of the log
     * @param out   where its changes of the captured table go, as rows of {@link Changes#schemaOf}
     * @throws ConnectorException SCHEMA when a table map of the table does not fit the reader's columns
     */
    void accept(Event event, List<Object[]> out) throws ConnectorException {
        if (!(event.getHeader() instanceof EventHeaderV4 header)) {
            return;
        }
        try {
            decode(event, header, out);
        } catch (RuntimeException e) {
            throw new ConnectorException(Kind.INTERNAL, "the binlog event at " + file + ":" + header.getPosition()
                    + " could not be turned into changes of " + table.id() + ": " + e, e);
        }
    }

    private void decode(Event event, EventHeaderV4 header, List<Object[]> out) throws ConnectorException {
        EventData data = EventDeserializer.EventDataWrapper.internal(event.getData());
        if (data == null) {
            return; // rows of another table, not decoded (CapturedRows)
        }
        switch (header.getEventType()) {
            case ROTATE -> {
                RotateEventData rotate = (RotateEventData) data;
                file = rotate.getBinlogFilename();
                // a real rotate ends a file between transactions; the one a dump starts with (position 0) only
                // names the file
                if (header.getNextPosition() > 0 && !inTransaction) {
                    complete = new BinlogPosition(file, rotate.getBinlogPosition(), gtidState());
                }
            }
            case MARIADB_GTID -> {
                MariadbGtidEventData gtid = (MariadbGtidEventData) data;
                pendingGtid = gtid.getDomainId() + "-" + header.getServerId() + "-" + gtid.getSequence();
                inTransaction = true;
                // a standalone event group (DDL) is one statement with no BEGIN and no XID
                sawBegin = (gtid.getFlags() & MariadbGtidEventData.FL_STANDALONE) == 0;
            }
            case GTID -> {
                pendingGtid = ((GtidEventData) data).getMySqlGtid().toString();
                inTransaction = true;
                sawBegin = false;
            }
            case QUERY -> {
                String sql = ((QueryEventData) data).getSql();
                if ("BEGIN".equalsIgnoreCase(sql)) {
                    inTransaction = true;
                    sawBegin = true;
                } else if ("COMMIT".equalsIgnoreCase(sql) || "ROLLBACK".equalsIgnoreCase(sql) || !sawBegin) {
                    commit(header);
                }
            }
            case XID -> commit(header);
            case TABLE_MAP -> {
                TableMapEventData map = (TableMapEventData) data;
                if (table.id().namespace().equals(map.getDatabase()) && table.id().name().equals(map.getTable())) {
                    tables.put(map.getTableId(), TableColumns.of(table, map, existing));
                } else {
                    tables.remove(map.getTableId());
                }
            }
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData rows = (WriteRowsEventData) data;
                TableColumns columns = tables.get(rows.getTableId());
                if (columns != null) {
                    int index = 0;
                    for (Serializable[] row : rows.getRows()) {
                        out.add(change(columns, rows.getIncludedColumns(), row, Changes.INSERT, header, index++));
                    }
                }
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData rows = (UpdateRowsEventData) data;
                TableColumns columns = tables.get(rows.getTableId());
                if (columns != null) {
                    int index = 0;
                    for (Map.Entry<Serializable[], Serializable[]> row : rows.getRows()) {
                        Object[] before = change(columns, rows.getIncludedColumnsBeforeUpdate(), row.getKey(),
                                Changes.DELETE, header, index);
                        Object[] after = change(columns, rows.getIncludedColumns(), row.getValue(), Changes.UPDATE,
                                header, index++);
                        if (!sameKey(before, after)) {
                            // the key changed: the row under the old key is gone, the new key's row appears
                            out.add(before);
                            after[width] = Changes.INSERT;
                        }
                        out.add(after);
                    }
                }
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData rows = (DeleteRowsEventData) data;
                TableColumns columns = tables.get(rows.getTableId());
                if (columns != null) {
                    int index = 0;
                    for (Serializable[] row : rows.getRows()) {
                        out.add(change(columns, rows.getIncludedColumns(), row, Changes.DELETE, header, index++));
                    }
                }
            }
            case TRANSACTION_PAYLOAD -> throw new ConnectorException(Kind.CONFIGURATION, "the binlog holds a"
                    + " compressed transaction at " + file + ":" + header.getPosition()
                    + "; set binlog_transaction_compression = OFF");
            case HEARTBEAT -> {
                // carries the server's position, not one of this stream
            }
            default -> {
                // format descriptions, GTID lists, checkpoints: nothing to capture, but outside a transaction the
                // position moves past them (a bounded read after a log rotation must reach the end it noted)
                if (!inTransaction && header.getNextPosition() > 0) {
                    complete = new BinlogPosition(file, header.getNextPosition(), gtidState());
                }
            }
        }
    }

    private void commit(EventHeaderV4 header) {
        if (gtids != null && pendingGtid != null) {
            gtids.add(pendingGtid);
        }
        pendingGtid = null;
        inTransaction = false;
        sawBegin = false;
        complete = new BinlogPosition(file, header.getNextPosition(), gtidState());
    }

    private String gtidState() {
        return gtids == null ? null : gtids.toString();
    }

    /**
     * One change row. Its position is the event's offset plus the row's index in the event: a row takes at least a
     * byte of the event, so positions stay below the next event's and differ for every row of the log.
     */
    private Object[] change(TableColumns columns, BitSet included, Serializable[] cells, String op,
                            EventHeaderV4 header, int index) {
        Object[] row = new Object[width + 3];
        int cell = 0;
        for (int i = included.nextSetBit(0); i >= 0; i = included.nextSetBit(i + 1)) {
            int target = i < columns.targets.length ? columns.targets[i] : -1;
            if (target >= 0) {
                row[target] = BinlogValues.convert(table.columns().get(target), columns.types[i], cells[cell]);
            }
            cell++;
        }
        row[width] = op;
        row[width + 1] = BinlogPosition.changePosition(file, header.getPosition() + index);
        row[width + 2] = Instant.ofEpochMilli(header.getTimestamp());
        return row;
    }

    private boolean sameKey(Object[] before, Object[] after) {
        for (int key : table.primaryKey()) {
            Object a = before[key];
            Object b = after[key];
            boolean same = a instanceof byte[] x && b instanceof byte[] y ? java.util.Arrays.equals(x, y)
                    : Objects.equals(a, b);
            if (!same) {
                return false;
            }
        }
        return true;
    }
}

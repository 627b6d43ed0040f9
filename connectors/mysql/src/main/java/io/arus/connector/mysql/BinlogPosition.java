package io.arus.connector.mysql;

import io.arus.api.connector.ConnectorException;
import io.arus.api.record.Offset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A place in the binlog between two transactions: the file and the offset in it, and the GTID state there when the
 * server has GTIDs (MariaDB {@code 0-1-57}, MySQL {@code uuid:1-57}). Stored as a stream offset
 * {@code {"phase":"stream","file":"arus-bin.000003","pos":1234,"gtid":"0-1-57"}}.
 *
 * @param file the binlog file name
 * @param pos  the byte offset in it
 * @param gtid the GTID state, or null
 */
record BinlogPosition(String file, long pos, String gtid) implements Comparable<BinlogPosition> {
    static final String PHASE = "phase";
    static final String STREAM = "stream";
    static final String FILE = "file";
    static final String POS = "pos";
    static final String GTID = "gtid";

    /** @return the offset that resumes here */
    Offset toOffset() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(PHASE, STREAM);
        values.put(FILE, file);
        values.put(POS, pos);
        if (gtid != null && !gtid.isEmpty()) {
            values.put(GTID, gtid);
        }
        return Offset.of(values);
    }

    /**
     * @param offset an offset this connector stored
     * @return the position it names
     * @throws ConnectorException when it is not a binlog offset (a stream switched from another sync mode)
     */
    static BinlogPosition of(Offset offset) throws ConnectorException {
        if (!STREAM.equals(offset.get(PHASE)) || !(offset.get(FILE) instanceof String file)
                || !(offset.get(POS) instanceof Number pos)) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "the stored offset " + offset.values()
                    + " is not a binlog position; reset the pipeline's state to capture changes from a new snapshot");
        }
        return new BinlogPosition(file, pos.longValue(), (String) offset.get(GTID));
    }

    /** @return the number at the end of the file name ({@code arus-bin.000003}: 3) */
    long fileIndex() {
        return fileIndex(file);
    }

    static long fileIndex(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The {@code _arus_position} of a change: the file number in the high 32 bits, the offset in the low ones. Both
     * grow along the log (offsets stay below 4 GiB: max_binlog_size is at most 1 GiB), so the number grows per key
     * until the server's binlog is reset.
     *
     * @param file   the binlog file of the event
     * @param offset the event's offset (plus the row's index within it)
     * @return the change position
     */
    static long changePosition(String file, long offset) {
        return (fileIndex(file) << 32) | (offset & 0xFFFF_FFFFL);
    }

    @Override
    public int compareTo(BinlogPosition other) {
        int byFile = Long.compare(fileIndex(), other.fileIndex());
        return byFile != 0 ? byFile : Long.compare(pos, other.pos);
    }

    BinlogPosition withGtid(String state) {
        return new BinlogPosition(file, pos, state);
    }

    @Override
    public String toString() {
        return file + ":" + pos + (gtid == null ? "" : " (GTID " + gtid + ")");
    }
}

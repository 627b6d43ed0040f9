package io.arus.connector.postgresql;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.record.Offset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Where a change-capture read resumes. Version 1, JSON-friendly:
 * <ul>
 * <li>{@code {"phase": "snapshot", "lsn": "0/16B3748", "after": ["42"]}}: reading the initial snapshot, which meets
 * the log at {@code lsn} (the slot's consistent point); {@code after} is the text of the key of the last row read
 * (absent before the first), in primary-key order;</li>
 * <li>{@code {"phase": "stream", "lsn": "0/16B3790"}}: every transaction that committed before {@code lsn} was
 * returned; streaming resumes there (the end of the last complete transaction's commit record, or a keepalive's
 * position while idle).</li>
 * </ul>
 *
 * @param snapshot whether in the snapshot phase
 * @param lsn      the consistent point (snapshot) or the position to stream from
 * @param after    the last key read in the snapshot, as text; null before the first row and in the stream phase
 */
record ChangeOffset(boolean snapshot, long lsn, List<String> after) {
    static final String PHASE = "phase";
    static final String LSN = "lsn";
    static final String AFTER = "after";

    static ChangeOffset stream(long lsn) {
        return new ChangeOffset(false, lsn, null);
    }

    Offset toOffset() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(PHASE, snapshot ? "snapshot" : "stream");
        values.put(LSN, LogSequenceNumber.valueOf(lsn).asString());
        if (after != null) {
            values.put(AFTER, after);
        }
        return Offset.of(values);
    }

    static ChangeOffset parse(Offset offset) throws ConnectorException {
        Object phase = offset.get(PHASE);
        Object lsn = offset.get(LSN);
        if (!(lsn instanceof String text) || !("snapshot".equals(phase) || "stream".equals(phase))) {
            throw new ConnectorException(Kind.CONFIGURATION, "the stored offset " + offset.values()
                    + " is not a PostgreSQL change-capture position; reset the pipeline's state to resync");
        }
        LogSequenceNumber position = LogSequenceNumber.valueOf(text);
        if (position.equals(LogSequenceNumber.INVALID_LSN) && !text.equals("0/0")) {
            throw new ConnectorException(Kind.CONFIGURATION, "the stored offset has an invalid LSN " + text);
        }
        List<String> after = null;
        if (offset.get(AFTER) instanceof List<?> values) {
            after = values.stream().map(String::valueOf).toList();
        }
        return new ChangeOffset("snapshot".equals(phase), position.asLong(), after);
    }
}

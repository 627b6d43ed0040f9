package io.arus.connector.mysql;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Deserializes the rows events of the captured table only: the others are skipped unread (their data is null). This
 * saves the decoding of every other table's rows (a server's binlog holds all of them), and keeps a row format the
 * client may misread (MariaDB's UUID, INET4, INET6) in another table out of this capture's way.
 */
final class CapturedRows implements EventDataDeserializer<EventData> {
    private final EventDataDeserializer<?> rows;
    private final Set<Long> tableIds;

    /**
     * @param rows     the client's deserializer of this rows event type
     * @param tableIds the table ids the captured table has in the current table maps (kept by the client's thread)
     */
    CapturedRows(EventDataDeserializer<?> rows, Set<Long> tableIds) {
        this.rows = rows;
        this.tableIds = tableIds;
    }

    @Override
    public EventData deserialize(ByteArrayInputStream input) throws IOException {
        // the stream is limited to this event's body, which starts with the 6-byte table id
        byte[] body = input.read(input.available());
        long tableId = 0;
        for (int i = 5; i >= 0; i--) {
            tableId = (tableId << 8) | (body[i] & 0xFF);
        }
        if (!tableIds.contains(tableId)) {
            return null;
        }
        return rows.deserialize(new ByteArrayInputStream(body));
    }
}

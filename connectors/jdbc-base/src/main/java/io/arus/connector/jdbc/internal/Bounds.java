package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.record.Offset;
import io.arus.api.type.LogicalType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/** Where a read starts (from a stored offset, moved back by the look-back window) and where it stops. */
final class Bounds {
    private static final Set<LogicalType.Kind> TEMPORAL = Set.of(LogicalType.Kind.TIMESTAMPTZ,
            LogicalType.Kind.TIMESTAMP, LogicalType.Kind.DATE);

    private Bounds() {
    }

    /**
     * @return the keyset values stored in the offset ({@code cursor} then {@code pk}), or null when the offset is
     *         absent or does not name every keyset column
     */
    static Object[] storedKey(ReadPlan plan, Offset offset) throws ConnectorException {
        if (offset == null) {
            return null;
        }
        Object[] key = new Object[plan.keyset.size()];
        int next = 0;
        if (plan.incremental()) {
            if (offset.get("cursor") == null) {
                return null;
            }
            key[next++] = OffsetValues.decode(offset.get("cursor"), plan.cursor.mapping().type());
        }
        if (next < key.length && !decodeKey(offset.get("pk"), plan.keyset.subList(next, key.length), key, next)) {
            return null;
        }
        return key;
    }

    /**
     * @return the primary key values stored in the offset of an incremental read by key ({@code pk}), or null when
     *         the read had no row yet
     */
    static Object[] storedPrimaryKey(ReadPlan plan, Offset offset) throws ConnectorException {
        Object[] key = new Object[plan.primaryKey.size()];
        return decodeKey(offset.get("pk"), plan.primaryKey, key, 0) ? key : null;
    }

    /**
     * Decodes an offset's {@code "pk"} list into {@code key}, from {@code from} on, by the types of these columns.
     *
     * @return false, having decoded nothing, when it is not a list of one value per column
     */
    private static boolean decodeKey(Object pk, List<ColumnInfo> columns, Object[] key, int from)
            throws ConnectorException {
        if (!(pk instanceof List<?> values) || values.size() != columns.size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            key[from + i] = OffsetValues.decode(values.get(i), columns.get(i).mapping().type());
        }
        return true;
    }

    /** @return the stored cursor value of an incremental offset, or null */
    static Object storedCursor(ReadPlan plan, Offset offset) throws ConnectorException {
        if (offset == null || !plan.incremental() || offset.get("cursor") == null) {
            return null;
        }
        return OffsetValues.decode(offset.get("cursor"), plan.cursor.mapping().type());
    }

    /**
     * @return the cursor value moved back by the look-back window, or null when there is no window or the cursor
     *         type has no notion of time (an integer version column)
     */
    static Object lookedBack(Object cursor, Duration lookBack) {
        if (cursor == null || lookBack.isZero() || lookBack.isNegative()) {
            return null;
        }
        if (cursor instanceof Instant instant) {
            return instant.minus(lookBack);
        }
        if (cursor instanceof LocalDateTime dateTime) {
            return dateTime.minus(lookBack);
        }
        if (cursor instanceof LocalDate date) {
            long days = (lookBack.toSeconds() + 86_399) / 86_400;
            return date.minusDays(days);
        }
        return null;
    }

    /**
     * Reads the upper bound once: the source's clock for a temporal cursor (rows committed later wait for the next
     * run), the current maximum for any other cursor.
     *
     * @return the bound, or null when the table has no cursor value at all
     */
    static Object upper(ReadPlan plan, Connection connection) throws SQLException {
        LogicalType type = plan.cursor.mapping().type();
        if (TEMPORAL.contains(type.kind())) {
            return plan.dialect.currentTime(connection, type);
        }
        String sql = "SELECT MAX(" + plan.dialect.quote(plan.cursor.name()) + ") FROM " + plan.qualifiedTable();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? plan.cursor.mapping().reader().read(rows, 1) : null;
        }
    }
}

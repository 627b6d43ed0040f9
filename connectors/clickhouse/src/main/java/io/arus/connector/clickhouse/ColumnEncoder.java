package io.arus.connector.clickhouse;

/**
 * Writes one value of one column in RowBinary, which for a flat column (not Nullable, Array or LowCardinality) is
 * also its value in a Native block. An encoder converts the Java value of any logical type its column
 * {@linkplain ColumnType#holds holds} (an Integer into an Int64 column, anything into a String column) and refuses
 * values it cannot keep with a {@link RefusedValue}.
 */
@FunctionalInterface
interface ColumnEncoder {
    /**
     * @param out   where the bytes go
     * @param value the value, {@code null} or {@link io.arus.api.record.RecordBatch#ABSENT}
     * @throws RefusedValue when the column cannot keep the value
     */
    void write(RowBinaryOutput out, Object value);
}

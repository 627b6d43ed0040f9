package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.SyncMode;
import io.arus.connector.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cuts a table into ranges of its first primary key column for parallel reads. The bounds are quantiles of a sample
 * the database orders itself, so skewed keys give ranges of about equal row counts and every range is one the
 * database's own comparison defines: {@code key < b1}, {@code b1 <= key < b2}, ..., {@code key >= bn}. Key columns
 * hold no NULL, so the ranges cover every row once. Each reader pages through its range by the whole key as usual.
 */
final class KeyRanges {
    /** Sampled values per range: enough for even quantiles, few enough to read at once. */
    private static final int SAMPLE_PER_RANGE = 2_000;
    /** The most sampled values held at once. */
    static final int MAX_SAMPLE = 100_000;
    static final String COLUMN = "column";
    static final String FROM = "from";
    static final String TO = "to";

    private KeyRanges() {
    }

    /**
     * @return the ranges, or the whole table when it has no key, is a change feed or an incremental read, holds
     *         fewer than two batches, or the database has no sample query
     */
    static List<Split> of(Dialect dialect, Connection connection, TableInfo table, ReadRequest request, int maxSplits)
            throws SQLException, ConnectorException {
        if (maxSplits < 2 || request.syncMode() != SyncMode.FULL_REFRESH || request.startOffset() != null) {
            return List.of(Split.WHOLE);
        }
        List<String> keys = request.primaryKey().isEmpty() ? table.primaryKey() : request.primaryKey();
        if (keys.isEmpty()) {
            return List.of(Split.WHOLE);
        }
        ColumnInfo column = table.column(keys.get(0)).orElseThrow(() -> new ConnectorException(Kind.CONFIGURATION,
                table.id() + " has no primary key column " + keys.get(0)));
        String qualified = dialect.qualify(table.id().namespace(), table.id().name());
        if (dialect.sampleSql(qualified, dialect.quote(column.name()), 0.5) == null) {
            return List.of(Split.WHOLE);
        }
        long rows = table.rowEstimate() > 0 ? table.rowEstimate()
                : count(connection, qualified, (long) maxSplits * request.batchSize() * 10);
        int ranges = (int) Math.min(maxSplits, rows / request.batchSize());
        if (ranges < 2) {
            return List.of(Split.WHOLE);
        }
        double fraction = Math.min(0.5, (double) ranges * SAMPLE_PER_RANGE / rows);
        String sql = dialect.sampleSql(qualified, dialect.quote(column.name()), fraction);
        if (sql == null) {
            return List.of(Split.WHOLE);
        }
        List<Object> sample = new ArrayList<>();
        // a stale estimate may make the sample far larger than asked: past the cap, every other value is dropped and
        // only every second one kept from then on, so memory stays bounded and the sample stays spread evenly
        long stride = 1;
        long seen = 0;
        dialect.prepareForStreaming(connection);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.streamResults(statement, SAMPLE_PER_RANGE);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (seen++ % stride != 0) {
                        continue;
                    }
                    sample.add(column.mapping().reader().read(result, 1));
                    if (sample.size() >= MAX_SAMPLE) {
                        thin(sample);
                        stride *= 2;
                    }
                }
            }
        }
        List<Object> bounds = new ArrayList<>();
        for (int i = 1; i < ranges && !sample.isEmpty(); i++) {
            Object bound = sample.get((int) ((long) i * sample.size() / ranges));
            if (bounds.isEmpty() || !Objects.equals(bounds.get(bounds.size() - 1), bound)) {
                bounds.add(bound);
            }
        }
        if (bounds.isEmpty()) {
            return List.of(Split.WHOLE);
        }
        List<Split> splits = new ArrayList<>(bounds.size() + 1);
        for (int i = 0; i <= bounds.size(); i++) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put(COLUMN, column.name());
            if (i > 0) {
                range.put(FROM, OffsetValues.encode(bounds.get(i - 1), column.mapping().type()));
            }
            if (i < bounds.size()) {
                range.put(TO, OffsetValues.encode(bounds.get(i), column.mapping().type()));
            }
            splits.add(new Split("key-" + (i + 1) + "-of-" + (bounds.size() + 1), range));
        }
        return splits;
    }

    /** Keeps the values at even positions. */
    static void thin(List<Object> sample) {
        int kept = 0;
        for (int i = 0; i < sample.size(); i += 2) {
            sample.set(kept++, sample.get(i));
        }
        sample.subList(kept, sample.size()).clear();
    }

    /**
     * Counts the rows of a table without statistics, up to a cap: a table past it is big enough for every range,
     * and counting it whole could take minutes.
     */
    static long count(Connection connection, String table, long cap) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM " + table
                + " LIMIT " + cap + ") arus_rows");
             ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    /**
     * A split's range as the reader binds it.
     *
     * @param column the first key column
     * @param from   the lowest value in the range (inclusive), or null for no lower bound
     * @param to     the value past the range (exclusive), or null for no upper bound
     */
    record Range(ColumnInfo column, Object from, Object to) {
        /** @return the range of a split made by {@link #of}, or null for the whole table */
        static Range of(ReadPlan plan, Split split) throws ConnectorException {
            if (split.bounds().isEmpty()) {
                return null;
            }
            Object name = split.bounds().get(COLUMN);
            if (plan.primaryKey.isEmpty() || !plan.primaryKey.get(0).name().equals(name)) {
                throw new ConnectorException(Kind.CONFIGURATION, plan.table.id() + ": split " + split.id()
                        + " ranges over " + name + ", which is not the first primary key column");
            }
            ColumnInfo column = plan.primaryKey.get(0);
            return new Range(column, OffsetValues.decode(split.bounds().get(FROM), column.mapping().type()),
                    OffsetValues.decode(split.bounds().get(TO), column.mapping().type()));
        }
    }
}

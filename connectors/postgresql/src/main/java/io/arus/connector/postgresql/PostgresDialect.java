package io.arus.connector.postgresql;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.BulkReader;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.RowLoader;
import io.arus.connector.jdbc.SqlFailures;
import io.arus.connector.jdbc.ValueBinder;
import io.arus.connector.jdbc.ValueBinders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.jdbc.PreferQueryMode;

/** PostgreSQL: double-quoted identifiers, {@code pg_catalog} queries, binary COPY, transactional DDL. */
final class PostgresDialect implements Dialect {
    private static final String PAGE_FROM = "page_from";
    private static final String PAGE_TO = "page_to";
    /** What {@code pg_export_snapshot()} answers: hex digits and dashes ({@code 00000003-0000001B-1}). */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

    private static final String SYSTEM_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_%'";

    private final RowLoader loader = new CopyLoader(this);

    @Override
    public String productName() {
        return "PostgreSQL";
    }

    @Override
    public DataSource dataSource(ConnectionSettings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {settings.host()});
        source.setPortNumbers(new int[] {settings.port()});
        source.setDatabaseName(settings.database());
        source.setUser(settings.username());
        source.setPassword(settings.password());
        source.setSslMode(settings.sslMode() == null ? "prefer" : settings.sslMode());
        source.setApplicationName("arus");
        source.setConnectTimeout(10);
        source.setLoginTimeout(15);
        source.setTcpKeepAlive(true);
        // Keyset pages are short queries: prepare them on the server from the first execution so that rows come
        // back in the binary format (numeric and timestamp parsing from text was the read path's main cost).
        source.setPrepareThreshold(-1);
        source.setBinaryTransfer(true);
        // the driver's binary timetz reading shifts the value to the JVM's zone; text keeps the server's spelling
        source.setBinaryTransferDisable("1266");
        return source;
    }

    /**
     * @param settings where and as whom to connect
     * @return connections in logical replication mode (a walsender bound to the database), for change capture; the
     *         replication protocol takes only simple queries
     */
    DataSource replicationDataSource(ConnectionSettings settings) {
        PGSimpleDataSource source = (PGSimpleDataSource) dataSource(settings);
        source.setReplication("database");
        source.setAssumeMinServerVersion("10");
        source.setPreferQueryMode(PreferQueryMode.SIMPLE);
        source.setApplicationName("arus-cdc");
        return source;
    }

    @Override
    public String describeServer(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SHOW server_version");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return "PostgreSQL " + rows.getString(1).split(" ")[0];
        }
    }

    @Override
    public char quoteChar() {
        return '"';
    }

    @Override
    public int maxIdentifierLength() {
        return 63;
    }

    @Override
    public String defaultNamespaceSql() {
        return "SELECT current_schema()";
    }

    @Override
    public String columnsSql(Connection connection, boolean oneTable) {
        // domains are reported as their base type so that they map like it
        return "SELECT n.nspname, c.relname, CASE WHEN c.relkind IN ('v', 'm') THEN 'VIEW' ELSE 'TABLE' END,"
                + " a.attname,"
                + " CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod)"
                + " ELSE format_type(a.atttypid, a.atttypmod) END,"
                + " NOT a.attnotnull"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND NOT c.relispartition AND " + SYSTEM_SCHEMAS
                + (oneTable ? " AND n.nspname = ? AND c.relname = ?" : "")
                + " ORDER BY n.nspname, c.relname, a.attnum";
    }

    @Override
    public String primaryKeysSql(boolean oneTable) {
        return "SELECT n.nspname, c.relname, a.attname FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
                + " WHERE i.indisprimary AND " + SYSTEM_SCHEMAS
                + (oneTable ? " AND n.nspname = ? AND c.relname = ?" : "")
                + " ORDER BY n.nspname, c.relname, k.position";
    }

    @Override
    public String rowEstimatesSql() {
        // reltuples is -1 until the table was first vacuumed or analyzed (PostgreSQL 14+), 0 before that
        return "SELECT n.nspname, c.relname, c.reltuples::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'm') AND " + SYSTEM_SCHEMAS;
    }

    @Override
    public ColumnMapping readMapping(NativeType type) {
        return PostgresTypes.read(type);
    }

    @Override
    public String writeType(Field field, boolean keyColumn) {
        return PostgresTypes.write(field);
    }

    @Override
    public ValueBinder binder(LogicalType type) {
        return switch (type.kind()) {
            case UUID -> (s, i, v) -> s.setObject(i, v, Types.OTHER);
            case JSON, STRUCT -> (s, i, v) -> s.setObject(i, v == null ? null : v instanceof String text ? text
                    : io.arus.connector.jdbc.JsonText.write(v), Types.OTHER);
            default -> ValueBinders.forType(type);
        };
    }

    @Override
    public BulkReader bulkReader(List<NativeType> columns) {
        return CopyPageReader.of(columns);
    }

    @Override
    public void prepareForStreaming(Connection connection) throws SQLException {
        // the driver only honours a fetch size inside a transaction; otherwise it loads the whole result
        connection.setAutoCommit(false);
    }

    @Override
    public String sampleSql(String table, String column, double fraction) {
        // SYSTEM reads the sampled pages only (BERNOULLI scans the whole table for its rows); a small table, where
        // the sample is 5% or more, is sampled by row: its scan is short, and whole pages of neighbouring keys
        // moved its quantiles by pages (a quarter range of a 40,000-row table came out at 15,778 rows)
        String method = fraction >= 0.05 ? "BERNOULLI" : "SYSTEM";
        return "SELECT " + column + " FROM " + table + " TABLESAMPLE " + method + " ("
                + String.format(Locale.ROOT, "%.6f", fraction * 100) + ") ORDER BY " + column;
    }

    /**
     * Ranges of ctid pages, {@code ctid >= '(a,0)' AND ctid < '(b,0)'}, which PostgreSQL 14 and later read with a TID
     * range scan (only the range's pages); older servers would scan the whole table for every range, so they get
     * none. The snapshot is exported by a REPEATABLE READ transaction on {@code connection}.
     */
    @Override
    public List<Map<String, Object>> pageRanges(Connection connection, String table, int ranges) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() < 14) {
            return List.of();
        }
        connection.commit(); // the snapshot's transaction must begin with the isolation below
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        long pages;
        String snapshot;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_export_snapshot(),"
                + " pg_relation_size(?::regclass) / current_setting('block_size')::int")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                snapshot = result.getString(1);
                pages = result.getLong(2);
            }
        }
        // the table's pages as the snapshot began: rows added later lie past them, and the snapshot does not see them
        int count = (int) Math.min(ranges, pages);
        if (count < 2) {
            connection.rollback();
            return List.of();
        }
        List<Map<String, Object>> cut = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> range = new LinkedHashMap<>();
            if (i > 0) {
                range.put(PAGE_FROM, pages * i / count);
            }
            if (i < count - 1) {
                range.put(PAGE_TO, pages * (i + 1) / count);
            }
            range.put(SNAPSHOT, snapshot);
            cut.add(range);
        }
        return cut;
    }

    @Override
    public String beginPageRange(Connection connection, Map<String, Object> bounds) throws SQLException {
        Object snapshot = bounds.get(SNAPSHOT);
        if (snapshot == null || !SNAPSHOT_ID.matcher(snapshot.toString()).matches()) {
            throw new SQLException("a page range without a valid snapshot: " + bounds);
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
            // the first statement of the reader's transaction: from here on it sees what the exporter saw
            statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        }
        List<String> conditions = new ArrayList<>(2);
        if (bounds.get(PAGE_FROM) != null) {
            conditions.add("ctid >= '(" + page(bounds.get(PAGE_FROM)) + ",0)'::tid");
        }
        if (bounds.get(PAGE_TO) != null) {
            conditions.add("ctid < '(" + page(bounds.get(PAGE_TO)) + ",0)'::tid");
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    private static long page(Object bound) throws SQLException {
        if (bound instanceof Number number && number.longValue() >= 0) {
            return number.longValue();
        }
        throw new SQLException("a page range bound is not a page number: " + bound);
    }

    @Override
    public Object currentTime(Connection connection, LogicalType cursorType) throws SQLException {
        String sql = switch (cursorType.kind()) {
            case DATE -> "SELECT CURRENT_DATE";
            case TIMESTAMP -> "SELECT CAST(clock_timestamp() AS timestamp)";
            default -> "SELECT clock_timestamp()";
        };
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return switch (cursorType.kind()) {
                case DATE -> rows.getObject(1, LocalDate.class);
                case TIMESTAMP -> rows.getObject(1, LocalDateTime.class);
                default -> rows.getObject(1, OffsetDateTime.class).toInstant();
            };
        }
    }

    @Override
    public String createNamespaceSql(String namespace) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(namespace);
    }

    @Override
    public RowLoader loader() {
        return loader;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public List<String> swapSql(String namespace, String table, String staging) {
        // one transaction: readers keep the old table until commit and then resolve the name to the new one
        return List.of("DROP TABLE " + qualify(namespace, table),
                "ALTER TABLE " + qualify(namespace, staging) + " RENAME TO " + quote(table),
                "ALTER INDEX IF EXISTS " + qualify(namespace, primaryKeyName(staging)) + " RENAME TO "
                        + quote(primaryKeyName(table)));
    }

    /**
     * A staging table's commits return before their WAL reaches the disk: the swap's own commit waits for the WAL
     * up to it, so it makes every load before it durable, and a crash before it only loses rows of a run that
     * starts over anyway.
     */
    @Override
    public List<String> stagingSessionSql() {
        return List.of("SET synchronous_commit = off");
    }

    /** A 1,000,000-row COPY into a table with its key took 1.1 s; without it 0.46 s, and the key then 0.25 s. */
    @Override
    public boolean buildsKeyAfterLoad() {
        return true;
    }

    @Override
    public List<String> durableSessionSql() {
        return List.of("RESET synchronous_commit");
    }

    @Override
    public String alterColumnTypeSql(String namespace, String table, String column, String nativeType,
                                     boolean nullable) {
        return "ALTER TABLE " + qualify(namespace, table) + " ALTER COLUMN " + quote(column) + " TYPE " + nativeType;
    }

    @Override
    public boolean isUnknownDatabase(SQLException e) {
        return "3D000".equals(SqlFailures.sqlState(e));
    }
}

package io.arus.connector.mysql;

import io.arus.api.config.ConfigException;
import io.arus.api.connector.ConnectorException;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.JsonText;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.RowLoader;
import io.arus.connector.jdbc.SqlFailures;
import io.arus.connector.jdbc.ValueBinder;
import io.arus.connector.jdbc.ValueBinders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * MySQL and MariaDB through the MariaDB driver: backtick identifiers, {@code information_schema} queries, multi-row
 * INSERT, sessions in UTC and strict SQL mode (so a too-long value is refused, never silently truncated).
 */
final class MySqlDialect implements Dialect {
    private static final String SYSTEM_SCHEMAS = "('mysql', 'information_schema', 'performance_schema', 'sys')";
    /** The connector's TLS modes to the driver's sslMode values. */
    private static final Map<String, String> SSL_MODES = Map.of("disable", "disable", "require", "trust",
            "verify-ca", "verify-ca", "verify-full", "verify-full");

    private final RowLoader loader = new MySqlLoader(this);

    @Override
    public String productName() {
        return "MySQL/MariaDB";
    }

    @Override
    public DataSource dataSource(ConnectionSettings settings) throws ConfigException {
        String sslMode = SSL_MODES.get(settings.sslMode() == null ? "disable" : settings.sslMode());
        if (sslMode == null) {
            throw new ConfigException(ConnectionSettings.SSL_MODE, "must be one of " + SSL_MODES.keySet());
        }
        String url = "jdbc:mariadb://" + settings.address() + "/"
                + URLEncoder.encode(settings.database(), StandardCharsets.UTF_8)
                + "?sslMode=" + sslMode + "&connectTimeout=10000&tcpKeepAlive=true";
        try {
            MariaDbDataSource source = new MariaDbDataSource(url);
            source.setUser(settings.username());
            source.setPassword(settings.password());
            return source;
        } catch (SQLException e) {
            throw new ConfigException(ConnectionSettings.HOST, "cannot be used: " + e.getMessage());
        }
    }

    @Override
    public void initSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // UTC: TIMESTAMP values are exchanged as UTC wall-clock readings, whatever the server's or JVM's zone.
            // Strict mode: a too-long or invalid value fails instead of being truncated with a warning.
            // A long net_write_timeout: a streaming read may wait while the engine writes.
            statement.execute("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION',"
                    + " net_write_timeout = 600, explicit_defaults_for_timestamp = 1");
        }
    }

    @Override
    public String describeServer(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT VERSION()");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            String version = rows.getString(1);
            String number = version.split("-")[0];
            return (version.contains("MariaDB") ? "MariaDB " : "MySQL ") + number;
        }
    }

    @Override
    public char quoteChar() {
        return '`';
    }

    @Override
    public int maxIdentifierLength() {
        return 64;
    }

    @Override
    public String defaultNamespaceSql() {
        return "SELECT DATABASE()";
    }

    @Override
    public String columnsSql(Connection connection, boolean oneTable) throws SQLException {
        boolean mariaDb = connection.getMetaData().getDatabaseProductVersion().contains("MariaDB")
                || "MariaDB".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        // MariaDB stores JSON as longtext with a json_valid() check named after the column
        String type = mariaDb ? "CASE WHEN c.DATA_TYPE = 'longtext' AND EXISTS (SELECT 1 FROM"
                + " information_schema.CHECK_CONSTRAINTS k WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA"
                + " AND k.TABLE_NAME = c.TABLE_NAME AND k.CHECK_CLAUSE = CONCAT('json_valid(`', c.COLUMN_NAME, '`)'))"
                + " THEN 'json' ELSE c.COLUMN_TYPE END" : "c.COLUMN_TYPE";
        return "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, CASE t.TABLE_TYPE WHEN 'VIEW' THEN 'VIEW' ELSE 'TABLE' END,"
                + " c.COLUMN_NAME, " + type + ", c.IS_NULLABLE = 'YES'"
                + " FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
                + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                + " WHERE c.TABLE_SCHEMA NOT IN " + SYSTEM_SCHEMAS
                + (oneTable ? " AND c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?" : "")
                + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION";
    }

    @Override
    public String primaryKeysSql(boolean oneTable) {
        return "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE INDEX_NAME = 'PRIMARY' AND TABLE_SCHEMA NOT IN " + SYSTEM_SCHEMAS
                + (oneTable ? " AND TABLE_SCHEMA = ? AND TABLE_NAME = ?" : "")
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, SEQ_IN_INDEX";
    }

    @Override
    public String rowEstimatesSql() {
        return "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN " + SYSTEM_SCHEMAS;
    }

    @Override
    public ColumnMapping readMapping(NativeType type) {
        return MySqlTypes.read(type);
    }

    @Override
    public String writeType(Field field, boolean keyColumn) {
        return MySqlTypes.write(field, keyColumn);
    }

    @Override
    public ValueBinder binder(LogicalType type) {
        return switch (type.kind()) {
            case TIMESTAMPTZ -> (s, i, v) -> s.setObject(i,
                    v == null ? null : LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC), Types.TIMESTAMP);
            case JSON, ARRAY, STRUCT -> (s, i, v) -> s.setString(i, v == null ? null
                    : v instanceof String text ? text : JsonText.write(v));
            default -> ValueBinders.forType(type);
        };
    }

    @Override
    public boolean indexesRowValueComparison() {
        // MariaDB does not turn (a, b) > (?, ?) into an index range; the expanded form it does
        return false;
    }

    @Override
    public String sampleSql(String table, String column, double fraction) {
        // no TABLESAMPLE here: the key index is read once and about that share of its values kept
        return "SELECT " + column + " FROM " + table + " WHERE RAND() < "
                + String.format(Locale.ROOT, "%.8f", fraction) + " ORDER BY " + column;
    }

    @Override
    public Object currentTime(Connection connection, LogicalType cursorType) throws SQLException {
        if (cursorType.kind() == LogicalType.Kind.TIMESTAMPTZ) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT UTC_TIMESTAMP(6)");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
            }
        }
        // DATETIME and DATE hold the writers' wall clock, which is the server's own zone far more often than UTC
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = @@global.time_zone");
            try (ResultSet rows = statement.executeQuery("SELECT NOW(6), CURRENT_DATE")) {
                rows.next();
                return cursorType.kind() == LogicalType.Kind.DATE ? rows.getObject(2, LocalDate.class)
                        : rows.getObject(1, LocalDateTime.class);
            } finally {
                statement.execute("SET time_zone = '+00:00'");
            }
        }
    }

    @Override
    public String createNamespaceSql(String namespace) {
        return "CREATE DATABASE IF NOT EXISTS " + quote(namespace) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    }

    @Override
    public String tableOptions() {
        // binary collation: keys 'a' and 'A' stay two rows, as in the source
        return " DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin";
    }

    @Override
    public RowLoader loader() {
        return loader;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public List<String> swapSql(String namespace, String table, String staging) {
        String old = table.length() > maxIdentifierLength() - 10
                ? table.substring(0, maxIdentifierLength() - 10) + "__arus_old" : table + "__arus_old";
        // RENAME TABLE of several pairs is atomic: no reader ever finds the name missing
        return List.of("DROP TABLE IF EXISTS " + qualify(namespace, old),
                "RENAME TABLE " + qualify(namespace, table) + " TO " + qualify(namespace, old) + ", "
                        + qualify(namespace, staging) + " TO " + qualify(namespace, table),
                "DROP TABLE " + qualify(namespace, old));
    }

    @Override
    public String alterColumnTypeSql(String namespace, String table, String column, String nativeType,
                                     boolean nullable) {
        return "ALTER TABLE " + qualify(namespace, table) + " MODIFY COLUMN " + quote(column) + " " + nativeType
                + (nullable ? " NULL" : " NOT NULL");
    }

    @Override
    public ConnectorException.Kind classify(SQLException e) {
        // lock wait timeout and "server has gone away" carry the generic state HY000
        return switch (e.getErrorCode()) {
            case 1205, 2006, 2013 -> ConnectorException.Kind.CONNECTION;
            default -> SqlFailures.kindOf(e);
        };
    }

    @Override
    public boolean isUnknownDatabase(SQLException e) {
        return e.getErrorCode() == 1049;
    }
}

package io.arus.connector.mysql;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamId;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.NativeType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table a binlog reader captures, as the catalog describes it at open: its columns with the same type mapping
 * the full-refresh reader uses (so both give the same Java values), their character sets (the binlog carries text as
 * bytes), and the primary key.
 *
 * @param id         the table
 * @param columns    the columns in table order
 * @param primaryKey the key columns' positions among {@code columns}, in key order
 */
record CaptureTable(StreamId id, List<Column> columns, int[] primaryKey) {
    /**
     * MariaDB's fixed-size binary types: their binlog cells have no length prefix, which the binlog client expects
     * for the type code they carry (STRING), so the rest of the row would be misread.
     */
    static final java.util.Set<String> UNREADABLE = java.util.Set.of("uuid", "inet4", "inet6");

    /**
     * One column.
     *
     * @param name     its name
     * @param type     its native type
     * @param nullable whether it accepts NULL
     * @param mapping  its logical type and JDBC reader
     * @param charset  how its text is encoded, or null for binary and non-text columns
     */
    record Column(String name, NativeType type, boolean nullable, ColumnMapping mapping, Charset charset) {
        Field field() {
            return new Field(name, mapping.type(), nullable, type.text());
        }
    }

    /** @return the table's columns as a schema */
    Schema schema() {
        List<Field> fields = new ArrayList<>(columns.size());
        columns.forEach(column -> fields.add(column.field()));
        return Schema.of(fields);
    }

    /** @return the position of a column, or -1 */
    int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads a table through the dialect's catalog queries.
     *
     * @throws ConnectorException SCHEMA when the table does not exist, CONFIGURATION when it has no primary key
     */
    static CaptureTable load(MySqlDialect dialect, Connection connection, StreamId id)
            throws SQLException, ConnectorException {
        Map<String, Charset> charsets = charsets(connection, id);
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.columnsSql(connection, true))) {
            statement.setString(1, id.namespace());
            statement.setString(2, id.name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if ("VIEW".equalsIgnoreCase(rows.getString(3))) {
                        throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, id
                                + " is a view: change capture reads tables (the binlog has no rows for views)");
                    }
                    NativeType type = NativeType.parse(rows.getString(5));
                    String name = rows.getString(4);
                    columns.add(new Column(name, type, rows.getBoolean(6), dialect.readMapping(type),
                            charsets.get(name)));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.SCHEMA, "table " + id + " does not exist");
        }
        List<Integer> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.primaryKeysSql(true))) {
            statement.setString(1, id.namespace());
            statement.setString(2, id.name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(3);
                    for (int i = 0; i < columns.size(); i++) {
                        if (columns.get(i).name().equals(name)) {
                            key.add(i);
                        }
                    }
                }
            }
        }
        for (Column column : columns) {
            if (UNREADABLE.contains(column.type().name())) {
                throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, id + ": column " + column.name()
                        + " is of MariaDB's type " + column.type().name() + ", which the binlog holds as 16 raw"
                        + " bytes the binlog client misreads; change capture cannot take this table (store it as"
                        + " CHAR(36) or BINARY(16), or sync the table incrementally)");
            }
        }
        if (key.isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, id + " has no primary key: change"
                    + " capture applies each change by key and could not tell which row an update or delete is"
                    + " about; add a primary key or sync the table by full refresh");
        }
        return new CaptureTable(id, List.copyOf(columns), key.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Map<String, Charset> charsets(Connection connection, StreamId id) throws SQLException {
        Map<String, Charset> charsets = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT COLUMN_NAME, CHARACTER_SET_NAME"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, id.namespace());
            statement.setString(2, id.name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Charset charset = javaCharset(rows.getString(2));
                    if (charset != null) {
                        charsets.put(rows.getString(1), charset);
                    }
                }
            }
        }
        return charsets;
    }

    /**
     * @param mysqlName a MySQL character set name
     * @return the Java charset of the same bytes, or null for {@code binary} and non-text columns
     */
    static Charset javaCharset(String mysqlName) {
        if (mysqlName == null || mysqlName.equalsIgnoreCase("binary")) {
            return null;
        }
        return switch (mysqlName.toLowerCase(Locale.ROOT)) {
            case "utf8", "utf8mb3", "utf8mb4" -> StandardCharsets.UTF_8;
            // MySQL's latin1 is Windows code page 1252, not ISO 8859-1
            case "latin1" -> Charset.forName("windows-1252");
            case "ascii" -> StandardCharsets.US_ASCII;
            case "ucs2", "utf16" -> StandardCharsets.UTF_16BE;
            case "utf16le" -> StandardCharsets.UTF_16LE;
            case "utf32" -> Charset.forName("UTF-32BE");
            case "sjis" -> Charset.forName("Shift_JIS");
            case "ujis" -> Charset.forName("EUC-JP");
            case "euckr" -> Charset.forName("EUC-KR");
            case "gbk" -> Charset.forName("GBK");
            case "gb2312" -> Charset.forName("GB2312");
            case "big5" -> Charset.forName("Big5");
            case "cp932" -> Charset.forName("windows-31j");
            case "koi8r" -> Charset.forName("KOI8-R");
            case "greek" -> Charset.forName("ISO-8859-7");
            case "hebrew" -> Charset.forName("ISO-8859-8");
            case "latin2" -> Charset.forName("ISO-8859-2");
            default -> Charset.isSupported(mysqlName) ? Charset.forName(mysqlName) : StandardCharsets.UTF_8;
        };
    }
}

package io.arus.connector.jdbc;

import io.arus.api.config.ConfigException;
import io.arus.api.connector.ConnectorException;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What one SQL database does differently: quoting, the type mapping in both directions, connecting, the catalog
 * queries, the clock, the bulk-load strategy and DDL details. Everything else (keyset paging, offsets, discovery,
 * batching, write modes, error classification) lives once in this bundle. Implementations are stateless and
 * thread-safe.
 */
@ConsumerType
public interface Dialect {
    /** @return the database's name as users know it, e.g. {@code "PostgreSQL"} */
    String productName();

    // ---------------------------------------------------------------- connecting

    /**
     * @param settings host, port, database, user, password and TLS mode from the connector's configuration
     * @return a DataSource that opens a new physical connection per {@code getConnection()} (the session owns
     *         connection lifetimes); instantiate the driver's own DataSource class, never DriverManager
     * @throws ConfigException when a value cannot be used by this driver
     */
    DataSource dataSource(ConnectionSettings settings) throws ConfigException;

    /**
     * Prepares every new connection (time zone, SQL mode). The default does nothing.
     *
     * @param connection a new connection
     * @throws SQLException when a setting is refused
     */
    default void initSession(Connection connection) throws SQLException {
    }

    /**
     * @param connection an open connection
     * @return the product and version, e.g. {@code "PostgreSQL 15.19"} or {@code "MariaDB 10.11.6"}
     * @throws SQLException when the version query fails
     */
    String describeServer(Connection connection) throws SQLException;

    // ---------------------------------------------------------------- identifiers

    /** @return the identifier quote character: {@code "} or {@code `} */
    char quoteChar();

    /**
     * @param identifier a schema, table or column name exactly as the database spells it
     * @return it quoted, embedded quote characters doubled
     */
    default String quote(String identifier) {
        String q = String.valueOf(quoteChar());
        return q + identifier.replace(q, q + q) + q;
    }

    /**
     * @param namespace a schema or database
     * @param name      a table
     * @return {@code "namespace"."name"}
     */
    default String qualify(String namespace, String name) {
        return quote(namespace) + "." + quote(name);
    }

    /** @return the longest identifier in characters (63 in PostgreSQL, 64 in MySQL) */
    int maxIdentifierLength();

    /**
     * @param table a table name
     * @return the name Arus gives the table's primary-key constraint: {@code <table>_pkey}, the table part shortened
     *         to fit {@link #maxIdentifierLength()} (known in advance, so that a swap can rename it)
     */
    default String primaryKeyName(String table) {
        String suffix = "_pkey";
        int keep = Math.min(table.length(), maxIdentifierLength() - suffix.length());
        return table.substring(0, keep) + suffix;
    }

    // ---------------------------------------------------------------- catalog

    /** @return a query answering the session's default schema/database in its first column */
    String defaultNamespaceSql();

    /**
     * @param connection an open connection (to choose between server flavours)
     * @param oneTable   whether the query filters one table, with parameters (namespace, table)
     * @return a query answering (namespace, table, kind {@code TABLE}/{@code VIEW}, column, native type, nullable
     *         boolean) for every column of every non-system table and view, ordered by namespace, table and column
     *         position
     * @throws SQLException when the server cannot be asked
     */
    String columnsSql(Connection connection, boolean oneTable) throws SQLException;

    /**
     * @param oneTable whether the query filters one table, with parameters (namespace, table)
     * @return a query answering (namespace, table, column) of every primary-key column, in key order
     */
    String primaryKeysSql(boolean oneTable);

    /** @return a query answering (namespace, table, estimated rows or null/negative when unknown) */
    String rowEstimatesSql();

    // ---------------------------------------------------------------- types

    /**
     * @param type a native type as the catalog query spells it
     * @return how to read it; an unknown type reads as STRING (its text form)
     */
    ColumnMapping readMapping(NativeType type);

    /**
     * @param field     a field to store
     * @param keyColumn whether it is part of the primary key (some databases cannot index unbounded text)
     * @return the native DDL type, spelled as the catalog query answers it
     */
    String writeType(Field field, boolean keyColumn);

    /**
     * @param type a logical type
     * @return how to bind a value of it as a parameter
     */
    default ValueBinder binder(LogicalType type) {
        return ValueBinders.forType(type);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Prepares a reader's connection for streaming (PostgreSQL needs auto-commit off for a fetch size to stream).
     * The default does nothing.
     *
     * @param connection the reader's connection
     * @throws SQLException when refused
     */
    default void prepareForStreaming(Connection connection) throws SQLException {
    }

    /**
     * Makes a query stream its rows instead of loading them all. The default sets the fetch size.
     *
     * @param statement a reader's statement
     * @param batchSize the rows a batch holds
     * @throws SQLException when refused
     */
    default void streamResults(Statement statement, int batchSize) throws SQLException {
        statement.setFetchSize(Math.min(batchSize, 10_000));
    }

    /**
     * @return whether {@code (a, b) > (?, ?)} uses an index on (a, b); when false, keyset predicates are expanded
     *         into {@code a >= ? AND (a > ? OR b > ?)} form
     */
    default boolean indexesRowValueComparison() {
        return true;
    }

    /**
     * A sample of one column's values, for cutting a table into key ranges of about equal size (split reads).
     *
     * @param table    the qualified, quoted table
     * @param column   the quoted column (the first primary key column)
     * @param fraction the share of rows wanted, above 0 and below 1
     * @return a query answering about that share of the column's values in the column's order (the database's own,
     *         so that ranges cut at them are the database's ranges), or {@code null} (the default) when the
     *         database has no cheap sample: then every stream is read by one reader
     */
    default String sampleSql(String table, String column, double fraction) {
        return null;
    }

    /**
     * Cuts a table without a key into ranges of its storage pages, for reading it with several readers (PostgreSQL:
     * ctid ranges). The ranges must cover every row once and be read on one snapshot, or a row moved by an update
     * during the read could be read twice or not at all: a dialect exports its snapshot on {@code connection} and
     * puts its id in every range under {@link #SNAPSHOT}; the caller then keeps that connection open, its
     * transaction untouched, until every range's reader has begun ({@link #beginPageRange}).
     *
     * @param connection a connection of its own, auto-commit off
     * @param table      the qualified, quoted table
     * @param ranges     the ranges wanted, 2 or more
     * @return the ranges' bounds, or an empty list (the default) when the database cannot cut this table so: then it
     *         is read by one reader
     * @throws SQLException when the database refuses
     */
    default List<Map<String, Object>> pageRanges(Connection connection, String table, int ranges) throws SQLException {
        return List.of();
    }

    /** The key of a page range's exported snapshot in its bounds ({@link #pageRanges}). */
    String SNAPSHOT = "snapshot";

    /**
     * Begins a page range's read on its connection (auto-commit off): joins the range's snapshot.
     *
     * @param connection the reader's connection, before its first query
     * @param bounds     one range of {@link #pageRanges}
     * @return the condition selecting the range's rows, for the reader's {@code WHERE}
     * @throws SQLException when the snapshot is gone (its exporting transaction ended) or the database refuses
     */
    default String beginPageRange(Connection connection, Map<String, Object> bounds) throws SQLException {
        throw new SQLException("this database has no page ranges");
    }

    /**
     * Reads the source's clock once, as the upper bound of an incremental read.
     *
     * @param connection an open connection
     * @param cursorType the cursor column's logical type: TIMESTAMPTZ, TIMESTAMP or DATE
     * @return the current time as a value of that type ({@link java.time.Instant}, {@link java.time.LocalDateTime},
     *         {@link java.time.LocalDate})
     * @throws SQLException when the query fails
     */
    Object currentTime(Connection connection, LogicalType cursorType) throws SQLException;

    /**
     * @param columns the native types of the columns a keyset reader selects, in select order
     * @return a faster reader of keyset pages of such columns, or {@code null} (the default) to read them through
     *         JDBC result sets; a dialect answers {@code null} for columns it cannot decode itself
     */
    default BulkReader bulkReader(List<NativeType> columns) {
        return null;
    }

    // ---------------------------------------------------------------- writing

    /**
     * @param namespace a schema or database
     * @return DDL creating it when missing
     */
    String createNamespaceSql(String namespace);

    /** @return the bulk-load strategy */
    RowLoader loader();

    /**
     * @return what follows the column list of a CREATE TABLE, e.g. a character set and a binary collation so that
     *         keys compare like the source's; empty by default
     */
    default String tableOptions() {
        return "";
    }

    /** @return whether DDL takes part in transactions (PostgreSQL yes, MySQL no) */
    boolean transactionalDdl();

    /**
     * @param namespace the namespace of both tables
     * @param table     the live table
     * @param staging   the fully written staging table
     * @return the statements that make the staging table the live one atomically and drop the old one; run in one
     *         transaction where DDL is transactional
     */
    List<String> swapSql(String namespace, String table, String staging);

    /**
     * Settings for a connection that loads a REPLACE's staging table. A run that does not complete drops that table
     * and starts over, so its loads need not wait for the disk at each commit; {@link #durableSessionSql()} undoes
     * them before the swap, whose commit then makes every load before it durable. The default changes nothing.
     *
     * @return statements run once on such a connection
     */
    default List<String> stagingSessionSql() {
        return List.of();
    }

    /**
     * Whether a REPLACE whose keys the source promises unique ({@link io.arus.api.connector.WriteRequest#uniqueKeys})
     * loads its staging table without the key constraint and adds it before the swap: one sorted index build instead
     * of an index insert per row. False by default (InnoDB tables are clustered by their key: adding it rebuilds the
     * table).
     */
    default boolean buildsKeyAfterLoad() {
        return false;
    }

    /** @return statements that undo {@link #stagingSessionSql()} on a connection, before it swaps; none by default */
    default List<String> durableSessionSql() {
        return List.of();
    }

    /**
     * @param namespace  the table's namespace
     * @param table      the table
     * @param column     the column
     * @param nativeType its new, wider type
     * @param nullable   whether it accepts NULL
     * @return DDL changing the column's type in place
     */
    String alterColumnTypeSql(String namespace, String table, String column, String nativeType, boolean nullable);

    // ---------------------------------------------------------------- errors

    /**
     * @param e a driver exception
     * @return its kind; the default classifies by SQLState class ({@link SqlFailures#kindOf})
     */
    default ConnectorException.Kind classify(SQLException e) {
        return SqlFailures.kindOf(e);
    }

    /**
     * @param e a failure to connect
     * @return whether it says the configured database does not exist
     */
    default boolean isUnknownDatabase(SQLException e) {
        return false;
    }

}

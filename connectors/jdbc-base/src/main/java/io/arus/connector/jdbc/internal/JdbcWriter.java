package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.LoadTarget;
import io.arus.connector.jdbc.SqlFailures;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one stream into one table. Rows are buffered until {@link #flush()}, which loads them through the
 * dialect's {@link io.arus.connector.jdbc.RowLoader} and commits in one transaction; any failure rolls the whole
 * flush back, so a refused row leaves nothing of its batch behind and the engine can bisect the batch. In REPLACE
 * mode it opens {@linkplain #lane() lanes} into its staging table, each over a connection of its own.
 */
final class JdbcWriter implements StreamWriter {
    /** Opens a connection to the destination, prepared like every other. */
    interface Opener {
        Connection open() throws ConnectorException;
    }

    private final Dialect dialect;
    private final Catalog catalog;
    private final TableDdl ddl;
    private final Connection connection;
    private final Runnable onClose;
    /** Opens the connections of lanes; null on a lane. */
    private final Opener opener;
    /** The lanes opened from this writer, closed with it at the latest. */
    private final List<JdbcWriter> lanes = new ArrayList<>();
    /** Whether this writer is a lane of another. */
    private final boolean lane;
    private final StreamContext context;
    private final WriteMode mode;
    private final List<String> primaryKey;
    private final StreamId target;
    /** The table rows go to: the target, or its staging table in REPLACE mode. */
    private final StreamId loadTable;
    private final List<Object[]> buffer = new ArrayList<>();
    private Schema schema;
    private boolean exactTypes;
    private boolean completed;
    /**
     * Whether the staging table gets its key constraint only when the load is complete (the source promises unique
     * keys and the dialect builds keys faster so).
     */
    private boolean keyLater;
    /**
     * In UPSERT mode: whether the rows can still be inserted without merging. True while the table held no row when
     * this writer opened and every batch given so far was {@link RecordBatch#newKeys()}; false for good after the
     * first batch that was not.
     */
    private boolean inserting;
    /** Whether every batch in {@link #buffer} is {@link RecordBatch#newKeys()}. */
    private boolean bufferNewKeys = true;

    JdbcWriter(Dialect dialect, Connection connection, WriteRequest request, StreamContext context, Runnable onClose,
               Opener opener) throws ConnectorException {
        this.opener = opener;
        this.lane = false;
        this.dialect = dialect;
        this.catalog = new Catalog(dialect);
        this.ddl = new TableDdl(dialect);
        this.connection = connection;
        this.onClose = onClose;
        this.context = context;
        this.mode = request.writeMode();
        this.primaryKey = request.primaryKey();
        this.schema = request.schema();
        try {
            connection.setAutoCommit(true);
            String namespace = request.target().namespace().isEmpty()
                    ? catalog.defaultNamespace(connection) : request.target().namespace();
            this.target = new StreamId(namespace, request.target().name());
            createNamespace(namespace);
            prepareTable(target);
            if (mode == WriteMode.REPLACE) {
                this.loadTable = new StreamId(namespace, ddl.stagingName(target.name()));
                this.keyLater = !primaryKey.isEmpty() && request.uniqueKeys() && dialect.buildsKeyAfterLoad();
                execute(List.of(ddl.dropIfExists(namespace, loadTable.name()),
                        ddl.create(namespace, loadTable.name(), schema, primaryKey, !keyLater)));
                execute(dialect.stagingSessionSql());
                this.exactTypes = true;
            } else {
                this.loadTable = target;
                if (mode == WriteMode.UPSERT && !inserting) {
                    inserting = isEmpty(target);
                }
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "preparing " + request.target(), e);
        }
    }

    /** A lane of {@code parent}: the same load table, schema and mode, over {@code connection}. */
    private JdbcWriter(JdbcWriter parent, Connection connection) {
        this.opener = null;
        this.lane = true;
        this.dialect = parent.dialect;
        this.catalog = parent.catalog;
        this.ddl = parent.ddl;
        this.connection = connection;
        this.onClose = () -> { };
        this.context = parent.context;
        this.mode = parent.mode;
        this.primaryKey = parent.primaryKey;
        this.target = parent.target;
        this.loadTable = parent.loadTable;
        this.schema = parent.schema;
        this.exactTypes = parent.exactTypes;
    }

    /**
     * In REPLACE mode, a writer into the same staging table over a connection of its own (prepared with the
     * dialect's {@linkplain Dialect#stagingSessionSql() staging settings}); the staging table was created and
     * committed when this writer opened, so the lane sees it.
     */
    @Override
    public StreamWriter lane() throws ConnectorException {
        if (mode != WriteMode.REPLACE || lane) {
            return null;
        }
        Connection laneConnection = opener.open();
        try {
            try (Statement statement = laneConnection.createStatement()) {
                for (String sql : dialect.stagingSessionSql()) {
                    statement.execute(sql);
                }
            }
            laneConnection.setAutoCommit(false);
            JdbcWriter opened = new JdbcWriter(this, laneConnection);
            synchronized (lanes) {
                lanes.add(opened);
            }
            return opened;
        } catch (SQLException e) {
            Connections.closeQuietly(laneConnection);
            throw SqlFailures.wrap(dialect, "opening a lane into " + loadTable, e);
        }
    }

    /** Creates the table when missing, adds the schema's new columns when not, and sees whether types are exact. */
    private void prepareTable(StreamId table) throws SQLException, ConnectorException {
        var existing = catalog.table(connection, table);
        if (existing.isEmpty()) {
            execute(List.of(ddl.create(table.namespace(), table.name(), schema, primaryKey)));
            exactTypes = true;
            inserting = mode == WriteMode.UPSERT;
            return;
        }
        List<String> changes = new SchemaChange(dialect, ddl).plan(existing.get(), schema, primaryKey);
        execute(changes);
        exactTypes = changes.isEmpty() && typesMatch(existing.get());
    }

    private boolean typesMatch(TableInfo table) {
        for (Field field : schema.fields()) {
            var column = table.column(field.name());
            if (column.isEmpty() || !TableDdl.sameType(column.get().type().text(),
                    dialect.writeType(field, primaryKey.contains(field.name())))) {
                return false;
            }
        }
        return true;
    }

    private boolean isEmpty(StreamId table) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT 1 FROM " + dialect.qualify(table.namespace(), table.name())
                     + " LIMIT 1")) {
            return !rows.next();
        }
    }

    @Override
    public void write(RecordBatch batch) throws ConnectorException {
        if (!batch.newKeys()) {
            inserting = false;
        }
        if (buffer.isEmpty()) {
            bufferNewKeys = true;
        }
        bufferNewKeys &= batch.newKeys();
        RowShape shape = RowShape.of(batch.schema(), schema);
        for (Object[] row : batch.rows()) {
            buffer.add(shape.apply(row));
        }
    }

    @Override
    public void delete(List<Object[]> keys) throws ConnectorException {
        if (primaryKey.isEmpty()) {
            throw new ConnectorException(Kind.UNSUPPORTED, target + ": deleting by key needs a primary key");
        }
        try {
            loadBuffered();
            new KeyDeleter(dialect, schema, primaryKey).delete(connection, loadTable, keys);
        } catch (SQLException e) {
            throw failed("deleting from " + loadTable, e);
        } catch (IOException e) {
            throw failed("deleting from " + loadTable, e);
        }
    }

    /** Deletes as of the events' positions when the table keeps them, so an older delete never removes a newer row. */
    @Override
    public void delete(List<Object[]> keys, long[] positions) throws ConnectorException {
        if (schema.indexOf(Changes.POSITION).isEmpty()) {
            delete(keys);
            return;
        }
        if (primaryKey.isEmpty()) {
            throw new ConnectorException(Kind.UNSUPPORTED, target + ": deleting by key needs a primary key");
        }
        try {
            loadBuffered();
            new KeyDeleter(dialect, schema, primaryKey).deleteAsOf(connection, loadTable, keys, Changes.POSITION,
                    positions);
        } catch (SQLException e) {
            throw failed("deleting from " + loadTable, e);
        } catch (IOException e) {
            throw failed("deleting from " + loadTable, e);
        }
    }

    @Override
    public void evolve(Schema newSchema) throws ConnectorException {
        if (lane) {
            throw new ConnectorException(Kind.UNSUPPORTED, "a lane into " + loadTable + " keeps the columns of the "
                    + "writer it was opened from");
        }
        flush();
        try {
            TableInfo table = catalog.table(connection, loadTable).orElseThrow(() -> new ConnectorException(
                    Kind.SCHEMA, loadTable + " disappeared while it was being written"));
            List<String> changes = new SchemaChange(dialect, ddl).plan(table, newSchema, primaryKey);
            for (String change : changes) {
                log("schema drift on " + loadTable + ": " + change);
            }
            execute(changes);
            connection.commit();
            schema = newSchema;
            exactTypes = typesMatch(catalog.table(connection, loadTable).orElseThrow());
            connection.commit();
        } catch (SQLException e) {
            throw failed("changing the columns of " + loadTable, e);
        }
    }

    @Override
    public void flush() throws ConnectorException {
        try {
            loadBuffered();
            connection.commit();
        } catch (SQLException e) {
            throw failed("writing " + loadTable, e);
        } catch (IOException e) {
            throw failed("writing " + loadTable, e);
        }
    }

    private void loadBuffered() throws SQLException, IOException {
        if (buffer.isEmpty()) {
            return;
        }
        // upserts of new keys into a table that held none: a plain load, no merge (about three times faster into a
        // keyed PostgreSQL table than INSERT ... ON CONFLICT)
        boolean merge = mode == WriteMode.UPSERT && !(inserting && bufferNewKeys);
        List<Object[]> rows = merge ? KeyedRows.lastPerKey(buffer, schema, primaryKey) : buffer;
        LoadTarget load = new LoadTarget(loadTable.namespace(), loadTable.name(), schema, primaryKey, merge, exactTypes);
        dialect.loader().load(connection, load, rows);
        buffer.clear();
    }

    @Override
    public void complete() throws ConnectorException {
        if (lane) {
            throw new IllegalStateException("a lane into " + loadTable + " is completed by the writer it came from");
        }
        flush();
        if (mode != WriteMode.REPLACE || completed) {
            return;
        }
        closeLanes();
        try {
            if (keyLater) {
                execute(List.of(ddl.addPrimaryKey(loadTable.namespace(), loadTable.name(), primaryKey)));
            }
            execute(dialect.durableSessionSql());
            execute(dialect.swapSql(target.namespace(), target.name(), loadTable.name()));
            connection.commit();
            completed = true;
            log("replaced " + target + " with the rows of this run");
        } catch (SQLException e) {
            throw failed("swapping " + loadTable + " in as " + target, e);
        }
    }

    private ConnectorException failed(String what, SQLException e) {
        buffer.clear();
        Connections.rollback(connection, e);
        return SqlFailures.wrap(dialect, what, e);
    }

    private ConnectorException failed(String what, IOException e) {
        buffer.clear();
        Connections.rollback(connection, e);
        return SqlFailures.wrap(what, e);
    }

    private void execute(List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private void log(String message) {
        if (context != null) {
            context.log(System.Logger.Level.INFO, message);
        }
    }

    private void closeLanes() {
        List<JdbcWriter> open;
        synchronized (lanes) {
            open = List.copyOf(lanes);
            lanes.clear();
        }
        open.forEach(JdbcWriter::close);
    }

    @Override
    public void close() {
        closeLanes();
        try {
            buffer.clear();
            if (!connection.isClosed()) {
                connection.rollback();
                if (mode == WriteMode.REPLACE && !completed && !lane && loadTable != null) {
                    execute(List.of(ddl.dropIfExists(loadTable.namespace(), loadTable.name())));
                    connection.commit();
                }
            }
        } catch (SQLException e) {
            log("cleaning up " + loadTable + " failed: " + e.getMessage());
        } finally {
            Connections.closeQuietly(connection);
            onClose.run();
        }
    }
    /**
     * Parallel streams of one run create the same namespace at once, and PostgreSQL's {@code IF NOT EXISTS} is not
     * race-free: the loser gets a unique violation once the winner committed. The same statement then succeeds.
     */
    private void createNamespace(String namespace) throws SQLException {
        try {
            execute(List.of(dialect.createNamespaceSql(namespace)));
        } catch (SQLException raced) {
            execute(List.of(dialect.createNamespaceSql(namespace)));
        }
    }

}

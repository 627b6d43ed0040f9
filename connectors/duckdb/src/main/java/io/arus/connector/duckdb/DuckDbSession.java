package io.arus.connector.duckdb;

import io.arus.api.config.ConfigException;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteRequest;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.JdbcSession;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A session on one database file: the JDBC base does the reading, writing and discovery through the DuckDB dialect;
 * this session holds the file's shared instance and lets go of it on {@link #close()}.
 */
final class DuckDbSession implements ConnectorSession {
    private final DuckDbSettings settings;
    private final DatabaseFiles files;
    private final DatabaseFile database;
    private final DuckDbDialect dialect;
    private final JdbcSession jdbc;
    private boolean closed;

    DuckDbSession(DuckDbSettings settings, DatabaseFiles files) throws ConfigException {
        this.settings = settings;
        this.files = files;
        try {
            this.database = files.acquire(settings.file());
        } catch (SQLException e) {
            throw new ConfigException(DuckDbSettings.PATH, e.getMessage());
        }
        this.dialect = new DuckDbDialect(database, settings.schema());
        // the JDBC base names the server in messages: here the file is the server and the database
        String file = settings.file().toString();
        this.jdbc = new JdbcSession(dialect, new ConnectionSettings(file, 0, file, "", "", "disable"));
    }

    @Override
    public CheckResult check() {
        try (Connection connection = database.connect()) {
            return CheckResult.ok(dialect.describeServer(connection) + ", " + settings.file());
        } catch (SQLException e) {
            return CheckResult.failed("cannot open DuckDB file " + settings.file() + ": " + e.getMessage());
        }
    }

    @Override
    public List<StreamDescriptor> discover() throws ConnectorException {
        return jdbc.discover();
    }

    @Override
    public List<Split> splits(ReadRequest request, int maxSplits) throws ConnectorException {
        return jdbc.splits(request, maxSplits);
    }

    @Override
    public StreamReader openReader(ReadRequest request, Split split, StreamContext context) throws ConnectorException {
        return jdbc.openReader(request, split, context);
    }

    @Override
    public StreamWriter openWriter(WriteRequest request, StreamContext context) throws ConnectorException {
        String namespace = request.target().namespace().isEmpty() ? settings.schema() : request.target().namespace();
        try {
            database.createSchema(namespace);
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "creating schema " + namespace + " in " + settings.file(), e);
        }
        return jdbc.openWriter(request, context);
    }

    @Override
    public StreamProfile profile(StreamId stream, List<String> keyColumns, List<String> nullColumns,
                                 String excludeWhereSet) throws ConnectorException {
        return jdbc.profile(stream, keyColumns, nullColumns, excludeWhereSet);
    }

    @Override
    public String quotedName(StreamId table) {
        return jdbc.quotedName(table);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            jdbc.close();
        } finally {
            files.release(database);
        }
    }
}

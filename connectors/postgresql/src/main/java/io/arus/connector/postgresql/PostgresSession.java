package io.arus.connector.postgresql;

import io.arus.api.config.ConfigException;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.ModelResult;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteRequest;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.JdbcSession;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL's session: the shared JDBC session for everything, except change capture, which reads the replication
 * slot through the driver's replication API ({@link ChangeCapture}).
 */
final class PostgresSession implements ConnectorSession {
    private final JdbcSession jdbc;
    private final ChangeCapture capture;
    private final Set<StreamReader> changeReaders = ConcurrentHashMap.newKeySet();

    PostgresSession(PostgresDialect dialect, ConnectionSettings settings) throws ConfigException {
        this.jdbc = new JdbcSession(dialect, settings);
        this.capture = new ChangeCapture(dialect, dialect.dataSource(settings), dialect.replicationDataSource(settings));
    }

    @Override
    public CheckResult check() {
        return jdbc.check();
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
        if (request.syncMode() != SyncMode.CDC) {
            return jdbc.openReader(request, split, context);
        }
        ChangeReader reader = capture.open(request, context);
        changeReaders.add(reader);
        return new StreamReader() {
            @Override
            public io.arus.api.record.RecordBatch poll() throws ConnectorException {
                return reader.poll();
            }

            @Override
            public void wakeup() {
                reader.wakeup();
            }

            @Override
            public void committed(io.arus.api.record.Offset offset) {
                reader.committed(offset);
            }

            @Override
            public long bytesBehind() {
                return reader.bytesBehind();
            }

            @Override
            public void close() {
                changeReaders.remove(reader);
                reader.close();
            }
        };
    }

    @Override
    public StreamWriter openWriter(WriteRequest request, StreamContext context) throws ConnectorException {
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
    public ModelResult runModel(ModelRequest request, StreamContext context) throws ConnectorException {
        return jdbc.runModel(request, context);
    }

    @Override
    public void dropChangeFeed(String feed) throws ConnectorException {
        capture.drop(feed);
    }

    @Override
    public java.util.Map<String, Object> describeChangeFeed(String feed) throws ConnectorException {
        return capture.describe(feed);
    }

    @Override
    public void close() {
        for (StreamReader reader : List.copyOf(changeReaders)) {
            reader.close();
        }
        changeReaders.clear();
        jdbc.close();
    }
}

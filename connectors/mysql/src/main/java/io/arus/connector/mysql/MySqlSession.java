package io.arus.connector.mysql;

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
 * The JDBC session of the shared base, with change capture added: a {@link SyncMode#CDC} reader reads the binlog
 * ({@link BinlogReader}); everything else is the base's.
 */
final class MySqlSession implements ConnectorSession {
    private final JdbcSession jdbc;
    private final MySqlDialect dialect;
    private final ConnectionSettings settings;
    private final Set<BinlogReader> readers = ConcurrentHashMap.newKeySet();

    MySqlSession(JdbcSession jdbc, MySqlDialect dialect, ConnectionSettings settings) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.settings = settings;
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
        if (!split.bounds().isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, request.stream()
                    + ": change capture reads whole tables");
        }
        BinlogReader reader = BinlogReader.open(dialect, settings, request, context, readers::remove);
        readers.add(reader);
        return reader;
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
    public String quotedName(StreamId table) throws ConnectorException {
        return jdbc.quotedName(table);
    }

    @Override
    public ModelResult runModel(ModelRequest request, StreamContext context) throws ConnectorException {
        return jdbc.runModel(request, context);
    }

    /** A binlog client keeps nothing at the server (unlike a replication slot): there is nothing to drop. */
    @Override
    public void dropChangeFeed(String feed) {
    }

    @Override
    public void close() {
        for (BinlogReader reader : List.copyOf(readers)) {
            reader.close();
        }
        jdbc.close();
    }
}

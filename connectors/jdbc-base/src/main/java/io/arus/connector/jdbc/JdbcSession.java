package io.arus.connector.jdbc;

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
import io.arus.api.connector.WriteRequest;
import io.arus.connector.jdbc.internal.JdbcOperations;
import java.util.List;

/**
 * The {@link ConnectorSession} of every SQL connector: a database bundle's {@code Connector.open} returns
 * {@code new JdbcSession(dialect, settings)}. Each reader and writer gets its own connection, so the session is
 * thread-safe; the short operations (check, discovery, splits, counts) share one kept between them, which the next
 * reader or writer takes over. {@link #close()} closes it and the readers and writers still open.
 */
public final class JdbcSession implements ConnectorSession {
    private final Dialect dialect;
    private final JdbcOperations operations;

    /**
     * @param dialect  the database's dialect
     * @param settings where and as whom to connect
     * @throws ConfigException when the dialect cannot use the settings
     */
    public JdbcSession(Dialect dialect, ConnectionSettings settings) throws ConfigException {
        this.dialect = dialect;
        this.operations = new JdbcOperations(dialect, settings, dialect.dataSource(settings));
    }

    @Override
    public CheckResult check() {
        return operations.check();
    }

    @Override
    public List<StreamDescriptor> discover() throws ConnectorException {
        return operations.discover();
    }

    @Override
    public List<Split> splits(ReadRequest request, int maxSplits) throws ConnectorException {
        return operations.splits(request, maxSplits);
    }

    @Override
    public StreamReader openReader(ReadRequest request, Split split, StreamContext context) throws ConnectorException {
        return operations.openReader(request, split, context);
    }

    @Override
    public StreamWriter openWriter(WriteRequest request, StreamContext context) throws ConnectorException {
        return operations.openWriter(request, context);
    }

    @Override
    public StreamProfile profile(StreamId stream, List<String> keyColumns, List<String> nullColumns, String excludeWhereSet)
            throws ConnectorException {
        return operations.profile(stream, keyColumns, nullColumns, excludeWhereSet);
    }

    @Override
    public String quotedName(StreamId table) {
        return dialect.qualify(table.namespace(), table.name());
    }

    @Override
    public ModelResult runModel(ModelRequest request, StreamContext context) throws ConnectorException {
        return operations.runModel(request);
    }

    @Override
    public void close() {
        operations.close();
    }
}

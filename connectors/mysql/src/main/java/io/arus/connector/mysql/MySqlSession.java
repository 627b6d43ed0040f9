package io.arus.connector.mysql;

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
import io.arus.api.record.Offset;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.JdbcSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * A binlog reader keeps nothing at the server, so what there is to say is the binlog's: where it ends
     * ({@code binlog_file}, {@code binlog_position}, {@code gtid}), the oldest file the server still has and the bytes
     * it holds ({@code oldest_binlog}, {@code binlog_bytes}), and for a stream with a stored position, that position,
     * whether the server still has it ({@code position_available}: a purged one needs a resync) and the binlog bytes
     * after it ({@code behind_bytes}). Needs {@code REPLICATION CLIENT} (MariaDB: {@code BINLOG MONITOR}).
     */
    @Override
    public Map<String, Object> describeChangeFeed(String feed) throws ConnectorException {
        return describeChangeFeed(feed, null);
    }

    @Override
    public Map<String, Object> describeChangeFeed(String feed, Offset stored) throws ConnectorException {
        try (Connection connection = dialect.dataSource(settings).getConnection()) {
            dialect.initSession(connection);
            boolean mariaDb = dialect.describeServer(connection).startsWith("MariaDB");
            BinlogPosition end = BinlogStatus.current(connection, mariaDb);
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("binlog_file", end.file());
            description.put("binlog_position", end.pos());
            description.put("gtid", end.gtid());
            Map<String, Long> files = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet logs = statement.executeQuery("SHOW BINARY LOGS")) {
                while (logs.next()) {
                    files.put(logs.getString(1), logs.getLong(2));
                }
            }
            description.put("oldest_binlog", files.isEmpty() ? null : files.keySet().iterator().next());
            description.put("binlog_bytes", files.values().stream().mapToLong(Long::longValue).sum());
            if (stored != null && BinlogPosition.STREAM.equals(stored.get(BinlogPosition.PHASE))) {
                BinlogPosition position = BinlogPosition.of(stored);
                description.put("position", position.file() + ":" + position.pos());
                description.put("gtid_position", position.gtid());
                Long size = files.get(position.file());
                boolean available = size != null && position.pos() <= size;
                description.put("position_available", available);
                description.put("behind_bytes", available ? BinlogStatus.bytesAfter(connection, position) : null);
            }
            return description;
        } catch (ConfigException | SQLException e) {
            throw new ConnectorException(ConnectorException.Kind.CONNECTION, "asking " + settings.address()
                    + " about its binlog failed: " + e.getMessage(), e);
        }
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

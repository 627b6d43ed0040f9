package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.literal;

import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.ModelResult;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteRequest;
import java.time.Clock;
import java.util.List;

/**
 * A session on one ClickHouse server: checks the connection, opens writers, counts tables and runs SQL models. Its writers share
 * one HTTP client (a small connection pool), so the session is thread-safe. ClickHouse here is a destination
 * only: {@link #discover()} and {@link #openReader} keep their UNSUPPORTED defaults.
 */
final class ClickHouseSession implements ConnectorSession {
    private final ClickHouseServer server;
    private final Clock clock;

    ClickHouseSession(ClickHouseSettings settings, Clock clock) {
        this.server = new ClickHouseServer(settings);
        this.clock = clock;
    }

    @Override
    public CheckResult check() {
        ClickHouseSettings settings = server.settings();
        String note = settings.portNote().isEmpty() ? "" : " (" + settings.portNote() + ")";
        try {
            ServerVersion version = server.version();
            boolean exists = !server.query("SELECT 1 FROM system.databases WHERE name = " + literal(settings.database()),
                    "looking up database " + settings.database()).isEmpty();
            return CheckResult.ok("ClickHouse " + version + " at " + settings.address() + ", database "
                    + settings.database() + (exists ? "" : " (missing: created on the first write)") + note);
        } catch (ConnectorException e) {
            return CheckResult.failed(e.getMessage() + note);
        }
    }

    @Override
    public StreamWriter openWriter(WriteRequest request, StreamContext context) throws ConnectorException {
        return new ClickHouseWriter(server, request, context, VersionClock.SYSTEM, clock);
    }

    @Override
    public StreamProfile profile(StreamId stream, List<String> keyColumns, List<String> nullColumns,
                                 String excludeWhereSet) throws ConnectorException {
        StreamId table = stream.namespace().isEmpty() ? new StreamId(server.settings().database(), stream.name()) : stream;
        return new StreamProfiler(server).profile(table, keyColumns, nullColumns, excludeWhereSet);
    }

    @Override
    public String quotedName(StreamId table) {
        StreamId resolved = inDatabase(table);
        return ClickHouseSql.qualify(resolved.namespace(), resolved.name());
    }

    @Override
    public ModelResult runModel(ModelRequest request, StreamContext context) throws ConnectorException {
        return new ModelBuilder(server, request, inDatabase(request.target())).run();
    }

    /** @return the table, in the configured database when it names none */
    private StreamId inDatabase(StreamId table) {
        return table.namespace().isEmpty() ? new StreamId(server.settings().database(), table.name()) : table;
    }

    @Override
    public void close() {
        server.close();
    }
}

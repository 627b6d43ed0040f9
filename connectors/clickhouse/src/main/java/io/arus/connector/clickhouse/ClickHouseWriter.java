package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.literal;
import static io.arus.connector.clickhouse.ClickHouseSql.qualify;
import static io.arus.connector.clickhouse.ClickHouseSql.quote;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntToLongFunction;

/**
 * Writes one stream into one ClickHouse table. Each {@link #write} encodes its batch at once, as a Native block or
 * as RowBinary rows ({@link InsertPlan}), so a refused value is reported for that batch, which then leaves nothing
 * behind; {@link #flush()} sends what is buffered as one INSERT, which ClickHouse stores atomically as one part. Upserts land in a ReplacingMergeTree
 * with a fresh version per row, so a re-delivered batch collapses onto the rows it repeats; deletes are tombstone
 * rows with a newer version. Change capture's rows and deletes carry their log position
 * ({@link Changes#POSITION}), which is then the version: an older event re-delivered after a crash never outranks a
 * newer one. REPLACE loads a staging table that {@link #complete()} renames into place.
 */
final class ClickHouseWriter implements StreamWriter {
    /** A buffer this large is sent before the next batch is encoded, whatever the caller's flush rhythm. */
    private static final int SEND_BYTES = 32 << 20;
    /**
     * Every flush is one INSERT, so one part that ClickHouse merges later: the engine is asked to flush this many
     * rows at once, whatever the pipeline's batch size (bad values are refused in write(), as that requires).
     */
    static final int ROWS_PER_FLUSH = 100_000;

    private final ClickHouseServer server;
    private final ClickHouseSettings settings;
    private final StreamContext context;
    private final VersionClock versions;
    private final WriteMode mode;
    private final List<String> primaryKey;
    private final StreamId target;
    /** The table rows go to: the target, or its staging table in REPLACE mode. */
    private final StreamId loadTable;
    private final RowBinaryOutput buffer = new RowBinaryOutput();
    private TableInfo table;
    private InsertPlan plan;
    private Schema planSchema;
    /** The plan of the rows in the buffer, or null when it is empty. */
    private InsertPlan buffered;
    private boolean completed;

    ClickHouseWriter(ClickHouseServer server, WriteRequest request, StreamContext context, VersionClock versions,
                     Clock clock) throws ConnectorException {
        this.server = server;
        this.settings = server.settings();
        this.context = context;
        this.versions = versions;
        this.mode = request.writeMode();
        this.primaryKey = request.primaryKey();
        String namespace = request.target().namespace().isEmpty() ? settings.database() : request.target().namespace();
        this.target = new StreamId(namespace, request.target().name());
        ServerVersion version = server.version();
        TableLayout layout = TableLayout.of(request);
        createDatabase(namespace);
        if (mode == WriteMode.REPLACE) {
            // the live table is left as it is until complete(): its columns no longer matter
            this.loadTable = new StreamId(namespace, TableSwap.stagingName(target.name()));
            server.execute("DROP TABLE IF EXISTS " + qualify(namespace, loadTable.name()), "dropping an old staging table");
            this.table = prepare(loadTable, layout, version);
        } else {
            this.loadTable = target;
            this.table = prepare(target, layout, version);
        }
        if (mode == WriteMode.UPSERT && !table.isVersioned()) {
            throw new ConnectorException(Kind.CONFIGURATION, target + " is a " + table.engine() + " table without "
                    + TableInfo.VERSION + "; upserts need the ReplacingMergeTree table Arus makes: drop the table or "
                    + "write in replace mode once");
        }
        if (layout.shape() == TableLayout.Shape.RAW && !version.hasTableTtl()) {
            for (String day : RawRetention.dropExpired(server, table, settings.rawTtlDays(), clock)) {
                log("dropped raw rows of " + day + ", older than " + settings.rawTtlDays() + " days");
            }
        }
    }

    /**
     * Creates the database when missing. Looked up first: a user allowed to write into an existing database need
     * not be allowed to create databases, and newer servers check that grant even for IF NOT EXISTS.
     */
    private void createDatabase(String namespace) throws ConnectorException {
        if (server.query("SELECT 1 FROM system.databases WHERE name = " + literal(namespace),
                "looking up database " + namespace).isEmpty()) {
            server.execute("CREATE DATABASE IF NOT EXISTS " + quote(namespace), "creating database " + namespace);
        }
    }

    /** Creates the table when missing; adds the schema's new columns when not. */
    private TableInfo prepare(StreamId id, TableLayout layout, ServerVersion version) throws ConnectorException {
        var existing = TableInfo.read(server, id);
        if (existing.isEmpty()) {
            server.execute(layout.createSql(id, version, settings.rawTtlDays()), "creating table " + id);
            return TableInfo.read(server, id).orElseThrow(() -> new ConnectorException(Kind.INTERNAL,
                    id + " is missing right after it was created"));
        }
        return alter(existing.get(), layout.schema());
    }

    private TableInfo alter(TableInfo current, Schema schema) throws ConnectorException {
        List<String> changes = SchemaDrift.plan(current, schema, primaryKey, server.version());
        for (String change : changes) {
            log("schema drift on " + current.id() + ": " + change);
            server.execute(change, "changing the columns of " + current.id());
        }
        return changes.isEmpty() ? current : TableInfo.read(server, current.id()).orElseThrow(() ->
                new ConnectorException(Kind.SCHEMA, current.id() + " disappeared while it was being written"));
    }

    @Override
    public void write(RecordBatch batch) throws ConnectorException {
        if (batch.isEmpty()) {
            return;
        }
        if (plan == null || !batch.schema().equals(planSchema)) {
            plan = InsertPlan.rows(table, batch.schema());
            planSchema = batch.schema();
        }
        if (buffered != null && (buffered != plan || buffer.size() >= SEND_BYTES)) {
            send();
        }
        plan.encode(batch.rows(), rowVersions(batch), buffer);
        buffered = plan;
    }

    /**
     * Versions of a batch's rows: a change-capture row's log position ({@link Changes#POSITION}), so that an older
     * event re-delivered after a crash never outranks a newer one; otherwise fresh versions from the clock, in the
     * batch's order.
     */
    private IntToLongFunction rowVersions(RecordBatch batch) {
        if (!plan.versioned()) {
            return r -> 0;
        }
        OptionalInt position = batch.schema().indexOf(Changes.POSITION);
        if (position.isPresent()) {
            int index = position.getAsInt();
            List<Object[]> rows = batch.rows();
            return r -> ((Number) rows.get(r)[index]).longValue();
        }
        long first = versions.reserve(batch.size());
        return r -> first + r;
    }

    @Override
    public void delete(List<Object[]> keys) throws ConnectorException {
        long first = versions.reserve(keys.size());
        delete(keys, r -> first + r);
    }

    /** Change capture's deletes: tombstones whose version is the delete's log position. */
    @Override
    public void delete(List<Object[]> keys, long[] positions) throws ConnectorException {
        delete(keys, r -> positions[r]);
    }

    private void delete(List<Object[]> keys, IntToLongFunction version) throws ConnectorException {
        if (keys.isEmpty()) {
            return;
        }
        if (primaryKey.isEmpty()) {
            throw new ConnectorException(Kind.UNSUPPORTED, target + ": deleting by key needs a primary key");
        }
        send();
        if (table.hasTombstones()) {
            InsertPlan tombstones = InsertPlan.tombstones(table, primaryKey);
            tombstones.encode(keys, version, buffer);
            buffered = tombstones;
            send();
        }
        if (settings.hardDelete() || !table.hasTombstones()) {
            for (String statement : HardDelete.statements(table, primaryKey, keys)) {
                server.execute(statement, "deleting from " + loadTable);
            }
        }
    }

    @Override
    public void evolve(Schema newSchema) throws ConnectorException {
        send();
        TableInfo current = TableInfo.read(server, loadTable).orElseThrow(() -> new ConnectorException(Kind.SCHEMA,
                loadTable + " disappeared while it was being written"));
        table = alter(current, newSchema);
        plan = null;
    }

    @Override
    public int rowsPerFlush() {
        return ROWS_PER_FLUSH;
    }

    @Override
    public void flush() throws ConnectorException {
        send();
    }

    private void send() throws ConnectorException {
        if (buffered == null) {
            return;
        }
        InsertPlan rows = buffered;
        buffered = null;
        try {
            server.insert(qualify(loadTable.namespace(), loadTable.name()), rows.columns(), buffer, rows.columnar());
        } finally {
            buffer.clear();
        }
    }

    @Override
    public void complete() throws ConnectorException {
        flush();
        if (mode != WriteMode.REPLACE || completed) {
            return;
        }
        new TableSwap(server).swap(target, loadTable);
        completed = true;
        log("replaced " + target + " with the rows of this run");
    }

    private void log(String message) {
        if (context != null) {
            context.log(System.Logger.Level.INFO, message);
        }
    }

    @Override
    public void close() {
        buffer.clear();
        buffered = null;
        if (mode == WriteMode.REPLACE && !completed && loadTable != null) {
            try {
                server.execute("DROP TABLE IF EXISTS " + qualify(loadTable.namespace(), loadTable.name()),
                        "dropping staging table " + loadTable);
            } catch (ConnectorException e) {
                log("cleaning up " + loadTable + " failed: " + e.getMessage());
            }
        }
    }
}

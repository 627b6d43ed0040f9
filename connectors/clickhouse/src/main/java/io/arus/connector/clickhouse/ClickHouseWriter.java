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
 * behind. The Native blocks since the last flush stream into one INSERT while the next ones are encoded
 * ({@link StreamingInsert}); RowBinary rows are gathered and sent at the flush. {@link #flush()} ends the INSERT
 * and waits for the answer, and ClickHouse stores it as one part. A writer closed before its flush has ClickHouse
 * refuse the INSERT, which keeps none of its rows. Upserts land in a ReplacingMergeTree with a fresh version per
 * row, so a re-delivered batch collapses onto the rows it repeats; deletes are tombstone rows with a newer version. Change capture's rows and deletes carry their log position
 * ({@link Changes#POSITION}), which is then the version: an older event re-delivered after a crash never outranks a
 * newer one. REPLACE loads a staging table that {@link #complete()} renames into place.
 */
final class ClickHouseWriter implements StreamWriter {
    /**
     * An INSERT ends once this much was streamed into it, whatever the caller's flush rhythm: ClickHouse squashes an
     * INSERT's blocks in memory into parts of up to about a million rows or 256 MB, and each INSERT is one part.
     */
    private static final int SEND_BYTES = 32 << 20;
    /**
     * Every flush is one INSERT (or a few, past {@link #SEND_BYTES}), so one part that ClickHouse merges later: the
     * engine is asked to flush this many rows at once, whatever the pipeline's batch size (bad values are refused in
     * write(), as that requires). A million, under ClickHouse's own block size of 1,048,576 rows: a 1,000,000-row
     * load then took ClickHouse 0.4 s of CPU where parts of 100,000 rows took 0.6 s. The rows stream out as they are
     * encoded, so a flush this large holds no more memory than a few batches.
     */
    static final int ROWS_PER_FLUSH = 1_000_000;

    private final ClickHouseServer server;
    private final ClickHouseSettings settings;
    private final StreamContext context;
    private final VersionClock versions;
    private final WriteMode mode;
    private final List<String> primaryKey;
    private final StreamId target;
    /** The table rows go to: the target, or its staging table in REPLACE mode. */
    private final StreamId loadTable;
    /** RowBinary rows (and tombstones) gathered for their INSERT. */
    private final RowBinaryOutput buffer = new RowBinaryOutput();
    private TableInfo table;
    private InsertPlan plan;
    private Schema planSchema;
    /**
     * The plan of the rows written since the last send, or null: Native blocks streamed into {@link #insert}, or
     * RowBinary rows gathered in {@link #buffer}.
     */
    private InsertPlan open;
    /** The INSERT the Native blocks since the last send stream into, or null. */
    private StreamingInsert insert;
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
        if (open != null && (open != plan || (insert != null ? insert.bytes() : buffer.size()) >= SEND_BYTES)) {
            send();
        }
        if (!plan.columnar()) {
            // RowBinary (a table with Array or LowCardinality columns): a broken-off body could still parse as rows,
            // so these are sent whole, at the flush
            plan.encode(batch.rows(), rowVersions(batch), buffer);
            open = plan;
            return;
        }
        if (insert == null) {
            InsertPlan rows = plan;
            insert = new StreamingInsert("arus-clickhouse-insert " + loadTable,
                    body -> server.insert(loadInto(), rows.columns(), body, true));
            open = plan;
        }
        RowBinaryOutput encoded = insert.buffer();
        try {
            plan.encode(batch.rows(), rowVersions(batch), encoded);
        } catch (ConnectorException | RuntimeException e) {
            // a refused value: this batch sends nothing; the batches before it are in the INSERT already
            encoded.clear();
            throw e;
        }
        insert.add(encoded);
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
            try {
                tombstones.encode(keys, version, buffer);
            } catch (ConnectorException | RuntimeException e) {
                buffer.clear();
                throw e;
            }
            sendBuffer(tombstones);
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

    /** Ends the open INSERT, or sends the gathered rows, and waits for ClickHouse's answer. */
    private void send() throws ConnectorException {
        if (open == null) {
            return;
        }
        InsertPlan rows = open;
        open = null;
        if (insert != null) {
            StreamingInsert ending = insert;
            insert = null;
            ending.finish();
        } else {
            sendBuffer(rows);
        }
    }

    /** Sends the buffer's rows of this plan as one INSERT and empties it, whatever the answer. */
    private void sendBuffer(InsertPlan rows) throws ConnectorException {
        try {
            server.insert(loadInto(), rows.columns(), buffer, rows.columnar());
        } finally {
            buffer.clear();
        }
    }

    private String loadInto() {
        return qualify(loadTable.namespace(), loadTable.name());
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
        open = null;
        if (insert != null) {
            // rows never flushed: the INSERT is refused (StreamingInsert#abort), and ClickHouse keeps none of them
            insert.abort();
            insert = null;
        }
        if (mode == WriteMode.REPLACE && !completed && loadTable != null) {
            try {
                server.execute("DROP TABLE IF EXISTS " + loadInto(),
                        "dropping staging table " + loadTable);
            } catch (ConnectorException e) {
                log("cleaning up " + loadTable + " failed: " + e.getMessage());
            }
        }
    }
}

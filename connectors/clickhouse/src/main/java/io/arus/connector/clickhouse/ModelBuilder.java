package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.qualify;
import static io.arus.connector.clickhouse.ClickHouseSql.quote;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.ModelResult;
import io.arus.api.connector.StreamId;
import java.util.List;

/**
 * Materializes one SQL model in ClickHouse. Tables made from a SELECT are {@code MergeTree ORDER BY tuple()}.
 * <ul>
 * <li>table: built aside as {@code <name>__arus_staging}, then swapped in with {@link TableSwap} (EXCHANGE TABLES on
 * Atomic databases), so readers never see it half built;</li>
 * <li>view: dropped and created again (the servers Arus supports include ones without {@code CREATE OR REPLACE
 * VIEW}; a reader between the two statements finds no view);</li>
 * <li>incremental: created from the SELECT when missing; later the SELECT's rows are first captured in a
 * {@code <name>__arus_rows} table (the SELECT may read {@code {{ this }}}). Without a unique key they are appended.
 * With one, the table is rebuilt aside from its rows whose key is not among the new rows plus the new rows, and
 * swapped in: no transactions and no synchronous mutations are needed, readers never see a key missing or twice,
 * at the cost of rewriting the table on every run (ReplacingMergeTree would keep duplicates until a merge).</li>
 * </ul>
 */
final class ModelBuilder {
    private static final String ROWS_SUFFIX = "__arus_rows";
    private static final String ENGINE = " ENGINE = MergeTree ORDER BY tuple() AS ";

    private final ClickHouseServer server;
    private final ModelRequest request;
    private final StreamId target;
    private final String name;
    private final String what;

    ModelBuilder(ClickHouseServer server, ModelRequest request, StreamId target) {
        this.server = server;
        this.request = request;
        this.target = target;
        this.name = qualify(target.namespace(), target.name());
        this.what = "model " + target + " (" + request.materialization().id() + ")";
    }

    ModelResult run() throws ConnectorException {
        server.execute("CREATE DATABASE IF NOT EXISTS " + quote(target.namespace()), what + ": creating the database");
        return switch (request.materialization()) {
            case TABLE -> table();
            case VIEW -> view();
            case INCREMENTAL -> incremental();
        };
    }

    private ModelResult table() throws ConnectorException {
        rebuild(request.select());
        return new ModelResult(count(name));
    }

    private ModelResult view() throws ConnectorException {
        server.execute("DROP TABLE IF EXISTS " + name, what + ": dropping the view it replaces");
        server.execute("CREATE VIEW " + name + " AS " + request.select(), what);
        return new ModelResult(-1);
    }

    private ModelResult incremental() throws ConnectorException {
        if (TableInfo.read(server, target).isEmpty()) {
            server.execute("CREATE TABLE " + name + ENGINE + request.select(), what);
            return new ModelResult(count(name));
        }
        String rows = qualify(target.namespace(), target.name() + ROWS_SUFFIX);
        server.execute("DROP TABLE IF EXISTS " + rows, what + ": dropping a table of new rows left behind");
        server.execute("CREATE TABLE " + rows + ENGINE + request.select(), what);
        try {
            String columns = String.join(", ", columns());
            if (request.uniqueKey().isEmpty()) {
                server.execute("INSERT INTO " + name + " (" + columns + ") SELECT " + columns + " FROM " + rows,
                        what + ": inserting the new rows");
            } else {
                String key = String.join(", ", request.uniqueKey().stream().map(ClickHouseSql::quote).toList());
                rebuild("SELECT " + columns + " FROM " + name + " WHERE (" + key + ") NOT IN (SELECT " + key + " FROM "
                        + rows + ") UNION ALL SELECT " + columns + " FROM " + rows);
            }
            return new ModelResult(count(rows));
        } finally {
            server.execute("DROP TABLE IF EXISTS " + rows, what + ": dropping the table of new rows");
        }
    }

    /** Builds the target aside from a SELECT and swaps it in. */
    private void rebuild(String select) throws ConnectorException {
        StreamId staging = new StreamId(target.namespace(), TableSwap.stagingName(target.name()));
        String stagingName = qualify(staging.namespace(), staging.name());
        server.execute("DROP TABLE IF EXISTS " + stagingName, what + ": dropping a staging table left behind");
        server.execute("CREATE TABLE " + stagingName + ENGINE + select, what);
        new TableSwap(server).swap(target, staging);
    }

    /** @return the target's columns, quoted, in table order */
    private List<String> columns() throws ConnectorException {
        return server.query("DESCRIBE TABLE " + name, what + ": reading its columns").stream()
                .map(row -> quote(row[0])).toList();
    }

    private long count(String table) throws ConnectorException {
        return Long.parseLong(server.query("SELECT count() FROM " + table, what + ": counting its rows").get(0)[0]);
    }
}

package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.literal;
import static io.arus.connector.clickhouse.ClickHouseSql.qualify;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Puts a fully loaded staging table in place of the live one, so that readers see the old rows until the new
 * ones are complete and never an empty table. On an Atomic database (the default from ClickHouse 20.10) that is
 * {@code EXCHANGE TABLES}, one atomic step. Older Ordinary databases have no EXCHANGE: there the swap is one
 * {@code RENAME TABLE live TO old, staging TO live} statement, which renames both under one lock (a reader
 * between the two renames gets "table does not exist", never a half-loaded table), and the old table is dropped.
 */
final class TableSwap {
    static final String STAGING_SUFFIX = "__arus_staging";
    static final String RETIRED_SUFFIX = "__arus_old";
    /** Table names become file names on Ordinary databases: keep well below the usual 255-byte limit. */
    private static final int MAX_NAME = 200;

    private final ClickHouseServer server;

    TableSwap(ClickHouseServer server) {
        this.server = server;
    }

    /** @return {@code <table>__arus_staging}, shortened with a hash when the name would be too long */
    static String stagingName(String table) {
        return withSuffix(table, STAGING_SUFFIX);
    }

    static String retiredName(String table) {
        return withSuffix(table, RETIRED_SUFFIX);
    }

    /**
     * @param live    the table readers use; may not exist yet
     * @param staging the loaded table, same namespace
     */
    void swap(StreamId live, StreamId staging) throws ConnectorException {
        String liveName = qualify(live.namespace(), live.name());
        String stagingName = qualify(staging.namespace(), staging.name());
        if (TableInfo.read(server, live).isEmpty()) {
            server.execute("RENAME TABLE " + stagingName + " TO " + liveName, "renaming " + staging + " to " + live);
        } else if (atomicDatabase(live.namespace())) {
            server.execute("EXCHANGE TABLES " + stagingName + " AND " + liveName, "exchanging " + staging + " and " + live);
            server.execute("DROP TABLE " + stagingName, "dropping the replaced rows of " + live);
        } else {
            String retired = qualify(live.namespace(), retiredName(live.name()));
            server.execute("DROP TABLE IF EXISTS " + retired, "dropping a table left by an earlier swap");
            server.execute("RENAME TABLE " + liveName + " TO " + retired + ", " + stagingName + " TO " + liveName,
                    "swapping " + staging + " in as " + live);
            server.execute("DROP TABLE " + retired, "dropping the replaced rows of " + live);
        }
    }

    private boolean atomicDatabase(String database) throws ConnectorException {
        var rows = server.query("SELECT engine FROM system.databases WHERE name = " + literal(database),
                "looking up the engine of database " + database);
        return !rows.isEmpty() && "Atomic".equals(rows.get(0)[0]);
    }

    private static String withSuffix(String table, String suffix) {
        String name = table + suffix;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME) {
            return name;
        }
        String hash = sha256(table).substring(0, 12);
        return table.substring(0, Math.min(table.length(), 60)) + "_" + hash + suffix;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

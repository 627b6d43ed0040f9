package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.literal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An existing table as the server describes it: engine, columns in order with their types, and which columns
 * form the sorting key (those cannot change type).
 *
 * @param id         the table
 * @param engine     the engine name, e.g. {@code ReplacingMergeTree}
 * @param columns    column name to type, in table order
 * @param sortingKey the columns of the sorting key
 */
record TableInfo(StreamId id, String engine, Map<String, ColumnType> columns, Set<String> sortingKey) {
    /** The row version of ReplacingMergeTree tables: higher wins. */
    static final String VERSION = "_arus_version";
    /** 1 on tombstone rows that mark a key as deleted. */
    static final String DELETED = "_arus_deleted";

    /**
     * The pauses before a catalogue query is asked again: doubling from 50 ms, at most 200 ms each and 950 ms in
     * all, so that a swap in flight (a rename, then a drop) has finished; seven attempts.
     */
    private static final long[] CATALOGUE_PAUSES_MS = {50, 100, 200, 200, 200, 200};
    private static final Pattern UNKNOWN_TABLE = Pattern.compile("Table (\\S+?)\\.? doesn't exist");

    /** Copies the maps. */
    TableInfo {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        sortingKey = Set.copyOf(sortingKey);
    }

    /**
     * Looks the table up without racing other streams' swaps. ClickHouse 18.16 answers a {@code system.tables} or
     * {@code system.columns} query with code 60 when some other table of the database is renamed or dropped while
     * the query walks it (another stream's {@code __arus_old}); {@code EXISTS TABLE} looks up one name only. When a
     * catalogue query still fails with code 60 naming a table other than this one, it is asked again after a short
     * pause ({@link #CATALOGUE_PAUSES_MS}).
     *
     * @param server the server
     * @param id     a table
     * @return the table, or empty when it does not exist
     */
    static Optional<TableInfo> read(ClickHouseServer server, StreamId id) throws ConnectorException {
        String qualified = ClickHouseSql.qualify(id.namespace(), id.name());
        List<String[]> exists = server.query("EXISTS TABLE " + qualified, "looking up table " + id);
        if (exists.isEmpty() || !"1".equals(exists.get(0)[0])) {
            return Optional.empty();
        }
        String where = "database = " + literal(id.namespace()) + " AND ";
        List<String[]> tables = catalogue(server, id, "SELECT engine FROM system.tables WHERE " + where + "name = "
                + literal(id.name()), "looking up table " + id);
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        Set<String> key = new LinkedHashSet<>();
        for (String[] row : catalogue(server, id, "SELECT name, type, is_in_sorting_key FROM system.columns WHERE " + where
                + "table = " + literal(id.name()), "reading the columns of " + id)) {
            columns.put(row[0], ColumnType.parse(row[1]));
            if ("1".equals(row[2])) {
                key.add(row[0]);
            }
        }
        return Optional.of(new TableInfo(id, tables.get(0)[0], columns, key));
    }

    private static List<String[]> catalogue(ClickHouseServer server, StreamId id, String sql, String what)
            throws ConnectorException {
        return catalogue(() -> server.query(sql, what), id, Thread::sleep);
    }

    /**
     * Runs a catalogue query, asking it again after each pause of {@link #CATALOGUE_PAUSES_MS} while it fails with
     * code 60 about another table.
     *
     * @param query the query
     * @param id    the table looked up
     * @param pause waits between attempts ({@code Thread::sleep})
     * @return the query's rows
     * @throws ConnectorException the last failure, or the first one that is not about another table; also when the
     *                            thread is interrupted in a pause (its interrupt flag set again)
     */
    static List<String[]> catalogue(CatalogueQuery query, StreamId id, Pause pause) throws ConnectorException {
        for (int attempt = 0; ; attempt++) {
            try {
                return query.run();
            } catch (ConnectorException e) {
                if (attempt == CATALOGUE_PAUSES_MS.length || !namesAnotherTable(e.getMessage(), id)) {
                    throw e;
                }
                try {
                    pause.sleep(CATALOGUE_PAUSES_MS[attempt]);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** One query of {@code system.tables} or {@code system.columns}. */
    interface CatalogueQuery {
        List<String[]> run() throws ConnectorException;
    }

    /** How {@link #catalogue(CatalogueQuery, StreamId, Pause)} waits. */
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * @param message a failure's message
     * @param id      the table looked up
     * @return whether it is ClickHouse's "table doesn't exist" (code 60) about some other table
     */
    static boolean namesAnotherTable(String message, StreamId id) {
        if (message == null || !message.contains("code 60: ")) {
            return false;
        }
        Matcher m = UNKNOWN_TABLE.matcher(message);
        return m.find() && !m.group(1).equals(id.namespace() + "." + id.name());
    }

    /** @return whether rows carry a version and newer versions replace older ones of the same key */
    boolean isVersioned() {
        return engine.startsWith("Replacing") && columns.containsKey(VERSION);
    }

    /** @return whether deletes are written as tombstones */
    boolean hasTombstones() {
        return isVersioned() && columns.containsKey(DELETED);
    }

    /** @return whether {@code SELECT ... FINAL} works: the engines that collapse rows by key */
    boolean supportsFinal() {
        return engine.matches("(Replicated)?(Replacing|Collapsing|VersionedCollapsing|Summing|Aggregating)MergeTree");
    }
}

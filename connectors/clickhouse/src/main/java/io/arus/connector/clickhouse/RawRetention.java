package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.literal;
import static io.arus.connector.clickhouse.ClickHouseSql.qualify;

import io.arus.api.connector.ConnectorException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps raw-zone tables to their retention on servers without table TTL (before 19.6): raw tables are partitioned
 * by extraction day, and each raw writer drops the day partitions older than the retention when it opens. Newer
 * servers expire rows themselves through the table's TTL clause.
 */
final class RawRetention {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private RawRetention() {
    }

    /**
     * @param server the server
     * @param table  a raw-zone table
     * @param days   the retention
     * @param clock  today's date, in UTC like the partitions
     * @return the partitions dropped, e.g. {@code 20240102}
     */
    static List<String> dropExpired(ClickHouseServer server, TableInfo table, int days, Clock clock)
            throws ConnectorException {
        String oldestKept = DAY.format(LocalDate.now(clock).minusDays(days));
        List<String> dropped = new ArrayList<>();
        for (String[] row : server.query("SELECT DISTINCT partition FROM system.parts WHERE active AND database = "
                + literal(table.id().namespace()) + " AND table = " + literal(table.id().name()), "listing the partitions of " + table.id())) {
            String partition = row[0];
            // partitions of toYYYYMMDD are eight digits; anything else is not one of ours to drop
            if (partition != null && partition.matches("\\d{8}") && partition.compareTo(oldestKept) < 0) {
                server.execute("ALTER TABLE " + qualify(table.id().namespace(), table.id().name()) + " DROP PARTITION "
                        + partition, "dropping expired partition " + partition + " of " + table.id());
                dropped.add(partition);
            }
        }
        return dropped;
    }
}

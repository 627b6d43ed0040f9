package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.StreamId;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DDL by write mode and server version. */
class TableLayoutTest {
    private static final ServerVersion OLD = ServerVersion.parse("18.16.1");
    private static final ServerVersion NEW = ServerVersion.parse("24.8.4.13");
    private static final StreamId T = new StreamId("db", "t");
    private static final Schema PEOPLE = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true));
    static final Schema RAW = Schema.of(Field.of("_arus_run_id", LogicalType.STRING, false),
            Field.of("_arus_extracted_at", LogicalType.TIMESTAMPTZ, false), Field.of("_arus_data", LogicalType.JSON, false));

    @Test
    void upsertsGetAReplacingMergeTreeOrderedByTheKeyWithVersionAndTombstoneColumns() {
        String sql = TableLayout.of(new WriteRequest(T, PEOPLE, List.of("id"), WriteMode.UPSERT)).createSql(T, NEW, 7);
        assertThat(sql).isEqualTo("CREATE TABLE IF NOT EXISTS `db`.`t` (`id` Int64, `name` Nullable(String), "
                + "`_arus_version` UInt64, `_arus_deleted` UInt8) ENGINE = ReplacingMergeTree(`_arus_version`) ORDER BY (`id`)");
    }

    @Test
    void appendsGetAMergeTreeOrderedByTheKeyOrByNothing() {
        assertThat(TableLayout.of(new WriteRequest(T, PEOPLE, List.of("id"), WriteMode.APPEND)).createSql(T, NEW, 7))
                .endsWith("(`id` Int64, `name` Nullable(String)) ENGINE = MergeTree ORDER BY (`id`)");
        assertThat(TableLayout.of(new WriteRequest(T, PEOPLE, List.of(), WriteMode.APPEND)).createSql(T, NEW, 7))
                .endsWith("ENGINE = MergeTree ORDER BY tuple()");
        assertThat(TableLayout.of(new WriteRequest(T, PEOPLE, List.of(), WriteMode.REPLACE)).shape())
                .isEqualTo(TableLayout.Shape.PLAIN);
        assertThat(TableLayout.of(new WriteRequest(T, PEOPLE, List.of("id"), WriteMode.REPLACE)).shape())
                .isEqualTo(TableLayout.Shape.VERSIONED);
    }

    @Test
    void theRawZoneExpiresByTtlWhereTheServerHasItAndByDailyPartitionsEverywhere() {
        TableLayout raw = TableLayout.of(new WriteRequest(T, RAW, List.of(), WriteMode.APPEND));
        assertThat(raw.shape()).isEqualTo(TableLayout.Shape.RAW);
        assertThat(raw.createSql(T, NEW, 30)).isEqualTo("CREATE TABLE IF NOT EXISTS `db`.`t` (`_arus_run_id` String, "
                + "`_arus_extracted_at` DateTime64(6, 'UTC'), `_arus_data` String) ENGINE = MergeTree "
                + "PARTITION BY toYYYYMMDD(toDateTime(`_arus_extracted_at`)) ORDER BY `_arus_extracted_at` "
                + "TTL toDateTime(`_arus_extracted_at`) + INTERVAL 30 DAY");
        assertThat(raw.createSql(T, OLD, 30)).contains("`_arus_extracted_at` DateTime('UTC')")
                .endsWith("ORDER BY `_arus_extracted_at`").doesNotContain("TTL");
    }
}

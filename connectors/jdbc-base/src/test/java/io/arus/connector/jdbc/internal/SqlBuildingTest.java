package io.arus.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.record.Offset;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ColumnReaders;
import io.arus.connector.jdbc.NativeType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SQL and offsets the base builds, without a database. */
class SqlBuildingTest {
    private static ColumnInfo column(String name) {
        return new ColumnInfo(name, NativeType.parse("bigint"), false,
                new ColumnMapping(LogicalType.INT64, ColumnReaders.INT64));
    }

    @Test
    void keysetPredicateUsesRowValuesOrTheIndexFriendlyExpansion() {
        List<ColumnInfo> key = List.of(column("c"), column("a`b"), column("id"));
        Object[] values = {1L, 2L, 3L};
        assertThat(KeysetPredicate.after(new StubDialect(true), key, values, new SqlParams()))
                .isEqualTo("(`c`, `a``b`, `id`) > (?, ?, ?)");
        assertThat(KeysetPredicate.after(new StubDialect(false), key, values, new SqlParams()))
                .isEqualTo("`c` >= ? AND (`c` > ? OR (`c` = ? AND (`a``b` > ? OR (`a``b` = ? AND `id` > ?))))");
        assertThat(KeysetPredicate.after(new StubDialect(false), List.of(column("id")), values, new SqlParams()))
                .isEqualTo("`id` > ?");
    }

    @Test
    void offsetValuesRoundTripThroughTheirJsonForm() throws Exception {
        Object[][] cases = {
                {LogicalType.INT64, 42L, 42L},
                {LogicalType.TIMESTAMPTZ, Instant.parse("2024-05-01T10:00:00.123456Z"), "2024-05-01T10:00:00.123456Z"},
                {LogicalType.TIMESTAMP, LocalDateTime.parse("2024-05-01T10:00"), "2024-05-01T10:00"},
                {LogicalType.DATE, LocalDate.parse("2024-05-01"), "2024-05-01"},
                {LogicalType.decimal(20, 0), new BigDecimal("18446744073709551615"), "18446744073709551615"},
                {LogicalType.UUID, UUID.fromString("0b0c6f1e-7a53-4c4e-9c1e-2f8a3c5d6e7f"),
                        "0b0c6f1e-7a53-4c4e-9c1e-2f8a3c5d6e7f"},
                {LogicalType.STRING, "k🚀", "k🚀"}};
        for (Object[] c : cases) {
            LogicalType type = (LogicalType) c[0];
            assertThat(OffsetValues.encode(c[1], type)).isEqualTo(c[2]);
            assertThat(OffsetValues.decode(c[2], type)).isEqualTo(c[1]);
        }
        // the engine's JSON store may hand integers back as Integer or text
        assertThat(OffsetValues.decode(7, LogicalType.INT64)).isEqualTo(7L);
        assertThat(OffsetValues.decode("7", LogicalType.INT32)).isEqualTo(7);
    }

    @Test
    void lookBackMovesTemporalCursorsOnly() {
        assertThat(Bounds.lookedBack(Instant.parse("2024-01-01T00:10:00Z"), Duration.ofMinutes(10)))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(Bounds.lookedBack(LocalDate.parse("2024-01-02"), Duration.ofHours(1)))
                .isEqualTo(LocalDate.parse("2024-01-01"));
        assertThat(Bounds.lookedBack(42L, Duration.ofHours(1))).isNull();
        assertThat(Bounds.lookedBack(Instant.EPOCH, Duration.ZERO)).isNull();
    }

    @Test
    void cursorCandidatesAreTemporalWithConventionalNamesFirst() {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("born", LogicalType.DATE, true),
                Field.of("created_at", LogicalType.TIMESTAMPTZ, true), Field.of("updated", LogicalType.TIMESTAMP, true),
                Field.of("updated_at", LogicalType.STRING, true), Field.of("modified_at", LogicalType.TIMESTAMPTZ, true));
        assertThat(CursorCandidates.of(schema)).containsExactly("modified_at", "updated", "created_at", "born");
    }

    @Test
    void stagingNamesFitTheIdentifierLimitWithoutCollisions() {
        TableDdl ddl = new TableDdl(new StubDialect(true));
        assertThat(ddl.stagingName("t")).isEqualTo("t__arus_staging");
        String a = ddl.stagingName("a_rather_long_table_name_number_one");
        String b = ddl.stagingName("a_rather_long_table_name_number_two");
        assertThat(a).hasSizeLessThanOrEqualTo(30).endsWith("__arus_staging").isNotEqualTo(b);
    }

    @Test
    void mergeKeepsTheLastRowPerKey() {
        Schema schema = Schema.of(Field.of("k", LogicalType.BYTES, false), Field.of("v", LogicalType.INT32, true));
        List<Object[]> rows = List.of(new Object[] {new byte[] {1}, 1}, new Object[] {new byte[] {2}, 2},
                new Object[] {new byte[] {1}, 3});
        assertThat(KeyedRows.lastPerKey(rows, schema, List.of("k"))).extracting(row -> row[1]).containsExactly(3, 2);
    }

    @Test
    void storedOffsetWithoutAllKeyValuesIsNotAKey() throws Exception {
        ReadPlanFixture fixture = new ReadPlanFixture();
        assertThat(Bounds.storedKey(fixture.plan, Offset.of(java.util.Map.of("cursor", 5L, "pk", List.of(1L)))))
                .containsExactly(5L, 1L);
        assertThat(Bounds.storedKey(fixture.plan, Offset.of(java.util.Map.of("cursor", 5L)))).isNull();
        assertThat(Bounds.storedCursor(fixture.plan, Offset.of(java.util.Map.of("cursor", 5L)))).isEqualTo(5L);
    }
}

package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.LogicalType.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per entry of the type mapping, on the oldest server Arus meets (18.16) and on a current one (24.8). */
class ClickHouseTypesTest {
    private static final ServerVersion OLD = ServerVersion.parse("18.16.1");
    private static final ServerVersion NEW = ServerVersion.parse("24.8.4.13");

    static List<Arguments> mapping() {
        return List.of(
                Arguments.of(LogicalType.BOOLEAN, "UInt8", "UInt8"),
                Arguments.of(LogicalType.INT16, "Int16", "Int16"),
                Arguments.of(LogicalType.INT32, "Int32", "Int32"),
                Arguments.of(LogicalType.INT64, "Int64", "Int64"),
                Arguments.of(LogicalType.FLOAT32, "Float32", "Float32"),
                Arguments.of(LogicalType.FLOAT64, "Float64", "Float64"),
                Arguments.of(LogicalType.decimal(12, 2), "Decimal(12, 2)", "Decimal(12, 2)"),
                Arguments.of(LogicalType.decimal(38, 10), "Decimal(38, 10)", "Decimal(38, 10)"),
                Arguments.of(LogicalType.decimal(60, 4), "String", "Decimal(60, 4)"),
                Arguments.of(LogicalType.decimal(77, 0), "String", "String"),
                Arguments.of(LogicalType.decimal(0, 0), "String", "String"),
                Arguments.of(LogicalType.STRING, "String", "String"),
                Arguments.of(LogicalType.BYTES, "String", "String"),
                Arguments.of(LogicalType.DATE, "Date", "Date32"),
                Arguments.of(LogicalType.TIME, "String", "String"),
                Arguments.of(LogicalType.TIMESTAMP, "DateTime('UTC')", "DateTime64(6, 'UTC')"),
                Arguments.of(LogicalType.TIMESTAMPTZ, "DateTime('UTC')", "DateTime64(6, 'UTC')"),
                Arguments.of(LogicalType.UUID, "UUID", "UUID"),
                Arguments.of(LogicalType.JSON, "String", "String"),
                Arguments.of(LogicalType.array(LogicalType.INT32), "Array(Nullable(Int32))", "Array(Nullable(Int32))"),
                Arguments.of(LogicalType.array(LogicalType.TIMESTAMPTZ), "Array(Nullable(DateTime('UTC')))",
                        "Array(Nullable(DateTime64(6, 'UTC')))"),
                Arguments.of(LogicalType.array(LogicalType.array(LogicalType.INT32)), "String", "String"),
                Arguments.of(LogicalType.struct(List.of(Field.of("a", LogicalType.INT32, true))), "String", "String"));
    }

    @ParameterizedTest(name = "{0} -> {1} on 18.16, {2} on 24.8")
    @MethodSource("mapping")
    void mapsEachLogicalTypeByServerVersion(LogicalType type, String onOld, String onNew) {
        assertThat(ClickHouseTypes.valueType(type, OLD)).isEqualTo(onOld);
        assertThat(ClickHouseTypes.valueType(type, NEW)).isEqualTo(onNew);
        // what the mapping makes, the column reads back as holding
        assertThat(ColumnType.parse(onNew).holds(type)).isTrue();
        assertThat(ColumnType.parse(onOld).holds(type)).isTrue();
    }

    @Test
    void theMappingHasARowForEveryKind() {
        Set<Kind> tested = mapping().stream().map(a -> ((LogicalType) a.get()[0]).kind()).collect(Collectors.toSet());
        assertThat(tested).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Kind.class));
    }

    @Test
    void nullableFieldsAreNullableExceptKeysAndArrays() {
        assertThat(ClickHouseTypes.columnType(Field.of("a", LogicalType.INT32, true), false, NEW)).isEqualTo("Nullable(Int32)");
        assertThat(ClickHouseTypes.columnType(Field.of("a", LogicalType.INT32, true), true, NEW)).isEqualTo("Int32");
        assertThat(ClickHouseTypes.columnType(Field.of("a", LogicalType.INT32, false), false, NEW)).isEqualTo("Int32");
        assertThat(ClickHouseTypes.columnType(Field.of("a", LogicalType.array(LogicalType.STRING), true), false, NEW))
                .isEqualTo("Array(Nullable(String))");
        assertThat(ClickHouseTypes.columnType(Field.of("a", LogicalType.decimal(0, 0), true), false, OLD))
                .isEqualTo("Nullable(String)");
    }

    @Test
    void columnTypesReadBackAsTheLogicalTypesTheyHold() {
        Map<String, LogicalType> read = Map.of(
                "Nullable(Decimal(12, 2))", LogicalType.decimal(12, 2),
                "LowCardinality(Nullable(String))", LogicalType.STRING,
                "Decimal64(3)", LogicalType.decimal(18, 3),
                "Date32", LogicalType.DATE,
                "DateTime64(3, 'Europe/Berlin')", LogicalType.TIMESTAMPTZ,
                "Array(Nullable(Int64))", LogicalType.array(LogicalType.INT64),
                "UInt32", LogicalType.INT64);
        read.forEach((type, logical) -> assertThat(ColumnType.parse(type).logicalType()).as(type).isEqualTo(logical));
        assertThat(ColumnType.parse("Enum8('a' = 1, 'b' = 2)").logicalType()).isNull();
    }

    @Test
    void columnsHoldNarrowerValuesAndRefuseWiderOnes() {
        assertThat(ColumnType.parse("Int64").holds(LogicalType.INT32)).isTrue();
        assertThat(ColumnType.parse("Int32").holds(LogicalType.INT64)).isFalse();
        assertThat(ColumnType.parse("Nullable(Float64)").holds(LogicalType.FLOAT32)).isTrue();
        assertThat(ColumnType.parse("Decimal(20, 2)").holds(LogicalType.INT32)).isTrue();
        assertThat(ColumnType.parse("Decimal(12, 2)").holds(LogicalType.decimal(14, 2))).isFalse();
        assertThat(ColumnType.parse("String").holds(LogicalType.BYTES)).isTrue();
        assertThat(ColumnType.parse("DateTime('UTC')").holds(LogicalType.TIMESTAMP)).isTrue();
        assertThat(ColumnType.parse("UUID").holds(LogicalType.STRING)).isFalse();
        assertThat(ColumnType.parse("Array(Nullable(Int64))").holds(LogicalType.array(LogicalType.INT16))).isTrue();
    }

    @Test
    void typeSpellingsParseToOneValue() {
        assertThat(ColumnType.parse("Decimal(12,2)")).isEqualTo(ColumnType.parse("Decimal(12, 2)"));
        ColumnType nested = ColumnType.parse("Array(Nullable(DateTime64(6, 'UTC')))");
        assertThat(nested.argType(0).argType(0).args()).containsExactly("6", "'UTC'");
        assertThat(ColumnType.parse("Nullable(Decimal(12, 2))").base()).hasToString("Decimal(12, 2)");
        assertThat(ColumnType.parse("Enum8('a,b' = 1, 'c' = 2)").args()).containsExactly("'a,b' = 1", "'c' = 2");
    }
}

package io.arus.api.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LogicalTypeTest {
    private static final LogicalType ADDRESS = LogicalType.struct(List.of(
            Field.of("city", LogicalType.STRING, true),
            Field.of("zip", LogicalType.INT32, false)));

    @Test
    void printsTypesAsUsersReadThem() {
        assertThat(LogicalType.decimal(12, 2)).hasToString("decimal(12,2)");
        assertThat(LogicalType.decimal(0, 0)).hasToString("decimal");
        assertThat(LogicalType.array(LogicalType.STRING)).hasToString("array<string>");
        assertThat(LogicalType.array(LogicalType.decimal(12, 2))).hasToString("array<decimal(12,2)>");
        assertThat(ADDRESS).hasToString("struct<city:string,zip:int32>");
        assertThat(LogicalType.struct(List.of())).hasToString("struct<>");
        assertThat(LogicalType.TIMESTAMPTZ).hasToString("timestamptz");
        assertThat(LogicalType.array(ADDRESS)).hasToString("array<struct<city:string,zip:int32>>");
    }

    @Test
    void equalTypesHaveEqualHashCodes() {
        assertThat(LogicalType.decimal(12, 2)).isEqualTo(LogicalType.decimal(12, 2))
                .hasSameHashCodeAs(LogicalType.decimal(12, 2));
        assertThat(LogicalType.array(LogicalType.INT32)).isEqualTo(LogicalType.array(LogicalType.INT32))
                .hasSameHashCodeAs(LogicalType.array(LogicalType.INT32));
        LogicalType sameAddress = LogicalType.struct(List.of(
                Field.of("city", LogicalType.STRING, true),
                Field.of("zip", LogicalType.INT32, false)));
        assertThat(ADDRESS).isEqualTo(sameAddress).hasSameHashCodeAs(sameAddress);
    }

    @Test
    void typesDifferingInAParameterAreNotEqual() {
        assertThat(LogicalType.decimal(12, 2)).isNotEqualTo(LogicalType.decimal(12, 3))
                .isNotEqualTo(LogicalType.decimal(13, 2));
        assertThat(LogicalType.array(LogicalType.INT32)).isNotEqualTo(LogicalType.array(LogicalType.INT64));
        assertThat(ADDRESS).isNotEqualTo(LogicalType.struct(List.of(
                Field.of("city", LogicalType.STRING, true),
                Field.of("zip", LogicalType.INT32, true))));
        assertThat(LogicalType.INT32).isNotEqualTo(LogicalType.INT64).isNotEqualTo(null).isNotEqualTo("int32");
    }

    @Test
    void decimalCarriesPrecisionAndScale() {
        LogicalType amount = LogicalType.decimal(12, 2);

        assertThat(amount.kind()).isEqualTo(LogicalType.Kind.DECIMAL);
        assertThat(amount.precision()).isEqualTo(12);
        assertThat(amount.scale()).isEqualTo(2);
        assertThat(amount.element()).isNull();
        assertThat(amount.fields()).isEmpty();
    }

    @Test
    void rejectsAnInvalidDecimal() {
        assertThatThrownBy(() -> LogicalType.decimal(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogicalType.decimal(10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogicalType.decimal(5, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid decimal(5,6)");
    }

    @Test
    void acceptsAScaleEqualToThePrecisionAndTheUnboundedDecimal() {
        assertThat(LogicalType.decimal(5, 5).scale()).isEqualTo(5);
        assertThat(LogicalType.decimal(0, 0).precision()).isZero();
    }

    @Test
    void arrayAndStructCarryTheirParts() {
        assertThat(LogicalType.array(LogicalType.UUID).element()).isEqualTo(LogicalType.UUID);
        assertThat(ADDRESS.fields()).extracting(Field::name).containsExactly("city", "zip");
        assertThatThrownBy(() -> LogicalType.array(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @EnumSource(value = LogicalType.Kind.class, mode = EnumSource.Mode.EXCLUDE, names = {"DECIMAL", "ARRAY", "STRUCT"})
    void ofGivesTheConstantOfAParameterlessKind(LogicalType.Kind kind) {
        LogicalType type = LogicalType.of(kind);

        assertThat(type.kind()).isEqualTo(kind);
        assertThat(type).hasToString(kind.id());
        assertThat(LogicalType.of(kind)).isSameAs(type);
    }

    @ParameterizedTest
    @EnumSource(value = LogicalType.Kind.class, names = {"DECIMAL", "ARRAY", "STRUCT"})
    void ofRefusesAKindThatNeedsParameters(LogicalType.Kind kind) {
        assertThatThrownBy(() -> LogicalType.of(kind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs parameters");
    }

    @ParameterizedTest
    @EnumSource(LogicalType.Kind.class)
    void kindIdIsTheLowerCaseName(LogicalType.Kind kind) {
        assertThat(kind.id()).isEqualTo(kind.name().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @EnumSource(value = LogicalType.Kind.class, mode = EnumSource.Mode.EXCLUDE, names = {"DECIMAL", "ARRAY", "STRUCT"})
    void everyTypeAcceptsItself(LogicalType.Kind kind) {
        assertThat(LogicalType.of(kind).accepts(LogicalType.of(kind))).isTrue();
    }

    static Stream<Arguments> widenings() {
        return Stream.of(
                // integers widen to larger integers only
                Arguments.of(LogicalType.INT64, LogicalType.INT32, true),
                Arguments.of(LogicalType.INT64, LogicalType.INT16, true),
                Arguments.of(LogicalType.INT32, LogicalType.INT16, true),
                Arguments.of(LogicalType.INT16, LogicalType.INT32, false),
                Arguments.of(LogicalType.INT32, LogicalType.INT64, false),
                // to decimals with enough integer digits (5, 10 and 19 digits)
                Arguments.of(LogicalType.decimal(20, 0), LogicalType.INT64, true),
                Arguments.of(LogicalType.decimal(19, 0), LogicalType.INT64, true),
                Arguments.of(LogicalType.decimal(10, 0), LogicalType.INT64, false),
                Arguments.of(LogicalType.decimal(10, 0), LogicalType.INT32, true),
                Arguments.of(LogicalType.decimal(12, 2), LogicalType.INT32, true),
                Arguments.of(LogicalType.decimal(11, 2), LogicalType.INT32, false),
                Arguments.of(LogicalType.decimal(5, 0), LogicalType.INT16, true),
                Arguments.of(LogicalType.decimal(4, 0), LogicalType.INT16, false),
                // floats
                Arguments.of(LogicalType.FLOAT64, LogicalType.FLOAT32, true),
                Arguments.of(LogicalType.FLOAT64, LogicalType.INT32, true),
                Arguments.of(LogicalType.FLOAT64, LogicalType.INT16, true),
                Arguments.of(LogicalType.FLOAT64, LogicalType.INT64, false),
                Arguments.of(LogicalType.FLOAT32, LogicalType.FLOAT64, false),
                Arguments.of(LogicalType.INT64, LogicalType.FLOAT64, false),
                // decimals keep integer and fraction digits
                Arguments.of(LogicalType.decimal(14, 4), LogicalType.decimal(12, 2), true),
                Arguments.of(LogicalType.decimal(12, 2), LogicalType.decimal(14, 4), false),
                Arguments.of(LogicalType.decimal(12, 2), LogicalType.decimal(12, 3), false),
                Arguments.of(LogicalType.decimal(13, 3), LogicalType.decimal(12, 3), true),
                Arguments.of(LogicalType.decimal(12, 2), LogicalType.decimal(0, 0), false),
                // the unbounded decimal holds any decimal and any integer
                Arguments.of(LogicalType.decimal(0, 0), LogicalType.decimal(38, 10), true),
                Arguments.of(LogicalType.decimal(0, 0), LogicalType.decimal(12, 2), true),
                Arguments.of(LogicalType.decimal(0, 0), LogicalType.INT64, true),
                Arguments.of(LogicalType.decimal(0, 0), LogicalType.INT16, true),
                Arguments.of(LogicalType.decimal(0, 0), LogicalType.FLOAT64, false),
                // string holds everything
                Arguments.of(LogicalType.STRING, LogicalType.INT64, true),
                Arguments.of(LogicalType.STRING, LogicalType.BOOLEAN, true),
                Arguments.of(LogicalType.STRING, LogicalType.decimal(12, 2), true),
                Arguments.of(LogicalType.STRING, LogicalType.TIMESTAMPTZ, true),
                Arguments.of(LogicalType.STRING, LogicalType.BYTES, true),
                Arguments.of(LogicalType.STRING, LogicalType.UUID, true),
                Arguments.of(LogicalType.STRING, LogicalType.JSON, true),
                Arguments.of(LogicalType.STRING, LogicalType.array(LogicalType.INT32), true),
                Arguments.of(LogicalType.STRING, ADDRESS, true),
                Arguments.of(LogicalType.INT64, LogicalType.STRING, false),
                // json holds arrays and structs, not arbitrary text
                Arguments.of(LogicalType.JSON, LogicalType.array(LogicalType.STRING), true),
                Arguments.of(LogicalType.JSON, ADDRESS, true),
                Arguments.of(LogicalType.JSON, LogicalType.STRING, false),
                // a wall-clock reading is not a point in time, nor the reverse
                Arguments.of(LogicalType.TIMESTAMPTZ, LogicalType.TIMESTAMP, false),
                Arguments.of(LogicalType.TIMESTAMP, LogicalType.TIMESTAMPTZ, false),
                Arguments.of(LogicalType.TIMESTAMP, LogicalType.DATE, false),
                Arguments.of(LogicalType.BOOLEAN, LogicalType.INT16, false),
                // arrays widen by element
                Arguments.of(LogicalType.array(LogicalType.INT64), LogicalType.array(LogicalType.INT32), true),
                Arguments.of(LogicalType.array(LogicalType.INT32), LogicalType.array(LogicalType.INT64), false),
                Arguments.of(LogicalType.array(LogicalType.INT64), LogicalType.INT64, false),
                // structs only accept the same struct
                Arguments.of(ADDRESS, ADDRESS, true),
                Arguments.of(ADDRESS, LogicalType.struct(List.of(Field.of("city", LogicalType.STRING, true))), false));
    }

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @MethodSource("widenings")
    void acceptsOnlyValuesThatFitWithoutLoss(LogicalType target, LogicalType source, boolean accepted) {
        assertThat(target.accepts(source)).isEqualTo(accepted);
    }
}

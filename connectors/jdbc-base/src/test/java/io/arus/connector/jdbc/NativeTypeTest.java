package io.arus.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeTypeTest {
    @Test
    void parsesNameParametersModifiersAndArrays() {
        assertThat(NativeType.parse("numeric(12,2)")).satisfies(t -> {
            assertThat(t.name()).isEqualTo("numeric");
            assertThat(t.param(0, -1)).isEqualTo(12);
            assertThat(t.param(1, -1)).isEqualTo(2);
        });
        assertThat(NativeType.parse("int(10) unsigned zerofill")).satisfies(t -> {
            assertThat(t.name()).isEqualTo("int");
            assertThat(t.unsigned()).isTrue();
        });
        assertThat(NativeType.parse("timestamp(3) with time zone").name()).isEqualTo("timestamp with time zone");
        assertThat(NativeType.parse("character varying(40)[]")).satisfies(t -> {
            assertThat(t.arrayDims()).isEqualTo(1);
            assertThat(t.element().name()).isEqualTo("character varying");
            assertThat(t.element().text()).isEqualTo("character varying(40)");
        });
        assertThat(NativeType.parse("enum('a,b','c)')").params()).isEqualTo(List.of("'a,b'", "'c)'"));
        assertThat(NativeType.parse("TEXT").name()).isEqualTo("text");
        assertThat(NativeType.parse("numeric").param(0, 0)).isZero();
    }

    @Test
    void jsonTextKeepsNumbersExactAndEscapesText() {
        assertThat(JsonText.write(List.of(1L, new java.math.BigDecimal("0.10"), "a\"b\n", true)))
                .isEqualTo("[1,0.10,\"a\\\"b\\n\",true]");
        assertThat(JsonText.write(java.util.Map.of("k", java.util.Arrays.asList(null, "🚀"))))
                .isEqualTo("{\"k\":[null,\"🚀\"]}");
    }

    @Test
    void sqlStateClassesDecideTheKind() {
        assertThat(SqlFailures.kindOf(new java.sql.SQLException("x", "22001"))).hasToString("DATA");
        assertThat(SqlFailures.kindOf(new java.sql.SQLException("x", "23502"))).hasToString("DATA");
        assertThat(SqlFailures.kindOf(new java.sql.SQLException("x", "08006"))).hasToString("CONNECTION");
        assertThat(SqlFailures.kindOf(new java.sql.SQLException("x", "28P01"))).hasToString("AUTHENTICATION");
        assertThat(SqlFailures.kindOf(new java.sql.SQLException("x", "42P01"))).hasToString("SCHEMA");
        assertThat(SqlFailures.kindOf(new java.sql.SQLException("x", null, new java.io.IOException("reset"))))
                .hasToString("CONNECTION");
    }
}

package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.NativeType;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every value pgoutput sends as text decodes to what the full-refresh reader answers for the same value through
 * JDBC: one row per type of the read mapping, plus its edge values (infinities, BC, historic offsets with seconds,
 * quoted and NULL array elements). The session's zone is one with an odd offset, as a replication connection's is
 * whatever the JVM's zone is.
 */
class TextValueDecoderTest {
    private static PgFixture db;

    @BeforeAll
    static void server() throws Exception {
        db = new PgFixture();
        db.sql("SET TimeZone = 'Asia/Kolkata'");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        db.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "smallint|-32768", "integer|2147483647", "bigint|-9223372036854775808",
        "real|1.1", "real|NaN", "real|-Infinity", "double precision|0.1", "double precision|1e308",
        "numeric(12,2)|-1234567890.10", "numeric|0.000000000000000000001", "numeric|12345678901234567890.5",
        "boolean|t", "boolean|f", "text|a 'quoted' \"text\" with \\ backslash", "character varying(5)|abc",
        "character(5)|ab", "bytea|\\x00ff10", "date|2024-02-29", "date|infinity", "date|-infinity",
        "date|0044-03-15 BC", "time without time zone|23:59:59.999999", "time without time zone|24:00:00",
        "timestamp without time zone|2024-01-01 12:34:56.789", "timestamp without time zone|infinity",
        "timestamp without time zone|0044-03-15 12:00:00 BC",
        "timestamp with time zone|2024-01-01 00:00:00+00", "timestamp with time zone|1900-01-01 00:00:00+00",
        "timestamp with time zone|2024-06-30 23:59:59.123456-09:30", "timestamp with time zone|-infinity",
        "uuid|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "json|{\"a\": [1, 2]}", "jsonb|{\"a\": [1, 2], \"b\": null}",
        "interval|1 year 2 mons 3 days 04:05:06", "time with time zone|12:00:00+05:30",
        "integer[]|{1,NULL,3}", "text[]|{\"a,b\",\"c \\\"d\\\"\",NULL,plain}", "bigint[]|{}",
        "numeric[]|{1.5,-2.25}", "boolean[]|{t,f}", "timestamp with time zone[]|{\"2024-01-01 00:00:00+00\"}",
        "uuid[]|{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "date[]|{2024-01-01,NULL}",
        "integer[]|{{1,2},{3,4}}"
    })
    void decodesTheTextOutputToWhatTheJdbcReaderAnswers(String type, String literal) throws Exception {
        NativeType nativeType;
        Object expected;
        String text;
        try (Statement statement = db.admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CAST(v AS " + type + "),"
                     + " NULL, format_type('" + type + "'::regtype, NULL) FROM (SELECT CAST('" + literal.replace("'", "''")
                     + "' AS text) AS v) s")) {
            rows.next();
            // the driver's text result is the type's output function, as pgoutput sends it (a ::text cast would
            // strip character(n)'s padding)
            nativeType = NativeType.parse(rows.getString(3));
            ColumnMapping mapping = PostgresTypes.read(nativeType);
            expected = mapping.reader().read(rows, 1);
            text = rows.getString(1);
            Object decoded = TextValueDecoder.forType(mapping.type()).decode(text);
            assertThat(decoded).as("%s %s", type, text).isEqualTo(expected);
            if (expected != null) {
                assertThat(decoded).isExactlyInstanceOf(expected.getClass());
            }
        }
    }
}

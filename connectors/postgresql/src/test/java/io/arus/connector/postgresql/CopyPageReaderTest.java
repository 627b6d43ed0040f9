package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.QueryParameter;
import io.arus.connector.jdbc.ValueBinders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The COPY page reader answers exactly what the JDBC column readers answer, value for value, on edge values of
 * every type it decodes; it binds its bounds without writing them into SQL; and it leaves types it cannot decode
 * to JDBC.
 */
class CopyPageReaderTest {
    /** Column name, DDL type, then literal values (the last row is all NULL). */
    private static final String[][] COLUMNS = {
            {"i2", "smallint", "-32768", "32767", "0"},
            {"i4", "integer", "-2147483648", "2147483647", "7"},
            {"i8", "bigint", "-9223372036854775808", "9223372036854775807", "42"},
            {"f4", "real", "'-Infinity'", "1.5e-40", "'NaN'"},
            {"f8", "double precision", "'Infinity'", "-2.2250738585072014e-308", "0.1"},
            {"n", "numeric", "'-12345678901234567890123456789.123456789'", "0.000001", "10000"},
            {"n2", "numeric(12,2)", "-0.50", "9999999999.99", "100"},
            {"n0", "numeric(20,0)", "12345678901234567890", "-1", "0"},
            {"n4", "numeric(16,4)", "123456789012.3456", "-0.0001", "1.2300"},
            {"nn", "numeric", "1e20", "-1.000000000000000000001", "123.456"},
            {"b", "boolean", "true", "false", "true"},
            {"t", "text", "'Zoë 🚀 𝄞 中文'", "''", "'it''s'"},
            {"vc", "varchar(40)", "'émile'", "' lead and trail '", "'x'"},
            {"c3", "char(3)", "'ab'", "'abc'", "''"},
            {"by", "bytea", "'\\x00ff10'::bytea", "''::bytea", "decode(repeat('ab', 40000), 'hex')"},
            {"u", "uuid", "'0b0c6f1e-7a53-4c4e-9c1e-2f8a3c5d6e7f'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                "'00000000-0000-0000-0000-000000000000'"},
            {"j", "json", "'{\"a\": [1, 2]}'", "'[]'", "'\"🚀\"'"},
            {"jb", "jsonb", "'{\"b\": \"🚀\", \"a\": 1}'", "'null'", "'[1, {\"x\": 2.50}]'"},
            {"d", "date", "'infinity'", "'-infinity'", "'1999-12-31'"},
            {"d2", "date", "'0044-03-15 BC'", "'2024-02-29'", "'2000-01-01'"},
            {"tm", "time", "'24:00:00'", "'00:00:00'", "'23:59:58.123456'"},
            {"ts", "timestamp(6)", "'infinity'", "'-infinity'", "'2024-03-31 02:30:00.5'"},
            {"ts2", "timestamp", "'1969-12-31 23:59:59.999999'", "'1999-12-31 23:59:59.000001'",
                "'4713-01-01 00:00:00 BC'"},
            {"tz", "timestamptz", "'infinity'", "'-infinity'", "'2024-05-01 10:00:00.123456+02'"},
            {"tz2", "timestamptz", "'1900-01-01 00:00:00+00'", "'1970-01-01 00:00:00.000001+00'",
                "'2262-04-11 23:47:16.854775+00'"},
    };

    private PgFixture db;
    private Connection connection;

    @BeforeEach
    void setUp() throws Exception {
        db = new PgFixture();
        Properties properties = new Properties();
        properties.put("user", "arus");
        properties.put("password", "arus");
        properties.put("prepareThreshold", "-1");
        connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PgFixture.PORT + "/arus_test",
                properties);
        connection.setAutoCommit(false);
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + db.q("edges") + " (id int PRIMARY KEY");
        for (String[] column : COLUMNS) {
            ddl.append(", ").append(column[0]).append(' ').append(column[1]);
        }
        List<String> statements = new ArrayList<>(List.of(ddl.append(')').toString()));
        for (int row = 0; row < 3; row++) {
            StringBuilder insert = new StringBuilder("INSERT INTO " + db.q("edges") + " VALUES (" + (row + 1));
            for (String[] column : COLUMNS) {
                insert.append(", ").append(column[row + 2]);
            }
            statements.add(insert.append(')').toString());
        }
        statements.add("INSERT INTO " + db.q("edges") + " (id) VALUES (4)");
        db.sql(statements.toArray(String[]::new));
    }

    @AfterEach
    void tearDown() throws Exception {
        connection.close();
        db.close();
    }

    @Test
    void decodesEveryValueAsTheJdbcReadersDo() throws Exception {
        List<NativeType> types = columnTypes();
        String select = "SELECT id, " + String.join(", ", names()) + " FROM " + db.q("edges") + " ORDER BY id";
        List<Object[]> viaJdbc = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(select);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Object[] row = new Object[types.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = PostgresTypes.read(types.get(i)).reader().read(rows, i + 1);
                }
                viaJdbc.add(row);
            }
        }
        CopyPageReader reader = CopyPageReader.of(types);
        assertThat(reader).isNotNull();
        List<Object[]> viaCopy = new ArrayList<>();
        reader.read(connection, select, List.of(), viaCopy::add);

        assertThat(viaCopy).hasSize(4);
        for (int row = 0; row < 4; row++) {
            for (int column = 0; column < types.size(); column++) {
                String at = "row " + (row + 1) + ", column " + (column == 0 ? "id" : COLUMNS[column - 1][0]);
                Object expected = viaJdbc.get(row)[column];
                Object actual = viaCopy.get(row)[column];
                if (expected instanceof byte[] bytes) {
                    assertThat((byte[]) actual).as(at).isEqualTo(bytes);
                } else {
                    assertThat(actual).as(at).isEqualTo(expected);
                }
            }
        }
        assertThat(viaCopy.get(3)).containsOnlyOnce(4).satisfies(row -> assertThat(row[1]).isNull());
    }

    @Test
    void boundsArriveAsSettingsNotAsSqlText() throws Exception {
        NativeType text = NativeType.parse("text");
        NativeType stamp = NativeType.parse("timestamp with time zone");
        CopyPageReader reader = CopyPageReader.of(List.of(NativeType.parse("integer"), text));
        String hostile = "x'); DROP TABLE " + db.q("edges") + "; --";
        String sql = "SELECT id, t FROM " + db.q("edges") + " WHERE coalesce(t, '') <> " + reader.placeholder(0, text)
                + " AND coalesce(tz, 'infinity') > " + reader.placeholder(1, stamp) + " ORDER BY id";
        List<Object[]> rows = new ArrayList<>();
        reader.read(connection, sql, List.of(new QueryParameter(hostile, ValueBinders.forType(LogicalType.STRING), text),
                new QueryParameter(java.time.Instant.parse("2024-05-01T08:00:00.123455Z"),
                        new PostgresDialect().binder(LogicalType.TIMESTAMPTZ), stamp)), rows::add);

        assertThat(sql).doesNotContain("DROP");
        // row 3 is 08:00:00.123456Z, one microsecond after the bound; infinity rows 1 and 4 (NULL) pass too
        assertThat(rows).extracting(row -> row[0]).containsExactly(1, 3, 4);
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + db.q("edges"));
             ResultSet count = statement.executeQuery()) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(4);
        }
    }

    @Test
    void leavesTypesItCannotDecodeToJdbc() {
        assertThat(CopyPageReader.of(List.of(NativeType.parse("integer"), NativeType.parse("interval")))).isNull();
        assertThat(CopyPageReader.of(List.of(NativeType.parse("time with time zone")))).isNull();
        assertThat(CopyPageReader.of(List.of(NativeType.parse("integer[]")))).isNull();
        assertThat(CopyPageReader.of(List.of(NativeType.parse("mood")))).isNull();
        assertThat(new PostgresDialect().bulkReader(List.of(NativeType.parse("bigint"),
                NativeType.parse("character varying(40)"), NativeType.parse("numeric(12,2)")))).isNotNull();
    }

    @Test
    void aNumericNaNIsRefusedWithItsName() throws Exception {
        db.sql("CREATE TABLE " + db.q("nan") + " (id int PRIMARY KEY, n numeric)",
                "INSERT INTO " + db.q("nan") + " VALUES (1, 'NaN')");
        CopyPageReader reader = CopyPageReader.of(List.of(NativeType.parse("integer"), NativeType.parse("numeric")));

        assertThatThrownBy(() -> reader.read(connection, "SELECT id, n FROM " + db.q("nan"), List.of(), row -> { }))
                .isInstanceOf(SQLException.class).hasMessageContaining("NaN");
    }

    private List<NativeType> columnTypes() {
        List<NativeType> types = new ArrayList<>(List.of(NativeType.parse("integer")));
        for (String[] column : COLUMNS) {
            types.add(NativeType.parse(catalogName(column[1])));
        }
        return types;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String[] column : COLUMNS) {
            names.add(column[0]);
        }
        return names;
    }

    /** The DDL spelling as format_type() answers it, which is what the catalog hands the reader. */
    private static String catalogName(String ddl) {
        return switch (ddl) {
            case "varchar(40)" -> "character varying(40)";
            case "char(3)" -> "character(3)";
            case "time" -> "time without time zone";
            case "timestamp", "timestamp(6)" -> "timestamp without time zone";
            case "timestamptz" -> "timestamp with time zone";
            default -> ddl;
        };
    }
}

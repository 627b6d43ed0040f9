package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Quoting, literals and the TabSeparated reader: the text that goes to and comes from the server. */
class SqlTextTest {
    @Test
    void identifiersAndLiteralsCannotEndTheirQuotes() {
        assertThat(ClickHouseSql.quote("a`b\\c")).isEqualTo("`a\\`b\\\\c`");
        assertThat(ClickHouseSql.literal("it's \\ fine")).isEqualTo("'it\\'s \\\\ fine'");
        assertThat(ClickHouseSql.qualify("db", "t")).isEqualTo("`db`.`t`");
    }

    @Test
    void tabSeparatedUnescapesFieldsAndKeepsNullsApart() {
        byte[] answer = "1\ta\\tb\\nc\t\\N\n2\t\\\\N\t\n".getBytes(StandardCharsets.UTF_8);
        List<String[]> rows = TabSeparated.parse(answer);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("1", "a\tb\nc", null);
        assertThat(rows.get(1)).containsExactly("2", "\\N", "");
        assertThat(TabSeparated.parse(new byte[0])).isEmpty();
        assertThat(TabSeparated.single("18.16.1\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("18.16.1");
        assertThat(TabSeparated.parse("Décimal('x\\'y')\n".getBytes(StandardCharsets.UTF_8)).get(0)).containsExactly("Décimal('x'y')");
    }

    @Test
    void hardDeleteKeysAreTypedLiterals() {
        assertThat(HardDelete.value(42L, ColumnType.parse("Int64"))).isEqualTo("42");
        assertThat(HardDelete.value(42, ColumnType.parse("String"))).isEqualTo("'42'");
        assertThat(HardDelete.value("o'k", ColumnType.parse("String"))).isEqualTo("'o\\'k'");
        assertThat(HardDelete.value(new BigDecimal("1.50"), ColumnType.parse("Decimal(12, 2)")))
                .isEqualTo("CAST('1.50' AS Decimal(12, 2))");
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(HardDelete.value(uuid, ColumnType.parse("UUID"))).isEqualTo("CAST('" + uuid + "' AS UUID)");
        assertThat(HardDelete.value(Instant.parse("2024-01-02T03:04:05.123456Z"), ColumnType.parse("DateTime64(6, 'UTC')")))
                .isEqualTo("CAST('2024-01-02 03:04:05.123456' AS DateTime64(6, 'UTC'))");
        assertThat(HardDelete.value(Instant.parse("2024-01-02T03:04:05Z"), ColumnType.parse("DateTime('UTC')")))
                .isEqualTo("CAST('2024-01-02 03:04:05' AS DateTime('UTC'))");
    }

    @Test
    void serverMessagesLoseTheirWrapping() {
        assertThat(ServerFailures.serverText("Code: 60, e.displayText() = DB::Exception: Table x.y doesn't exist., "
                + "e.what() = DB::Exception")).isEqualTo("Table x.y doesn't exist.");
        assertThat(ServerFailures.serverText("Code: 60. DB::Exception: Table x.y does not exist. (UNKNOWN_TABLE) "
                + "(version 24.8.4.13)")).isEqualTo("Table x.y does not exist. (UNKNOWN_TABLE) (version 24.8.4.13)");
        assertThat(ServerFailures.classify(516)).isEqualTo(io.arus.api.connector.ConnectorException.Kind.AUTHENTICATION);
        assertThat(ServerFailures.classify(252)).isEqualTo(io.arus.api.connector.ConnectorException.Kind.CONNECTION);
    }
}

package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.Capability;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection check, the descriptor and the counts behind the quality checks. */
class ClickHouseSessionTest {
    @RegisterExtension
    static final ClickHouseFixture db = new ClickHouseFixture();

    @Test
    void checkReportsTheServerVersion() throws Exception {
        try (ConnectorSession session = db.open()) {
            CheckResult result = session.check();
            assertThat(result.ok()).isTrue();
            assertThat(result.message()).isEqualTo("ClickHouse " + db.version() + " at 127.0.0.1:8123, database " + db.database);
        }
        try (ConnectorSession session = db.open(Map.of("database", "not_there_yet"))) {
            assertThat(session.check().message()).endsWith("database not_there_yet (missing: created on the first write)");
        }
    }

    @Test
    void theNativePortIsReplacedAndTheCheckSaysSo() throws Exception {
        try (ConnectorSession session = db.open(Map.of("port", 9000))) {
            CheckResult result = session.check();
            assertThat(result.ok()).isTrue();
            assertThat(result.message()).startsWith("ClickHouse " + db.version() + " at 127.0.0.1:8123")
                    .endsWith("(port 9000 is ClickHouse's native protocol; Arus speaks HTTP, using 8123)");
        }
    }

    @Test
    void aWrongPasswordOrAClosedPortFailsTheCheckInWords() throws Exception {
        try (ConnectorSession session = db.open(Map.of("password", "not-the-password"))) {
            CheckResult result = session.check();
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains("password").doesNotContain("not-the-password");
        }
        try (ConnectorSession session = db.open(Map.of("port", 1))) {
            CheckResult result = session.check();
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains("cannot reach ClickHouse at 127.0.0.1:1 over HTTP");
        }
        try (ConnectorSession session = db.open(Map.of("port", 1))) {
            StreamId target = db.table("never");
            Schema schema = Schema.of(Field.of("id", LogicalType.INT32, false));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.openWriter(new WriteRequest(target, schema,
                    List.of(), WriteMode.APPEND), new ClickHouseFixture.Context(target)))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetryable()).isTrue());
        }
    }

    @Test
    void aDestinationThatUpserts() {
        ClickHouseConnector connector = new ClickHouseConnector();
        assertThat(connector.capabilities()).containsExactlyInAnyOrder(Capability.DESTINATION, Capability.UPSERT, Capability.SQL_MODELS);
        assertThat(connector.descriptor().type()).isEqualTo("clickhouse");
        assertThat(connector.descriptor().config().fields()).extracting(f -> f.name())
                .containsExactly("host", "port", "tls", "database", "username", "password", "raw_ttl_days", "hard_delete");
    }

    @Test
    void profileCountsWhatReadersSeeNotWhatIsStored() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("name", LogicalType.STRING, true),
                Field.of("deleted_at", LogicalType.TIMESTAMPTZ, true));
        StreamId target = db.table("profiled");
        try (ConnectorSession session = db.open()) {
            try (StreamWriter writer = session.openWriter(new WriteRequest(target, schema, List.of("id"), WriteMode.UPSERT),
                    new ClickHouseFixture.Context(target))) {
                for (int delivery = 0; delivery < 3; delivery++) {
                    writer.write(RecordBatch.of(schema, List.of(new Object[] {1, "a", null}, new Object[] {2, null, null},
                            new Object[] {3, null, java.time.Instant.parse("2024-01-01T00:00:00Z")},
                            new Object[] {4, "d", null}), null));
                    writer.flush();
                }
                writer.delete(List.<Object[]>of(new Object[] {4}));
                writer.flush();
            }
            assertThat(db.number("SELECT count() FROM " + db.q("profiled"))).isEqualTo(13);
            StreamProfile profile = session.profile(target, List.of("id"), List.of("name", "deleted_at"), null);
            assertThat(profile.rowCount()).isEqualTo(3);
            assertThat(profile.distinctKeys()).isEqualTo(3);
            assertThat(profile.nullCounts()).isEqualTo(Map.of("name", 2L, "deleted_at", 2L));
            StreamProfile live = session.profile(new StreamId("", "profiled"), List.of(), List.of(), "deleted_at");
            assertThat(live.rowCount()).isEqualTo(2);
            assertThat(live.distinctKeys()).isEqualTo(-1);
        }
    }
}

package io.arus.connector.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeneratorConnectorTest {
    private static final StreamId TABLE_1 = new StreamId("generator", "table_1");
    private final GeneratorConnector connector = new GeneratorConnector();

    private ConnectorSession open(Map<String, Object> values) throws ConfigException {
        return connector.open(GeneratorConnector.SPEC.resolve(values));
    }

    @Test
    void discoversTablesWithEveryLogicalTypeAKeyAndACursor() throws Exception {
        List<StreamDescriptor> streams = open(Map.of("tables", 3, "rows", 50)).discover();

        assertThat(streams).extracting(s -> s.id().toString())
                .containsExactly("generator.table_1", "generator.table_2", "generator.table_3");
        StreamDescriptor first = streams.get(0);
        assertThat(first.primaryKey()).containsExactly("id");
        assertThat(first.cursorCandidates()).containsExactly("updated_at");
        assertThat(first.rowEstimate()).isEqualTo(50);
        Set<LogicalType.Kind> kinds = first.schema().fields().stream().map(f -> f.type().kind())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LogicalType.Kind.class)));
        assertThat(kinds).containsExactlyInAnyOrder(LogicalType.Kind.values());
    }

    @Test
    void sameSeedGivesSameRowsAndAnotherSeedOthers() throws Exception {
        List<Object[]> a = readAll(open(Map.of("rows", 100, "seed", 7)), request().build());
        List<Object[]> b = readAll(open(Map.of("rows", 100, "seed", 7)), request().build());
        List<Object[]> c = readAll(open(Map.of("rows", 100, "seed", 8)), request().build());

        assertThat(a).hasSize(100);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Arrays.deepEquals(a.get(i), b.get(i))).as("row %d", i + 1).isTrue();
        }
        assertThat(Arrays.deepEquals(a.get(0), c.get(0))).isFalse();
    }

    @Test
    void everyTenthRowHoldsNullsInItsNullableColumns() throws Exception {
        List<Object[]> rows = readAll(open(Map.of("rows", 20)), request().build());
        Object[] tenth = rows.get(9);
        List<Field> fields = RowGenerator.SCHEMA.fields();

        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).nullable()) {
                assertThat(tenth[i]).as(fields.get(i).name()).isNull();
                assertThat(rows.get(0)[i]).as(fields.get(i).name()).isNotNull();
            } else {
                assertThat(tenth[i]).as(fields.get(i).name()).isNotNull();
            }
        }
    }

    @Test
    void resumingFromEachBatchOffsetNeitherSkipsNorRepeats() throws Exception {
        ConnectorSession session = open(Map.of("rows", 1000));
        ReadRequest.Builder incremental = request().syncMode(SyncMode.INCREMENTAL).cursorField("updated_at").batchSize(7);
        List<Long> ids = new ArrayList<>();
        Offset offset = null;
        while (true) {
            // a new reader per batch: the worst case of a run killed after every flush
            try (StreamReader reader = session.openReader(incremental.startOffset(offset).build(), Split.WHOLE, null)) {
                RecordBatch batch = reader.poll();
                if (batch == null) {
                    break;
                }
                batch.rows().forEach(r -> ids.add((Long) r[0]));
                offset = batch.offsetAfter();
            }
        }
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates().isSorted();
        assertThat(ids.get(999)).isEqualTo(1000L);
    }

    @Test
    void incrementalRunFindsOnlyRowsAddedSinceTheLastOffset() throws Exception {
        ReadRequest first = request().syncMode(SyncMode.INCREMENTAL).cursorField("updated_at").build();
        List<Object[]> firstRun = new ArrayList<>();
        Offset offset = read(open(Map.of("rows", 100)), first, firstRun);

        List<Object[]> secondRun = new ArrayList<>();
        read(open(Map.of("rows", 150)), request().syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                .startOffset(offset).build(), secondRun);

        assertThat(firstRun).hasSize(100);
        assertThat(secondRun).extracting(r -> (Long) r[0]).containsExactlyElementsOf(range(101, 150));
    }

    @Test
    void lookBackReReadsTheRecentWindow() throws Exception {
        Offset after99 = Offset.of(Map.of("updated_at", RowGenerator.updatedAt(99).toString(), "id", 99L));
        List<Object[]> rows = new ArrayList<>();
        read(open(Map.of("rows", 105)), request().syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                .startOffset(after99).lookBack(Duration.ofSeconds(2)).build(), rows);

        // updated_at(99) = base + 33 s; two seconds back is base + 31 s, the value of ids 93 to 95
        assertThat(rows).extracting(r -> (Long) r[0]).containsExactlyElementsOf(range(93, 105));
    }

    @Test
    void splitsCoverEveryRowExactlyOnce() throws Exception {
        ConnectorSession session = open(Map.of("rows", 10_001));
        ReadRequest request = request().build();
        List<Split> splits = session.splits(request, 4);
        TreeSet<Long> ids = new TreeSet<>();
        int total = 0;
        for (Split split : splits) {
            try (StreamReader reader = session.openReader(request, split, null)) {
                for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                    for (Object[] row : batch.rows()) {
                        ids.add((Long) row[0]);
                        total++;
                    }
                }
            }
        }
        assertThat(splits).hasSize(4);
        assertThat(total).isEqualTo(10_001);
        assertThat(ids.first()).isEqualTo(1L);
        assertThat(ids.last()).isEqualTo(10_001L);
        assertThat(ids).hasSize(10_001);
    }

    @Test
    void readsOnlyTheRequestedColumns() throws Exception {
        List<Object[]> rows = readAll(open(Map.of("rows", 3)), request().columns(List.of("name", "id")).build());

        assertThat(rows.get(0)).hasSize(2);
        assertThat(rows.get(0)[0]).asString().endsWith("#1");
        assertThat(rows.get(0)[1]).isEqualTo(1L);
    }

    @Test
    void configIsValidatedAgainstTheSpec() {
        assertThatThrownBy(() -> GeneratorConnector.SPEC.resolve(Map.of("rows", "many", "tables", 0)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).violations()).extracting(v -> v.field())
                        .containsExactly("tables", "rows"));
    }

    @Test
    void unknownStreamIsAConfigurationError() throws Exception {
        ConnectorSession session = open(Map.of("tables", 2));
        assertThatThrownBy(() -> session.openReader(ReadRequest.builder(new StreamId("generator", "table_3")).build(),
                Split.WHOLE, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("table_1 to table_2");
    }

    private static ReadRequest.Builder request() {
        return ReadRequest.builder(TABLE_1).primaryKey(List.of("id")).batchSize(1000);
    }

    private static List<Object[]> readAll(ConnectorSession session, ReadRequest request) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        read(session, request, rows);
        return rows;
    }

    private static Offset read(ConnectorSession session, ReadRequest request, List<Object[]> into) throws Exception {
        Offset last = request.startOffset();
        try (StreamReader reader = session.openReader(request, Split.WHOLE, null)) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                into.addAll(batch.rows());
                last = batch.offsetAfter();
            }
        }
        return last;
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        return ids;
    }

    @Test
    void configDefaultsApply() {
        Config config = Config.of(GeneratorConnector.SPEC, Map.of());
        assertThat(config.integer("tables", 0)).isEqualTo(1);
        assertThat(config.number("rows", 0)).isEqualTo(1000);
    }
}

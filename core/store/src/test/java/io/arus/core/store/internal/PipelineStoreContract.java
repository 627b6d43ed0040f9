package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.record.Offset;
import io.arus.core.store.ConflictException;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.RunModel;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PipelineStore} does, on the database of the subclass. */
abstract class PipelineStoreContract extends DatabaseTest {
    PipelineStore pipelines;
    String source;
    String destination;

    @BeforeEach
    void createStoreAndConnections() throws ConflictException {
        pipelines = new JpaPipelineStore(persistence, clock);
        JpaConnectionStore connections = new JpaConnectionStore(persistence, clock);
        source = connections.create(ConnectionKind.SOURCE, "crm", "postgresql", Map.of(), "alice").id();
        destination = connections.create(ConnectionKind.DESTINATION, "dwh", "clickhouse", Map.of(), "alice").id();
    }

    @Test
    void createdPipelineKeepsEveryFieldAndIsFoundById() throws ConflictException {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("streams", List.of(Map.of("name", "public.orders", "mode", "upsert", "cursor", "updated_at")));
        definition.put("batchSize", 10_000);
        definition.put("errorThreshold", 0.05);
        definition.put("namespace", null);
        definition.put("checks", Map.of("rowCount", true));

        Pipeline created = pipelines.create(new Pipeline("ignored", "orders", source, destination, definition, true,
                "0 */5 * * * ?", "Europe/Berlin", List.of(), null, null));

        assertThat(created.id()).isNotEqualTo("ignored").hasSize(36);
        assertThat(created).extracting(Pipeline::name, Pipeline::sourceId, Pipeline::destinationId,
                        Pipeline::definition, Pipeline::enabled, Pipeline::scheduleCron, Pipeline::scheduleTimezone,
                        Pipeline::dependsOn)
                .containsExactly("orders", source, destination, definition, true, "0 */5 * * * ?", "Europe/Berlin",
                        List.of());
        assertThat(created.createdAt()).isEqualTo(clock.instant()).isEqualTo(created.updatedAt());
        assertThat(pipelines.byId(created.id())).contains(created);
        assertThat(pipelines.byId("no-such-id")).isEmpty();
    }

    @Test
    void listsPipelinesByNameWithTheirUpstreamsSortedOnce() throws ConflictException {
        Pipeline c = pipelines.create(draft("c"));
        Pipeline a = pipelines.create(draft("a"));
        Pipeline b = pipelines.create(draft("b", c.id(), a.id(), c.id()));

        List<Pipeline> listed = pipelines.list();

        assertThat(listed).extracting(Pipeline::name).containsExactly("a", "b", "c");
        List<String> upstreams = List.of(a.id(), c.id()).stream().sorted().toList();
        assertThat(b.dependsOn()).isEqualTo(upstreams);
        assertThat(listed.get(1)).isEqualTo(b).isEqualTo(pipelines.byId(b.id()).orElseThrow());
        assertThat(listed.get(0).dependsOn()).isEmpty();
    }

    @Test
    void refusesATakenNameCaseSensitively() throws ConflictException {
        Pipeline orders = pipelines.create(draft("orders"));
        Pipeline other = pipelines.create(draft("Orders"));

        assertThatThrownBy(() -> pipelines.create(draft("orders"))).isInstanceOf(ConflictException.class)
                .hasMessage("pipeline name 'orders' is taken");
        assertThatThrownBy(() -> pipelines.update(renamed(other, "orders"))).isInstanceOf(ConflictException.class)
                .hasMessage("pipeline name 'orders' is taken");
        assertThat(pipelines.update(renamed(orders, "orders"))).isPresent();
        assertThat(pipelines.list()).extracting(Pipeline::name).containsExactly("Orders", "orders");
    }

    @Test
    void refusesASourceOrDestinationThatDoesNotExist() {
        assertThatThrownBy(() -> pipelines.create(TestPipelines.draft("orders", "no-source", destination)))
                .isInstanceOf(ConflictException.class).hasMessage("source no-source does not exist");
        assertThatThrownBy(() -> pipelines.create(TestPipelines.draft("orders", destination, destination)))
                .isInstanceOf(ConflictException.class).hasMessage("source " + destination + " does not exist");
        assertThatThrownBy(() -> pipelines.create(TestPipelines.draft("orders", source, "no-destination")))
                .isInstanceOf(ConflictException.class).hasMessage("destination no-destination does not exist");
        assertThat(pipelines.list()).isEmpty();
    }

    @Test
    void aConnectionDeletedAfterTheChecksIsStillRefusedByTheForeignKey() {
        // what the flush after the checks sees when another transaction deleted the source in between
        PipelineEntity orphan = new PipelineEntity();
        orphan.id = "orphan";
        orphan.name = "orphan";
        orphan.sourceId = "deleted-source";
        orphan.destinationId = destination;
        orphan.definition = "{}";
        orphan.createdAt = clock.instant();
        orphan.updatedAt = clock.instant();

        assertThatThrownBy(() -> persistence.inTransaction(em -> {
            em.persist(orphan);
            Constraints.flush(em, "taken", "missing");
            return null;
        })).isInstanceOf(ConflictException.class).hasMessage("missing");
    }

    @Test
    void refusesAnUnknownUpstreamAndKeepsNothing() {
        assertThatThrownBy(() -> pipelines.create(draft("orders", "no-such-pipeline")))
                .isInstanceOf(ConflictException.class).hasMessage("upstream no-such-pipeline does not exist");
        assertThat(pipelines.list()).isEmpty();
        assertThat(database.queryLong("SELECT COUNT(*) FROM pipeline_dependencies")).isZero();
    }

    @Test
    void updateReplacesEveryFieldButIdAndCreatedAtAndTheWholeUpstreamSet() throws ConflictException {
        Pipeline a = pipelines.create(draft("a"));
        Pipeline b = pipelines.create(draft("b"));
        Pipeline c = pipelines.create(draft("c"));
        Pipeline orders = pipelines.create(draft("orders", a.id(), b.id()));
        String otherSource = new JpaConnectionStore(persistence, clock)
                .create(ConnectionKind.SOURCE, "erp", "mysql", Map.of(), "alice").id();
        clock.advance(Duration.ofMinutes(3));

        Pipeline updated = pipelines.update(new Pipeline(orders.id(), "orders-v2", otherSource, destination,
                Map.of("streams", List.of()), false, "0 0 * * * ?", "UTC", List.of(c.id(), b.id()), null,
                null)).orElseThrow();

        assertThat(updated).extracting(Pipeline::id, Pipeline::name, Pipeline::sourceId, Pipeline::definition,
                        Pipeline::enabled, Pipeline::scheduleCron, Pipeline::scheduleTimezone, Pipeline::createdAt)
                .containsExactly(orders.id(), "orders-v2", otherSource, Map.of("streams", List.of()), false,
                        "0 0 * * * ?", "UTC", orders.createdAt());
        assertThat(updated.dependsOn()).containsExactlyInAnyOrder(b.id(), c.id());
        assertThat(updated.updatedAt()).isEqualTo(clock.instant());
        assertThat(pipelines.byId(orders.id())).contains(updated);
        assertThat(database.queryLong("SELECT COUNT(*) FROM pipeline_dependencies")).isEqualTo(2);

        Pipeline detached = pipelines.update(withUpstreams(updated)).orElseThrow();
        assertThat(detached.dependsOn()).isEmpty();
        assertThat(database.queryLong("SELECT COUNT(*) FROM pipeline_dependencies")).isZero();
    }

    @Test
    void aRefusedUpdateChangesNothing() throws ConflictException {
        Pipeline a = pipelines.create(draft("a"));
        Pipeline orders = pipelines.create(draft("orders", a.id()));

        assertThatThrownBy(() -> pipelines.update(withUpstreams(renamed(orders, "renamed"), "no-such-pipeline")))
                .isInstanceOf(ConflictException.class).hasMessage("upstream no-such-pipeline does not exist");
        assertThat(pipelines.byId(orders.id())).contains(orders);
    }

    @Test
    void refusesADependencyCycle() throws ConflictException {
        Pipeline a = pipelines.create(draft("a"));
        Pipeline b = pipelines.create(draft("b", a.id()));
        Pipeline c = pipelines.create(draft("c", b.id()));

        assertThatThrownBy(() -> pipelines.update(withUpstreams(a, c.id())))
                .isInstanceOf(ConflictException.class).hasMessage("dependency cycle: a -> c -> b -> a");
        assertThatThrownBy(() -> pipelines.update(withUpstreams(a, a.id())))
                .isInstanceOf(ConflictException.class).hasMessage("dependency cycle: a -> a");
        assertThat(pipelines.byId(a.id()).orElseThrow().dependsOn()).isEmpty();
        // two pipelines depending on the same upstream is no cycle
        assertThat(pipelines.update(withUpstreams(c, a.id(), b.id())).orElseThrow().dependsOn()).hasSize(2);
    }

    @Test
    void updateOfAnUnknownPipelineIsEmpty() throws ConflictException {
        Pipeline ghost = new Pipeline("no-such-id", "ghost", source, destination, Map.of(), true, null, null,
                List.of(), null, null);

        assertThat(pipelines.update(ghost)).isEmpty();
    }

    @Test
    void deleteTakesRunsLogsStreamsOffsetsDeadLettersAndDependenciesAlong() throws ConflictException {
        Pipeline upstream = pipelines.create(draft("upstream"));
        Pipeline doomed = pipelines.create(draft("doomed", upstream.id()));
        Pipeline downstream = pipelines.create(draft("downstream", doomed.id()));
        fillRunData(doomed.id());
        fillRunData(upstream.id());

        assertThat(pipelines.delete(doomed.id())).isTrue();

        assertThat(pipelines.byId(doomed.id())).isEmpty();
        assertThat(pipelines.byId(downstream.id()).orElseThrow().dependsOn()).isEmpty();
        assertThat(database.queryLong("SELECT COUNT(*) FROM pipeline_dependencies")).isZero();
        for (String table : List.of("runs", "run_streams", "run_models", "run_logs", "stream_offsets",
                "dead_letters")) {
            assertThat(database.queryLong("SELECT COUNT(*) FROM " + table)).as(table).isEqualTo(1);
        }
        assertThat(database.queryLong("SELECT COUNT(*) FROM dead_letters WHERE pipeline_id = ?", upstream.id()))
                .isEqualTo(1);
        assertThat(pipelines.delete(doomed.id())).isFalse();
    }

    private void fillRunData(String pipelineId) {
        JpaRunStore runs = new JpaRunStore(persistence, clock);
        String run = runs.create(pipelineId, "manual").id();
        runs.saveStream(new RunStream(run, "public.orders", RunStatus.RUNNING, 10, 9, 1, 100, 5, null, null));
        runs.saveModels(run, List.of(new RunModel("daily", "table", "succeeded", 9L, 3, null)));
        runs.log(run, clock.instant(), "info", "started");
        new JpaStreamOffsetStore(persistence, clock).put(pipelineId, "public.orders", "all", Offset.of(Map.of()));
        new JpaDeadLetterStore(persistence, clock).add(run, pipelineId, "public.orders", "too long", Map.of("id", 1));
    }

    private Pipeline draft(String name, String... upstreamIds) {
        return TestPipelines.draft(name, source, destination, upstreamIds);
    }

    private static Pipeline renamed(Pipeline p, String name) {
        return new Pipeline(p.id(), name, p.sourceId(), p.destinationId(), p.definition(), p.enabled(),
                p.scheduleCron(), p.scheduleTimezone(), p.dependsOn(), p.createdAt(), p.updatedAt());
    }

    private static Pipeline withUpstreams(Pipeline p, String... upstreamIds) {
        return new Pipeline(p.id(), p.name(), p.sourceId(), p.destinationId(), p.definition(), p.enabled(),
                p.scheduleCron(), p.scheduleTimezone(), List.of(upstreamIds), p.createdAt(), p.updatedAt());
    }
}

package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.ModelResult;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.notify.Notifier;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.Transform;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.Pipeline;
import io.arus.core.store.Run;
import io.arus.core.store.RunModel;
import io.arus.core.store.RunStatus;
import io.arus.core.store.fixture.MemoryDeadLetters;
import io.arus.core.store.fixture.MemoryOffsets;
import io.arus.core.store.fixture.MemoryRuns;
import io.arus.core.store.fixture.MemorySchemas;
import io.arus.core.store.fixture.TestClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A whole run on fakes, one stream then its SQL models: the run keeps every model's outcome (rows, duration,
 * status, the database's message), when the models succeed and when one fails.
 */
class PipelineRunModelsTest {
    private static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.INT64, false));

    private final MemoryRuns runs = new MemoryRuns();
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeSession source = new FakeSession();
    private final FakeSession destination = new FakeSession();
    private final List<ModelRequest> modelRequests = new ArrayList<>();
    /** The model whose SQL the destination refuses, or null. */
    private String broken;
    /** Whether the source has lost the stream. */
    private boolean noSuchStream;

    @Test
    void aRunKeepsTheOutcomeOfEveryModelThatSucceeded() {
        Run run = run(model("daily", "table"), model("v_daily", "view"), model("top", "incremental"));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.models(run.id())).containsExactly(
                new RunModel("daily", "table", "succeeded", 2L, 250, null),
                new RunModel("v_daily", "view", "succeeded", null, 250, null),
                new RunModel("top", "incremental", "succeeded", 2L, 250, null));
        assertThat(modelRequests).extracting(r -> r.target().toString())
                .containsExactly("analytics.daily", "analytics.v_daily", "analytics.top");
        assertThat(destination.flushed.get("analytics.orders")).hasSize(2);
    }

    @Test
    void aFailedModelIsKeptWithTheDatabasesMessageAndTheModelsAfterItAsSkipped() {
        broken = "v_daily";

        Run run = run(model("daily", "table"), model("v_daily", "view"), model("top", "table"));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("model v_daily failed: column \"nope\" does not exist");
        assertThat(runs.models(run.id())).containsExactly(
                new RunModel("daily", "table", "succeeded", 2L, 250, null),
                new RunModel("v_daily", "view", "failed", null, 250, "column \"nope\" does not exist"),
                new RunModel("top", "table", "skipped", null, 0, "an earlier model failed"));
    }

    @Test
    void aModelTheConnectorCrashesOnFailsTheModelAndIsKept() {
        broken = "crash";

        Run run = run(model("crash", "table"));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.models(run.id())).singleElement().extracting(RunModel::status, RunModel::error)
                .containsExactly("failed", "java.lang.NullPointerException");
    }

    @Test
    void whenAStreamFailedEveryModelIsKeptAsSkipped() {
        noSuchStream = true;

        Run run = run(model("daily", "table"), model("v_daily", "view"));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.models(run.id())).containsExactly(
                new RunModel("daily", "table", "skipped", null, 0, "a stream failed"),
                new RunModel("v_daily", "view", "skipped", null, 0, "a stream failed"));
        assertThat(modelRequests).isEmpty();
    }

    @Test
    void aRunWithoutModelsKeepsNone() {
        Run run = run();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.models(run.id())).isEmpty();
    }

    private Run run(Map<?, ?>... models) {
        source.batches.add(RecordBatch.of(ORDERS, List.of(new Object[] {1L}, new Object[] {2L}),
                Offset.of(Map.of())));
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("name", "public.orders");
        stream.put("sync_mode", "full_refresh");
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("streams", List.of(stream));
        definition.put("target_namespace", "analytics");
        definition.put("models", List.of(models));
        Pipeline pipeline = new Pipeline("p1", "orders", "src", "dst", definition, true, null, null, List.of(),
                clock.instant(), clock.instant());
        Run queued = runs.create("p1", "manual");
        EngineServices services = new EngineServices(null, connections(), runs,
                new StreamState(new MemoryOffsets(), new MemorySchemas()), new MemoryDeadLetters(), new Catalog(),
                new ConnectionSecrets(new PlainBox()), clock, new EventSink(), new RunTracing());
        new PipelineRun(queued.id(), "manual", pipeline, services, new RunControl(), () -> { }).run();
        return runs.byId(queued.id()).orElseThrow();
    }

    private static Map<String, Object> model(String name, String materialization) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", name);
        model.put("sql", "SELECT * FROM {{ ref('public.orders') }}");
        model.put("materialization", materialization);
        if ("incremental".equals(materialization)) {
            model.put("unique_key", List.of("id"));
        }
        return model;
    }

    /** The source discovers {@code public.orders}; the destination runs models, each taking 250 ms. */
    private ConnectorSession session(FakeSession fake, boolean isSource) {
        return (ConnectorSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConnectorSession.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "discover":
                            if (isSource) {
                                if (noSuchStream) {
                                    return List.of();
                                }
                                return List.of(new StreamDescriptor(new StreamId("public", "orders"), ORDERS,
                                        List.of("id"), List.of(), 2));
                            }
                            break;
                        case "quotedName":
                            return ((StreamId) args[0]).toString();
                        case "runModel":
                            return runModel((ModelRequest) args[0]);
                        default:
                            break;
                    }
                    try {
                        return method.invoke(fake, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private ModelResult runModel(ModelRequest request) throws ConnectorException {
        modelRequests.add(request);
        clock.advance(Duration.ofMillis(250));
        if (request.target().name().equals(broken)) {
            if (broken.equals("crash")) {
                throw new NullPointerException();
            }
            throw new ConnectorException(ConnectorException.Kind.SCHEMA, "column \"nope\" does not exist");
        }
        return new ModelResult(request.materialization().id().equals("view") ? -1
                : destination.flushed.get("analytics.orders").size());
    }

    private ConnectionStore connections() {
        return (ConnectionStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConnectionStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("byId")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    ConnectionKind kind = (ConnectionKind) args[0];
                    return Optional.of(new Connection((String) args[1], kind, (String) args[1],
                            kind == ConnectionKind.SOURCE ? "fake-source" : "fake-destination", Map.of(), "alice",
                            clock.instant(), clock.instant()));
                });
    }

    /** Both fake connectors; no transform or notifier. */
    private final class Catalog implements PluginCatalog {
        private final Connector from = fakeConnector("fake-source", session(source, true));
        private final Connector to = fakeConnector("fake-destination", session(destination, false));

        @Override
        public List<PluginType> types(PluginKind kind) {
            return List.of();
        }

        @Override
        public Optional<Connector> connector(String type) {
            return Optional.ofNullable(type.equals("fake-source") ? from : type.equals("fake-destination") ? to : null);
        }

        @Override
        public Optional<Transform> transform(String type) {
            return Optional.empty();
        }

        @Override
        public Optional<Notifier> notifier(String type) {
            return Optional.empty();
        }
    }

    private static Connector fakeConnector(String type, ConnectorSession session) {
        TypeDescriptor descriptor = new TypeDescriptor(type, type, "1.0.0", null, null, ConfigSpec.EMPTY);
        return new Connector() {
            @Override
            public TypeDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public ConnectorSession open(Config config) {
                return session;
            }
        };
    }

    /** Configurations hold no secret here. */
    private static final class PlainBox implements SecretBox {
        @Override
        public String encrypt(String plaintext) {
            return plaintext;
        }

        @Override
        public String decrypt(String encrypted) {
            return encrypted;
        }
    }
}

package io.arus.core.service.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.Transform;
import io.arus.api.type.Schema;
import io.arus.core.engine.TransformPreview;
import io.arus.core.model.InvalidModelException;
import io.arus.core.model.StreamSpec;
import io.arus.core.model.SyncSpec;
import io.arus.core.model.TransformSpec;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.MaskRefusedException;
import io.arus.core.security.SecretBox;
import io.arus.core.security.SecretReferenceException;
import io.arus.core.service.Actor;
import io.arus.core.service.ConnectionFailedException;
import io.arus.core.service.NotFoundException;
import io.arus.core.service.TransformService;
import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** {@link TransformService} over the catalog, the stores and the engine's {@link TransformPreview}. */
@Component(service = TransformService.class)
public final class Transforms implements TransformService {
    /** How long a preview waits for the source's discovery and first batch. */
    static final long READ_TIMEOUT_SECONDS = 30;
    private static final int DEFAULT_LIMIT = 20;

    private final PluginCatalog catalog;
    private final ConnectionStore connections;
    private final PipelineStore pipelines;
    private final ConnectionSecrets secrets;
    private final StepChecks steps;
    private final TransformPreview preview;
    private final ExecutorService reads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "arus-preview-read");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public Transforms(@Reference PluginCatalog catalog, @Reference ConnectionStore connections,
                      @Reference PipelineStore pipelines, @Reference SecretBox box) {
        this.catalog = catalog;
        this.connections = connections;
        this.pipelines = pipelines;
        this.secrets = new ConnectionSecrets(box);
        this.steps = new StepChecks(catalog, secrets);
        this.preview = new TransformPreview(catalog, secrets);
    }

    @Deactivate
    void deactivate() {
        reads.shutdownNow();
    }

    @Override
    public List<ConfigViolation> check(Actor actor, String type, Map<String, Object> config) {
        actor.require(Role.EDITOR);
        Transform transform = catalog.transform(type)
                .orElseThrow(() -> new NotFoundException("no transform type '" + type + "' is installed"));
        List<ConfigViolation> errors = steps.violations(transform, config == null ? Map.of() : config, Map.of(), "");
        // named by the field alone, as the console shows them beside it
        return errors.stream().map(v -> new ConfigViolation(v.field().startsWith("config.")
                ? v.field().substring("config.".length()) : v.field(), v.message())).toList();
    }

    @Override
    public Preview preview(Actor actor, PreviewRequest request) {
        actor.require(Role.EDITOR);
        if (request == null) {
            throw FieldChecks.invalid("body", "a JSON body is required");
        }
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        List<ConfigViolation> errors = new ArrayList<>();
        if (limit < 1 || limit > MAX_PREVIEW_ROWS) {
            errors.add(new ConfigViolation("limit", "must be 1 to " + MAX_PREVIEW_ROWS));
        }
        StreamId id = null;
        try {
            id = request.stream() == null ? null : StreamId.parse(request.stream());
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigViolation("stream", e.getMessage()));
        }
        if (request.stream() == null || request.stream().isBlank()) {
            errors.add(new ConfigViolation("stream", "is required (namespace.table)"));
        }
        Connection source = null;
        if (request.sourceId() == null || request.sourceId().isBlank()) {
            errors.add(new ConfigViolation("source_id", "is required"));
        } else {
            source = connections.byId(ConnectionKind.SOURCE, request.sourceId()).orElse(null);
            if (source == null) {
                errors.add(new ConfigViolation("source_id", "no source " + request.sourceId()));
            }
        }
        List<TransformSpec> chain = request.transforms() == null ? List.of() : request.transforms();
        for (int k = 0; k < chain.size(); k++) {
            if (chain.get(k) == null || chain.get(k).type() == null || chain.get(k).type().isBlank()) {
                errors.add(new ConfigViolation("transforms[" + k + "].type", "is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidModelException(errors);
        }
        List<TransformSpec> specs = unmasked(chain, request.pipelineId(), request.stream());
        Read read = read(source, id, limit);
        TransformPreview.Result result = preview.preview(request.pipelineId(), request.stream(), read.schema(),
                read.rows(), specs);
        return new Preview(request.stream(), read.schema(), read.rows(), result);
    }

    @Override
    public Lineage lineage(Actor actor, String pipelineId) {
        actor.require(Role.VIEWER);
        Pipeline pipeline = pipelines.byId(pipelineId)
                .orElseThrow(() -> new NotFoundException("no pipeline " + pipelineId));
        SyncSpec sync = SyncSpec.of(pipeline.definition());
        Connection source = connections.byId(ConnectionKind.SOURCE, pipeline.sourceId())
                .orElseThrow(() -> new NotFoundException("no source " + pipeline.sourceId()));
        List<StreamDescriptor> discovered = discover(source);
        List<StreamLineage> streams = new ArrayList<>();
        for (StreamSpec stream : sync.streams()) {
            StreamId id = StreamId.parse(stream.name());
            Schema schema = discovered.stream().filter(d -> d.id().equals(id)).findFirst()
                    .map(StreamDescriptor::schema).orElse(null);
            if (schema == null) {
                streams.add(new StreamLineage(stream.name(), id.namespace(), id.name(), sync.targetNamespace(),
                        id.name(), List.of(), List.of(), new TransformPreview.StepError(0, "stream",
                        "the source no longer has " + stream.name())));
                continue;
            }
            TransformPreview.Result opened = preview.preview(pipelineId, stream.name(), schema, List.of(),
                    stream.transforms());
            List<StepLineage> stepLineage = opened.steps().stream()
                    .map(s -> new StepLineage(s.index(), s.type(), s.lineage())).toList();
            streams.add(new StreamLineage(stream.name(), id.namespace(), id.name(), sync.targetNamespace(), id.name(),
                    stepLineage, ColumnLineages.compose(schema, opened.steps(), stream.transforms()), opened.error()));
        }
        List<ModelLineage> models = sync.models().stream().map(m -> new ModelLineage(m.name(),
                m.materialization(), sync.targetNamespace(), m.refs())).toList();
        return new Lineage(streams, models);
    }

    /** The steps with masked secrets filled from the saved pipeline's same step (same stream, index and type). */
    private List<TransformSpec> unmasked(List<TransformSpec> chain, String pipelineId, String stream) {
        List<TransformSpec> stored = List.of();
        if (pipelineId != null && !pipelineId.isBlank()) {
            Pipeline pipeline = pipelines.byId(pipelineId).orElseThrow(() -> new InvalidModelException(
                    List.of(new ConfigViolation("pipeline_id", "no pipeline " + pipelineId))));
            stored = SyncSpec.of(pipeline.definition()).streams().stream().filter(s -> s.name().equals(stream))
                    .findFirst().map(StreamSpec::transforms).orElse(List.of());
        }
        List<TransformSpec> specs = new ArrayList<>();
        for (int k = 0; k < chain.size(); k++) {
            TransformSpec step = chain.get(k);
            TransformSpec previous = k < stored.size() ? stored.get(k) : null;
            ConfigSpec spec = catalog.transform(step.type()).map(t -> t.descriptor().config()).orElse(null);
            if (spec == null) {
                specs.add(step);
                continue;
            }
            Map<String, Object> before = previous != null && previous.type().equals(step.type()) ? previous.config() : Map.of();
            try {
                specs.add(new TransformSpec(step.type(), secrets.encrypt(spec, secrets.unmask(spec, step.config(), before))));
            } catch (MaskRefusedException e) {
                String at = "transforms[" + k + "].config.";
                throw new InvalidModelException(e.violations().stream()
                        .map(v -> new ConfigViolation(at + v.field(), v.message())).toList());
            }
        }
        return specs;
    }

    private record Read(Schema schema, List<Object[]> rows) {
    }

    private Read read(Connection source, StreamId id, int limit) {
        return bounded(source, session -> {
            StreamDescriptor stream = session.discover().stream().filter(d -> d.id().equals(id)).findFirst()
                    .orElseThrow(() -> new InvalidModelException(List.of(new ConfigViolation("stream",
                            "the source has no stream " + id))));
            ReadRequest request = ReadRequest.builder(id).syncMode(SyncMode.FULL_REFRESH).batchSize(limit).build();
            List<Object[]> rows = new ArrayList<>();
            try (StreamReader reader = session.openReader(request, Split.WHOLE, new PreviewContext(id))) {
                RecordBatch batch = reader.poll();
                while (batch != null && batch.isEmpty()) {
                    batch = reader.poll();
                }
                if (batch != null) {
                    batch.rows().stream().limit(limit).forEach(rows::add);
                }
            }
            return new Read(stream.schema(), rows);
        });
    }

    private List<StreamDescriptor> discover(Connection source) {
        return bounded(source, ConnectorSession::discover);
    }

    private interface SessionWork<T> {
        T run(ConnectorSession session) throws Exception;
    }

    /** Opens the source and runs {@code work} on it, waiting at most {@link #READ_TIMEOUT_SECONDS}. */
    private <T> T bounded(Connection source, SessionWork<T> work) {
        Connector connector = catalog.connector(source.type()).orElseThrow(() -> new ConnectionFailedException(
                "connector type '" + source.type() + "' is not installed", true));
        ConfigSpec spec = connector.descriptor().config();
        Map<String, Object> clear;
        try {
            clear = secrets.decrypt(source.config());
        } catch (SecretReferenceException e) {
            throw new ConnectionFailedException("reading the source failed: " + e.getMessage(), false);
        }
        Future<T> future = reads.submit(() -> {
            try (ConnectorSession session = connector.open(Config.of(spec, clear))) {
                return work.run(session);
            }
        });
        try {
            return future.get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ConnectionFailedException("reading the source took longer than " + READ_TIMEOUT_SECONDS + " s", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ConnectionFailedException("reading the source was interrupted", true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidModelException invalid) {
                throw invalid;
            }
            throw new ConnectionFailedException("reading the source failed: "
                    + ConnectionCheck.scrub(String.valueOf(e.getCause().getMessage()), clear, spec), false);
        }
    }

    /** The reader's context in a preview: no run, never stopped, its log lines dropped. */
    private record PreviewContext(StreamId stream) implements StreamContext {
        @Override
        public String runId() {
            return "preview";
        }

        @Override
        public boolean isStopped() {
            return Thread.currentThread().isInterrupted();
        }

        @Override
        public void log(System.Logger.Level level, String message) {
        }
    }
}

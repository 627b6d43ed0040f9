package io.arus.core.engine.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamDescriptor;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.StreamSettings;
import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.Pipeline;
import io.arus.core.store.RunStatus;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/** One run of a pipeline: opens both connectors, resolves the streams, syncs them, and sets the final state. */
final class PipelineRun implements Runnable {
    /** How often a run that follows change logs looks for change-capture streams added to its pipeline. */
    private static final long ADDED_STREAMS_EVERY_MS = 2_000;

    private final String runId;
    private final Pipeline pipeline;
    private final EngineServices services;
    private final RunControl control;
    private final RunJournal journal;
    private final Runnable onEnd;
    private final String trigger;
    private final RunSeries series;
    private final ChangeStreams changes;
    /** Set when a stream finished with rejected rows or a warning quality check. */
    private final AtomicBoolean warned = new AtomicBoolean();

    PipelineRun(String runId, String trigger, Pipeline pipeline, EngineServices services, RunControl control,
                Runnable onEnd) {
        this.runId = runId;
        this.trigger = trigger;
        this.pipeline = pipeline;
        this.services = services;
        this.control = control;
        this.journal = new RunJournal(services.runs(), runId, services.clock());
        this.series = new RunSeries(services.runs(), runId, services.clock());
        this.changes = new ChangeStreams(services, pipeline.id(), journal, control);
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        RunStatus status = RunStatus.FAILED;
        String error = null;
        RunLogContext.enter(runId, pipeline.id());
        Span span = services.tracing().startRun(runId, pipeline.id(), pipeline.name(), trigger);
        Scope scope = services.tracing().context(span, runId, pipeline.id()).makeCurrent();
        try {
            services.runs().setStatus(runId, RunStatus.RUNNING, null, services.clock().instant());
            RunStateEvents.post(services, runId, pipeline.id(), pipeline.name(), trigger, RunStatus.RUNNING, RunStatus.QUEUED, null);
            journal.info("run of pipeline " + pipeline.name() + " started");
            List<String> failures = runStreams();
            RunOutcome outcome = RunOutcome.of(control.isStopped() ? control.reason() : null, control.detail(), failures,
                    warned.get());
            status = outcome.status();
            error = outcome.error();
        } catch (ConnectorUnavailable e) {
            status = RunStatus.INTERRUPTED;
            error = e.getMessage();
        } catch (ConfigException | RuntimeException e) {
            error = e.getMessage();
            journal.error("run failed: " + e.getMessage(), e instanceof ConfigException ? null : e);
        } catch (Exception e) {
            error = e.getMessage();
            journal.error("run failed: " + e.getMessage(), e);
        } finally {
            journal.info("run " + status.id() + (error == null ? "" : ": " + error));
            saveSeries();
            synchronized (control) {
                // under the control's lock, so a pause requested this instant cannot overwrite the end state
                control.end();
                services.runs().setStatus(runId, status, error, services.clock().instant());
            }
            onEnd.run();
            RunStateEvents.post(services, runId, pipeline.id(), pipeline.name(), trigger, status, RunStatus.RUNNING, error);
            RunTracing.endRun(span, status.id(), error);
            scope.close();
            RunLogContext.leave();
        }
    }

    private void saveSeries() {
        try {
            series.finish();
        } catch (RuntimeException e) {
            // the chart is worth less than the run's end state: record that and go on
            journal.warn("the throughput series was not saved: " + e.getMessage());
        }
    }

    /** Keeps every model's outcome on the run, failed and skipped ones too, for the run's answer and the console. */
    private void saveModels(SqlModels.Result models) {
        try {
            services.runs().saveModels(runId, models.runModels());
        } catch (RuntimeException e) {
            // the journal already holds each model's outcome; the run's end state is worth more than this table
            journal.warn("the models' outcomes were not saved: " + e.getMessage());
        }
    }

    private List<String> runStreams() throws Exception {
        PipelineDefinition definition = PipelineDefinition.of(pipeline.definition());
        Connection source = connection(ConnectionKind.SOURCE, pipeline.sourceId());
        Connection destination = connection(ConnectionKind.DESTINATION, pipeline.destinationId());
        Connector sourceConnector = connector(source);
        Connector destinationConnector = connector(destination);
        try (ConnectorSession from = open(sourceConnector, source); ConnectorSession to = open(destinationConnector, destination)) {
            Map<String, StreamDescriptor> discovered = new LinkedHashMap<>();
            for (StreamDescriptor stream : from.discover()) {
                discovered.put(stream.id().toString(), stream);
            }
            List<String> failures = new ArrayList<>();
            boolean following = ChangeStreams.follows(definition);
            // a following change stream holds its thread until the run stops, and streams may be added meanwhile
            ThreadFactory threads = RunLogContext.threads("arus-run-" + runId.substring(0, 8), runId, pipeline.id());
            ExecutorService pool = following ? Executors.newCachedThreadPool(threads)
                    : Executors.newFixedThreadPool(Math.min(definition.parallelism(), definition.streams().size()), threads);
            try {
                List<Future<String>> results = new ArrayList<>();
                Set<String> started = new HashSet<>();
                for (StreamSettings settings : definition.streams()) {
                    started.add(settings.name());
                    results.add(pool.submit(() -> RunTracing.stream(settings.name(), () -> syncStream(definition, settings,
                            discovered.get(settings.name()), from, to, sourceConnector, destinationConnector))));
                }
                while (following && !control.isStopped() && !results.stream().allMatch(Future::isDone)) {
                    Thread.sleep(ADDED_STREAMS_EVERY_MS);
                    for (StreamSettings added : changes.added(started)) {
                        PipelineDefinition current = PipelineDefinition.of(services.pipelines().byId(pipeline.id())
                                .orElseThrow().definition());
                        StreamDescriptor descriptor = from.discover().stream()
                                .filter(d -> d.id().toString().equals(added.name())).findFirst().orElse(null);
                        journal.info(added.name() + ": added to the pipeline while it runs; it is snapshotted and then"
                                + " followed while the other streams go on");
                        results.add(pool.submit(() -> RunTracing.stream(added.name(), () -> syncStream(current, added,
                                descriptor, from, to, sourceConnector, destinationConnector))));
                    }
                }
                for (Future<String> result : results) {
                    String failure = result.get();
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            if (!definition.models().isEmpty()) {
                String skip = control.isStopped() ? "the run was stopped" : failures.isEmpty() ? null : "a stream failed";
                SqlModels.Result models = new SqlModels(to, definition, journal::log, services.clock())
                        .run(target -> new RunStreamContext(journal, target, control, null), skip);
                saveModels(models);
                if (models.failure() != null) {
                    failures.add(models.failure());
                }
            }
            return failures;
        }
    }

    /** @return null when the stream succeeded (or stopped on request), else why it failed */
    private String syncStream(PipelineDefinition definition, StreamSettings settings, StreamDescriptor descriptor,
                              ConnectorSession from, ConnectorSession to, Connector sourceConnector,
                              Connector destinationConnector) {
        StreamCounters counters = new StreamCounters(services.runs(), runId, settings.name(), services.clock(),
                services.events(), pipeline.id(), series, definition.lagAlertSeconds());
        if (descriptor == null) {
            String failure = settings.name() + ": the source has no such stream";
            journal.warn(failure);
            counters.finish(RunStatus.FAILED, failure);
            return failure;
        }
        counters.estimate(descriptor.rowEstimate());
        TransformChain[] opened = new TransformChain[1];
        try {
            StreamPlan plan = StreamPlan.resolve(settings, descriptor);
            int retries = 0;
            long doneAtFailure = -1;
            for (int attempt = 1; ; attempt++) {
                try (TransformChain chain = openChain(settings, plan)) {
                    opened[0] = chain;
                    new StreamSync(pipeline.id(), definition, plan, from, to, services.offsets(), services.deadLetters(),
                            journal, control, counters, services.clock(), chain,
                            () -> missingPlugin(sourceConnector, destinationConnector, chain)).run();
                    break;
                } catch (ConnectorException e) {
                    StreamPlan changed = changes.columnsChanged(settings, plan, from, e, attempt);
                    if (changed == null) {
                        // a retry that moved rows on starts the count again: outages that each heal never add up
                        retries = counters.rowsDone() > doneAtFailure ? 1 : retries + 1;
                        doneAtFailure = counters.rowsDone();
                        if (retry(definition, settings, counters, e, retries)) {
                            continue;
                        }
                        if (control.isStopped()) {
                            break; // stopped during the wait: the stream ends as the run does, offsets kept
                        }
                        throw e;
                    }
                    journal.info(settings.name() + ": the source's columns changed during change capture ("
                            + e.getMessage() + "); the stream goes on from its last offset with "
                            + changed.stream().schema().names());
                    plan = changed;
                }
            }
            RunStatus status = control.isStopped()
                    ? (control.reason() == RunControl.Stop.CANCELLED ? RunStatus.CANCELLED : RunStatus.INTERRUPTED)
                    : counters.finishedStatus();
            if (status == RunStatus.SUCCEEDED_WITH_WARNINGS) {
                warned.set(true);
                journal.warn(settings.name() + ": finished with warnings: " + counters.warnings());
            }
            journal.info(settings.name() + ": " + status.id() + ", " + counters.summary());
            counters.finish(status, control.isStopped() ? control.detail() : null);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.stop(RunControl.Stop.INTERRUPTED);
            counters.finish(RunStatus.INTERRUPTED, "interrupted");
            return null;
        } catch (Exception e) {
            String missing = missingPlugin(sourceConnector, destinationConnector, opened[0]);
            if (missing != null) {
                // the plugin's bundle went away under the run: keep the offsets, resume when it is back
                control.stop(RunControl.Stop.INTERRUPTED);
                journal.warn(settings.name() + ": " + missing + " unavailable; stopped at a batch boundary, offsets kept");
                counters.finish(RunStatus.INTERRUPTED, missing + " unavailable");
                return null;
            }
            String failure = settings.name() + ": " + e.getMessage();
            journal.error(failure, e instanceof RuntimeException && !(e instanceof ErrorThresholdExceeded)
                    && !(e instanceof IllegalArgumentException) && !(e instanceof QualityCheckFailed) ? e : null);
            counters.finish(RunStatus.FAILED, e.getMessage());
            return failure;
        }
    }

    /**
     * Waits before a stream starts again from its last stored offset, when its failure is a connection one and the
     * pipeline allows another retry.
     *
     * @return whether to start again (false: the stream fails with the failure)
     */
    private boolean retry(PipelineDefinition definition, StreamSettings settings, StreamCounters counters,
                          ConnectorException failure, int retry) throws InterruptedException {
        int attempts = definition.retry().attempts();
        if (!failure.isRetryable() || retry > attempts || control.isStopped()) {
            if (failure.isRetryable() && attempts > 0 && retry > attempts) {
                journal.warn(settings.name() + ": still cannot connect after " + attempts + " retries; the stream fails");
            }
            return false;
        }
        long delay = definition.retry().delay(retry).toSeconds();
        journal.warn(settings.name() + ": " + failure.getMessage() + "; retry " + retry + " of " + attempts + " in "
                + delay + " s, from the last stored offset");
        counters.retrying(retry, attempts, delay, failure.getMessage());
        return control.sleep(delay * 1000);
    }

    /**
     * Opens the stream's transform steps on the source's schema and checks they keep the columns the destination
     * needs.
     */
    private TransformChain openChain(StreamSettings settings, StreamPlan plan) throws ChainOpenException {
        StepContext context = new StepContext(pipeline.id(), settings.name(), runId, control::isStopped,
                (level, message) -> journal.log(level, settings.name() + ": " + message));
        TransformChain chain = TransformChain.open(services.catalog(), services.secrets()::decrypt, settings.transforms(),
                plan.stream().schema(), context);
        try {
            chain.requireColumns(plan.primaryKey(), "primary key column");
            if (plan.softDeleteField() != null) {
                chain.requireColumns(List.of(plan.softDeleteField()), "soft-delete column");
            }
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
        return chain;
    }

    /**
     * @return what went away during the run: {@code "connector"}, a transform step such as
     *         {@code "transform 'cast' (step 2)"}, or null while every plugin the stream opened is still installed
     */
    private String missingPlugin(Connector source, Connector destination, TransformChain chain) {
        if (!stillInstalled(source) || !stillInstalled(destination)) {
            return "connector";
        }
        return chain == null ? null : chain.goneStep(services.catalog())
                .map(s -> "transform '" + s.type() + "' (step " + (s.index() + 1) + ")").orElse(null);
    }

    private boolean stillInstalled(Connector connector) {
        return services.catalog().connector(connector.descriptor().type()).filter(c -> c == connector).isPresent();
    }

    private Connection connection(ConnectionKind kind, String id) {
        return services.connections().byId(kind, id)
                .orElseThrow(() -> new IllegalStateException("the pipeline's " + kind.id() + " " + id + " no longer exists"));
    }

    private Connector connector(Connection connection) {
        Optional<Connector> connector = services.catalog().connector(connection.type());
        return connector.orElseThrow(() -> new ConnectorUnavailable("connector unavailable: type '" + connection.type()
                + "' of " + connection.name() + " is not installed; the run resumes when it is back"));
    }

    private ConnectorSession open(Connector connector, Connection connection) throws ConfigException {
        return connector.open(Config.of(connector.descriptor().config(), services.secrets().decrypt(connection.config())));
    }

    /** A connector needed by the run is not installed. */
    static final class ConnectorUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectorUnavailable(String message) {
            super(message);
        }
    }
}

package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ModelMaterialization;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.StreamSettings;
import io.arus.core.model.ModelSpec;
import io.arus.core.store.RunModel;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a pipeline's SQL models in the destination, in order, after its streams: each model's SQL is rendered
 * ({@code {{ ref('public.orders') }}} becomes the quoted destination table of that stream, target namespace plus the
 * stream's table name; {@code {{ ref('other_model') }}} an earlier model's table; {@code {{ this }}} the model's own
 * table) and handed to the destination's {@link ConnectorSession#runModel}. The first failing model fails the run
 * with the database's message; the models after it, and all of them when a stream failed or the run was stopped,
 * are skipped. Every model's outcome goes to the run journal, and {@link Result#runModels()} is what the run keeps.
 */
final class SqlModels {
    private static final Pattern REF = Pattern.compile("\\{\\{\\s*ref\\(\\s*(['\"])(.*?)\\1\\s*\\)\\s*}}");
    private static final Pattern THIS = Pattern.compile("\\{\\{\\s*this\\s*}}");

    /**
     * What became of one model.
     *
     * @param name            the model
     * @param materialization table, view or incremental
     * @param status          succeeded, failed or skipped
     * @param rows            the rows it holds or added; -1 for a view, a skipped or a failed model
     * @param durationMs      how long it ran; 0 when skipped
     * @param error           the database's message when it failed, why it was skipped, else null
     */
    record Outcome(String name, String materialization, String status, long rows, long durationMs, String error) {
        /** @return the outcome as the run keeps it: rows not counted (-1) become null */
        RunModel toRunModel() {
            return new RunModel(name, materialization, status, rows < 0 ? null : rows, durationMs, error);
        }
    }

    /**
     * @param outcomes every model's outcome, in order
     * @param failure  the run's failure caused by a model, or null
     */
    record Result(List<Outcome> outcomes, String failure) {
        /** @return every outcome as the run keeps it, in order */
        List<RunModel> runModels() {
            return outcomes.stream().map(Outcome::toRunModel).toList();
        }
    }

    private final ConnectorSession destination;
    private final PipelineDefinition definition;
    private final BiConsumer<Level, String> log;
    private final Clock clock;

    /**
     * @param destination the destination's open session
     * @param definition  the pipeline: target namespace, streams and models
     * @param log         the run journal
     * @param clock       for the durations
     */
    SqlModels(ConnectorSession destination, PipelineDefinition definition, BiConsumer<Level, String> log, Clock clock) {
        this.destination = destination;
        this.definition = definition;
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param context  the run's context (stop flag, run id) handed to the destination
     * @param skipWhy  why every model is skipped (a stream failed, the run was stopped), or null to run them
     * @return each model's outcome and the failure, if any
     */
    Result run(Function<StreamId, StreamContext> context, String skipWhy) {
        List<Outcome> outcomes = new ArrayList<>();
        String failure = null;
        Map<String, StreamId> tables = streamTables();
        for (int i = 0; i < definition.models().size(); i++) {
            ModelSpec model = definition.models().get(i);
            String materialization = materialization(model).id();
            String skip = skipWhy != null ? skipWhy : failure != null ? "an earlier model failed" : null;
            if (skip != null) {
                outcomes.add(new Outcome(model.name(), materialization, "skipped", -1, 0, skip));
                log.accept(Level.WARNING, "model " + model.name() + ": skipped (" + skip + ")");
                continue;
            }
            Instant start = clock.instant();
            try {
                StreamId target = new StreamId(definition.targetNamespace(), model.name());
                String select = render(model.sql(), tables, target, i);
                long rows = destination.runModel(new ModelRequest(target, select, materialization(model), model.uniqueKey()),
                        context.apply(target)).rows();
                long ms = Duration.between(start, clock.instant()).toMillis();
                outcomes.add(new Outcome(model.name(), materialization, "succeeded", rows, ms, null));
                log.accept(Level.INFO, "model " + model.name() + ": " + materialization + " built in " + ms + " ms"
                        + (rows < 0 ? "" : ", " + rows + " rows"));
                tables.put(model.name(), target);
            } catch (ConnectorException | RuntimeException e) {
                // a connector's unexpected exception fails the model as well, so the outcomes before it are kept
                long ms = Duration.between(start, clock.instant()).toMillis();
                String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
                outcomes.add(new Outcome(model.name(), materialization, "failed", -1, ms, message));
                failure = "model " + model.name() + " failed: " + message;
                log.accept(Level.ERROR, failure);
            }
        }
        return new Result(outcomes, failure);
    }

    /** @return each stream's name with its destination table; models are added as they are built */
    private Map<String, StreamId> streamTables() {
        Map<String, StreamId> tables = new LinkedHashMap<>();
        for (StreamSettings stream : definition.streams()) {
            tables.put(stream.name(), new StreamId(definition.targetNamespace(), StreamId.parse(stream.name()).name()));
        }
        return tables;
    }

    private String render(String sql, Map<String, StreamId> tables, StreamId self, int index) throws ConnectorException {
        Matcher refs = REF.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (refs.find()) {
            StreamId table = tables.get(refs.group(2));
            if (table == null) {
                throw new IllegalArgumentException("models[" + index + "].sql: ref('" + refs.group(2)
                        + "') names neither a stream of the pipeline nor an earlier model");
            }
            refs.appendReplacement(out, Matcher.quoteReplacement(destination.quotedName(table)));
        }
        refs.appendTail(out);
        return THIS.matcher(out.toString()).replaceAll(Matcher.quoteReplacement(destination.quotedName(self)));
    }

    private static ModelMaterialization materialization(ModelSpec model) {
        return model.materialization() == null ? ModelMaterialization.TABLE
                : ModelMaterialization.valueOf(model.materialization().toUpperCase(Locale.ROOT));
    }
}

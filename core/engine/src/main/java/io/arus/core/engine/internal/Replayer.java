package io.arus.core.engine.internal;

import io.arus.api.config.Config;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformException;
import io.arus.api.type.Schema;
import io.arus.core.engine.DeadLetterReplay.Outcome;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.StreamSettings;
import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.DeadLetter;
import io.arus.core.store.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays dead letters: per pipeline and stream, the stored values are turned back into the stream's types (as
 * the source describes it now) and written one row per flush, so that each row lands or is refused on its own.
 * A row a transform step rejected goes through the stream's current chain first (a fixed step now passes it); a row
 * the destination refused was already transformed and is written as it is. A row already replayed is skipped; a
 * row refused again stays a dead letter (with the step's new reason), and its outcome says why.
 */
final class Replayer {
    private final EngineServices services;

    Replayer(EngineServices services) {
        this.services = services;
    }

    List<Outcome> replay(List<String> ids) {
        Map<String, List<DeadLetter>> groups = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (String id : ids) {
            var letter = services.deadLetters().byId(id);
            if (letter.isEmpty()) {
                outcomes.add(new Outcome(id, false, "no such dead letter"));
            } else if (letter.get().replayedAt() != null) {
                outcomes.add(new Outcome(id, false, "already replayed at " + letter.get().replayedAt()));
            } else {
                groups.computeIfAbsent(letter.get().pipelineId() + "\n" + letter.get().stream(), k -> new ArrayList<>())
                        .add(letter.get());
            }
        }
        for (List<DeadLetter> group : groups.values()) {
            try {
                outcomes.addAll(replayStream(group));
            } catch (Exception e) {
                group.forEach(letter -> outcomes.add(new Outcome(letter.id(), false, String.valueOf(e.getMessage()))));
            }
        }
        return outcomes;
    }

    private List<Outcome> replayStream(List<DeadLetter> letters) throws Exception {
        DeadLetter first = letters.get(0);
        Pipeline pipeline = services.pipelines().byId(first.pipelineId())
                .orElseThrow(() -> new IllegalStateException("pipeline " + first.pipelineId() + " no longer exists"));
        PipelineDefinition definition = PipelineDefinition.of(pipeline.definition());
        StreamSettings settings = definition.streams().stream().filter(s -> s.name().equals(first.stream())).findFirst()
                .orElse(new StreamSettings(first.stream(), SyncMode.INCREMENTAL, null, List.of(), null, null));
        try (ConnectorSession source = open(ConnectionKind.SOURCE, pipeline.sourceId());
             ConnectorSession destination = open(ConnectionKind.DESTINATION, pipeline.destinationId())) {
            StreamDescriptor stream = source.discover().stream().filter(s -> s.id().toString().equals(first.stream())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the source no longer has " + first.stream()));
            StreamPlan plan = StreamPlan.resolve(settings, stream);
            List<Outcome> outcomes = new ArrayList<>();
            try (TransformChain chain = TransformChain.open(services.catalog(), services.secrets()::decrypt,
                    settings.transforms(), stream.schema(), StepContext.replay(pipeline.id(), first.stream()))) {
                // into the live table: a replace-mode stream's rows are merged by key (or appended without one)
                WriteMode mode = plan.writeMode() == WriteMode.REPLACE
                        ? (plan.primaryKey().isEmpty() ? WriteMode.APPEND : WriteMode.UPSERT) : plan.writeMode();
                WriteRequest request = new WriteRequest(new StreamId(definition.targetNamespace(), stream.id().name()),
                        chain.outputSchema(), plan.primaryKey(), mode);
                try (StreamWriter writer = destination.openWriter(request, null)) {
                    for (DeadLetter letter : letters) {
                        outcomes.add(replayOne(letter, stream.schema(), chain, writer));
                    }
                    writer.complete();
                }
            }
            return outcomes;
        }
    }

    private Outcome replayOne(DeadLetter letter, Schema source, TransformChain chain, StreamWriter writer) {
        if (letter.stepIndex() != null && letter.stepIndex() == StreamSync.UNREADABLE.step()) {
            return new Outcome(letter.id(), false, "the source could not read this record, so there is no row to"
                    + " replay: fix it at the source (the file), and read it again");
        }
        try {
            RecordBatch batch;
            if (letter.stepIndex() == null) {
                batch = RecordBatch.of(chain.outputSchema(), List.<Object[]>of(JsonRows.row(chain.outputSchema(),
                        letter.values())), null);
            } else {
                TransformChain.Outcome transformed = chain.apply(RecordBatch.of(source,
                        List.<Object[]>of(JsonRows.row(source, letter.values())), null));
                if (!transformed.rejected().isEmpty()) {
                    ChainReject again = transformed.rejected().get(0);
                    services.deadLetters().rejectedAgain(letter.id(), again.reason(), again.step(), again.type());
                    return new Outcome(letter.id(), false, "step " + (again.step() + 1) + " (" + again.type() + "): "
                            + again.reason());
                }
                batch = transformed.batch();
            }
            if (!batch.isEmpty()) {
                writer.write(batch);
                writer.flush();
            }
            services.deadLetters().replayed(letter.id(), services.clock().instant());
            return new Outcome(letter.id(), true, null);
        } catch (ConnectorException | TransformException | IllegalArgumentException e) {
            return new Outcome(letter.id(), false, e.getMessage());
        }
    }

    private ConnectorSession open(ConnectionKind kind, String id) throws Exception {
        Connection connection = services.connections().byId(kind, id)
                .orElseThrow(() -> new IllegalStateException("the pipeline's " + kind.id() + " " + id + " no longer exists"));
        Connector connector = services.catalog().connector(connection.type())
                .orElseThrow(() -> new IllegalStateException("connector type '" + connection.type() + "' is not installed"));
        return connector.open(Config.of(connector.descriptor().config(), services.secrets().decrypt(connection.config())));
    }
}

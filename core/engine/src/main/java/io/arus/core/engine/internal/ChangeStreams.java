package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.SyncMode;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.StreamSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a run does for its change-capture streams beyond syncing them: a run that follows their logs picks up streams
 * added to the pipeline while it runs, and a stream whose source columns changed goes on with the new columns.
 */
final class ChangeStreams {
    private static final int MAX_COLUMN_CHANGES = 10;

    private final EngineServices services;
    private final String pipelineId;
    private final RunJournal journal;
    private final RunControl control;

    ChangeStreams(EngineServices services, String pipelineId, RunJournal journal, RunControl control) {
        this.services = services;
        this.pipelineId = pipelineId;
        this.journal = journal;
        this.control = control;
    }

    /** @return whether the pipeline has change-capture streams that follow their log until the run is stopped */
    static boolean follows(PipelineDefinition definition) {
        return definition.followChanges() && definition.streams().stream().anyMatch(s -> s.syncMode() == SyncMode.CDC);
    }

    /**
     * @param started the streams this run syncs already (the added ones are added to it)
     * @return the change-capture streams the pipeline gained since the run started (an edit while it follows its
     *         log): each gets its own feed and snapshot, so the other streams neither pause nor resync
     */
    List<StreamSettings> added(Set<String> started) {
        List<StreamSettings> added = new ArrayList<>();
        try {
            services.pipelines().byId(pipelineId).map(p -> PipelineDefinition.of(p.definition()))
                    .ifPresent(current -> current.streams().stream()
                            .filter(s -> s.syncMode() == SyncMode.CDC && started.add(s.name())).forEach(added::add));
        } catch (RuntimeException e) {
            journal.warn("the pipeline's definition could not be read to look for added streams: " + e.getMessage());
        }
        return added;
    }

    /**
     * A change-capture reader stops at a change of the table's columns (a PostgreSQL relation message, a MySQL table
     * map) with a {@link ConnectorException.Kind#SCHEMA} error: the stream is then planned again on the columns the
     * source has now, and goes on from its last offset (new columns are added to the destination; an incompatible
     * change fails when the writer evolves).
     *
     * @return the new plan, or null when the error is not such a change (or the stream changed too often)
     */
    StreamPlan columnsChanged(StreamSettings settings, StreamPlan plan, ConnectorSession from, ConnectorException e,
                              int attempt) throws ConnectorException {
        if (plan.syncMode() != SyncMode.CDC || e.kind() != ConnectorException.Kind.SCHEMA
                || attempt > MAX_COLUMN_CHANGES || control.isStopped()) {
            return null;
        }
        StreamDescriptor now = from.discover().stream().filter(d -> d.id().toString().equals(settings.name()))
                .findFirst().orElse(null);
        if (now == null || now.schema().equals(plan.stream().schema())) {
            return null;
        }
        return StreamPlan.resolve(settings, now);
    }
}

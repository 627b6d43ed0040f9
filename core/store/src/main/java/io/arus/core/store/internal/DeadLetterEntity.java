package io.arus.core.store.internal;

import io.arus.core.store.DeadLetter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code dead_letters}: a rejected row kept for inspection and replay. */
@Entity
@Table(name = "dead_letters")
public class DeadLetterEntity {
    @Id
    String id;
    @Column(name = "run_id")
    String runId;
    @Column(name = "pipeline_id")
    String pipelineId;
    String stream;
    String reason;
    /** The raw values as a JSON object, column name to value. */
    @Column(name = "values_json")
    String valuesJson;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "replayed_at")
    Instant replayedAt;
    /** The rejecting transform step's position, or null for the destination (version 7 of the schema). */
    @Column(name = "step_index")
    Integer stepIndex;
    @Column(name = "step_type")
    String stepType;

    DeadLetter toRecord() {
        return new DeadLetter(id, runId, pipelineId, stream, reason, ConfigJson.readExact(valuesJson), createdAt,
                replayedAt, stepIndex, stepType);
    }
}

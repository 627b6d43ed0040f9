package io.arus.core.store.internal;

import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStream;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code run_streams}: one stream's counters in a run. */
@Entity
@Table(name = "run_streams")
@IdClass(RunStreamEntity.Key.class)
public class RunStreamEntity {
    @Id
    @Column(name = "run_id")
    String runId;
    @Id
    String stream;
    /** A {@link RunStatus#id()}. */
    String status;
    @Column(name = "rows_read")
    long rowsRead;
    @Column(name = "rows_written")
    long rowsWritten;
    @Column(name = "rows_rejected")
    long rowsRejected;
    @Column(name = "rows_deleted")
    long rowsDeleted;
    long bytes;
    @Column(name = "duration_ms")
    long durationMs;
    String error;
    /** Quality-check results as JSON text (version 2 of the schema). */
    String checks;
    /** Schema changes as JSON text (version 5 of the schema). */
    @Column(name = "schema_changes")
    String schemaChanges;
    /** Rows transform steps filtered (version 7 of the schema). */
    @Column(name = "rows_filtered")
    long rowsFiltered;
    /** How far a change-capture stream is behind its source (version 10 of the schema); null for other streams. */
    @Column(name = "lag_bytes")
    Long lagBytes;
    @Column(name = "lag_ms")
    Long lagMs;
    @Column(name = "events_per_second")
    Double eventsPerSecond;

    /** @return the row of a stream's counters */
    static RunStreamEntity of(RunStream stream) {
        RunStreamEntity entity = new RunStreamEntity();
        entity.runId = stream.runId();
        entity.stream = stream.stream();
        entity.status = stream.status().id();
        entity.rowsRead = stream.rowsRead();
        entity.rowsWritten = stream.rowsWritten();
        entity.rowsRejected = stream.rowsRejected();
        entity.rowsDeleted = stream.rowsDeleted();
        entity.bytes = stream.bytes();
        entity.durationMs = stream.durationMs();
        entity.error = stream.error();
        entity.checks = stream.checks();
        entity.schemaChanges = stream.schemaChanges();
        entity.rowsFiltered = stream.rowsFiltered();
        entity.lagBytes = stream.lagBytes();
        entity.lagMs = stream.lagMs();
        entity.eventsPerSecond = stream.eventsPerSecond();
        return entity;
    }

    RunStream toRecord() {
        return new RunStream(runId, stream, RunStatus.parse(status), rowsRead, rowsWritten, rowsRejected, rowsDeleted,
                bytes, durationMs, error, checks, schemaChanges, rowsFiltered, lagBytes, lagMs, eventsPerSecond);
    }

    /** The primary key; JPA wants a public class with a no-argument constructor, so not a record. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String runId;
        String stream;

        public Key() {
        }

        Key(String runId, String stream) {
            this.runId = runId;
            this.stream = stream;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(runId, key.runId) && Objects.equals(stream, key.stream);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, stream);
        }
    }
}

package io.arus.core.store.internal;

import io.arus.core.store.RunModel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code run_models} (version 8 of the schema): one SQL model of a run, at its place in the run's order. */
@Entity
@Table(name = "run_models")
@IdClass(RunModelEntity.Key.class)
public class RunModelEntity {
    @Id
    @Column(name = "run_id")
    String runId;
    @Id
    int position;
    String name;
    String materialization;
    String status;
    /** Null when not counted. */
    Long rows;
    @Column(name = "duration_ms")
    long durationMs;
    String error;

    /** @return the row of the model at {@code position} of the run's models */
    static RunModelEntity of(String runId, int position, RunModel model) {
        RunModelEntity entity = new RunModelEntity();
        entity.runId = runId;
        entity.position = position;
        entity.name = model.name();
        entity.materialization = model.materialization();
        entity.status = model.status();
        entity.rows = model.rows();
        entity.durationMs = model.durationMs();
        entity.error = model.error();
        return entity;
    }

    RunModel toRecord() {
        return new RunModel(name, materialization, status, rows, durationMs, error);
    }

    /** The primary key; JPA wants a public class with a no-argument constructor, so not a record. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String runId;
        int position;

        public Key() {
        }

        Key(String runId, int position) {
            this.runId = runId;
            this.position = position;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(runId, key.runId) && position == key.position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, position);
        }
    }
}

package io.arus.core.store.internal;

import io.arus.core.store.RunLogLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code run_logs}. Ids come from a sequence (so they also order the lines of a run). */
@Entity
@Table(name = "run_logs")
public class RunLogEntity {
    /** Must equal the sequence's INCREMENT BY: EclipseLink hands out that many ids per round trip. */
    static final int ID_ALLOCATION = 50;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "run_logs_seq")
    @SequenceGenerator(name = "run_logs_seq", sequenceName = "run_logs_seq", allocationSize = ID_ALLOCATION)
    Long id;
    @Column(name = "run_id")
    String runId;
    Instant at;
    String level;
    String message;

    RunLogLine toRecord() {
        return new RunLogLine(id, runId, at, level, message);
    }
}

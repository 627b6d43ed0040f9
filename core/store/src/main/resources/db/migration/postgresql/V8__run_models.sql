-- Metadata schema, version 8 (PostgreSQL). Keep in step with ../h2/V8__run_models.sql.
-- The SQL models a run built after its streams, in the order they ran: each one's materialization, how it ended
-- (succeeded, failed, skipped), the rows it holds or added (NULL when not counted: a view, a failed or skipped
-- model), how long it took and the database's message. They go with their run.
CREATE TABLE run_models (
    run_id VARCHAR(36) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name VARCHAR(500) NOT NULL,
    materialization VARCHAR(20) NOT NULL,
    status VARCHAR(20) NOT NULL,
    rows BIGINT,
    duration_ms BIGINT NOT NULL,
    error TEXT,
    PRIMARY KEY (run_id, position)
);

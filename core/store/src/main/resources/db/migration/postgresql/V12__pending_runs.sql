-- Metadata schema, version 12 (PostgreSQL). Keep in step with ../h2/V12__pending_runs.sql.
-- A run a trigger asked for while its pipeline was still running (overlap_policy queue): one per pipeline at most,
-- started when the running run ends, kept here so that a restart does not forget it.
CREATE TABLE pending_runs (
    pipeline_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES pipelines (id) ON DELETE CASCADE,
    run_trigger VARCHAR(100) NOT NULL,
    queued_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

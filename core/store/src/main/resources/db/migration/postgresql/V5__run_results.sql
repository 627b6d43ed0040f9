-- Metadata schema, version 5 (PostgreSQL). Keep in step with ../h2/V5__run_results.sql.
-- Honest run results: a run can end succeeded_with_warnings (23 characters, so the status columns widen); each
-- stream counts the rows it deleted and keeps the schema changes it saw (JSON text); a run keeps its rows/s
-- series (JSON text) after it ended. The global runs list reads runs newest first, filtered by status or trigger.
-- Widening a VARCHAR and adding a column with a constant default rewrite no rows.
ALTER TABLE runs ALTER COLUMN status TYPE VARCHAR(40);
ALTER TABLE run_streams ALTER COLUMN status TYPE VARCHAR(40);
ALTER TABLE run_streams ADD COLUMN rows_deleted BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE run_streams ADD COLUMN schema_changes TEXT;
ALTER TABLE runs ADD COLUMN series TEXT;
CREATE INDEX runs_created_at_idx ON runs (created_at);

-- Metadata schema, version 2 (PostgreSQL). Keep in step with ../h2/V2__run_stream_checks.sql.
-- The quality-check results of each stream of a run, as JSON text; null for the streams of older runs (adding a
-- nullable column without a default rewrites no rows).
-- No new index: the store's queries by pipeline are served by V1's runs_pipeline_id_idx (pipeline_id, created_at)
-- and by the leading column of dead_letters_pipeline_id_idx (pipeline_id, stream); a copy would only slow writes.

ALTER TABLE run_streams ADD COLUMN checks TEXT;

-- Metadata schema, version 7 (PostgreSQL). Keep in step with ../h2/V7__transform_chain.sql.
-- A row a transform step rejected names the step (its position in the stream's chain and its type); rows the
-- destination refused have neither. A run's stream counts the rows its transform steps filtered out.
ALTER TABLE dead_letters ADD COLUMN step_index INTEGER;
ALTER TABLE dead_letters ADD COLUMN step_type VARCHAR(100);
ALTER TABLE run_streams ADD COLUMN rows_filtered BIGINT DEFAULT 0 NOT NULL;

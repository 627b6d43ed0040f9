-- Metadata schema, version 10 (PostgreSQL). Keep in step with ../h2/V10__change_lag.sql.
-- A change-capture stream of a run keeps how far it is behind its source's log (bytes of log and milliseconds since
-- the commit of the last change it read) and the changes it read per second lately; NULL for other streams and
-- while unknown.
ALTER TABLE run_streams ADD COLUMN lag_bytes BIGINT;
ALTER TABLE run_streams ADD COLUMN lag_ms BIGINT;
ALTER TABLE run_streams ADD COLUMN events_per_second DOUBLE PRECISION;

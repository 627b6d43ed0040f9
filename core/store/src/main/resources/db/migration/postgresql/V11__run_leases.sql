-- Metadata schema, version 11 (PostgreSQL). Keep in step with ../h2/V11__run_leases.sql.
-- A pipeline's active run holds a lease here, one row per pipeline: the primary key makes "one active run per
-- pipeline" a rule of the database, whichever node starts the run. The node renews its leases while it lives; a
-- lease whose expires_at has passed belongs to a node that stopped answering, and another node may take it over.
-- run_id is the run's id once it exists (a claim is made just before the run is created).
CREATE TABLE run_leases (
    pipeline_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES pipelines (id) ON DELETE CASCADE,
    run_id VARCHAR(36) NOT NULL,
    node_id VARCHAR(200) NOT NULL,
    heartbeat_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX run_leases_node ON run_leases (node_id);

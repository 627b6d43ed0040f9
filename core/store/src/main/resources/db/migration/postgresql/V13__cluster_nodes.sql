-- Metadata schema, version 13 (PostgreSQL). Keep in step with ../h2/V13__cluster_nodes.sql.
-- The servers that use this database, each with its last heartbeat (every 10 s while it lives): GET /api/cluster.
CREATE TABLE cluster_nodes (
    node_id VARCHAR(200) NOT NULL PRIMARY KEY,
    started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Metadata schema, version 14 (H2). Keep in step with ../postgresql/V14__notification_deliveries.sql.
-- A notification on its way to one target: written before the first attempt, moved to its next attempt when one
-- fails, removed once delivered or given up, so a restart (or, in a cluster, another node) still sends it.
CREATE TABLE notification_deliveries (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    target_id VARCHAR(36) NOT NULL REFERENCES notification_targets (id) ON DELETE CASCADE,
    node_id VARCHAR(200) NOT NULL,
    attempt INTEGER NOT NULL,
    due_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    traceparent VARCHAR(100),
    event VARCHAR(50) NOT NULL,
    pipeline_id VARCHAR(36) NOT NULL,
    pipeline_name VARCHAR(200) NOT NULL,
    run_id VARCHAR(36),
    run_status VARCHAR(50),
    counts VARCHAR(1000) NOT NULL,
    error TEXT,
    link TEXT,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX notification_deliveries_node_ix ON notification_deliveries (node_id);

-- Metadata schema, version 1 (H2 in PostgreSQL mode, where TEXT is an unbounded VARCHAR).
-- Keep in step with ../postgresql/V1__metadata.sql.
-- Ids are UUID strings; instants are TIMESTAMP WITH TIME ZONE; JSON documents are TEXT.
-- One statement per semicolon at a line end (see SqlScript).

CREATE TABLE users (
    id VARCHAR(36) PRIMARY KEY,
    username VARCHAR(200) NOT NULL,
    username_key VARCHAR(200) NOT NULL,
    password_hash VARCHAR(500) NOT NULL,
    role VARCHAR(20) NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT users_username_key_uq UNIQUE (username_key)
);

CREATE TABLE api_tokens (
    id VARCHAR(36) PRIMARY KEY,
    user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    prefix VARCHAR(32) NOT NULL,
    token_hash VARCHAR(128) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP(6) WITH TIME ZONE,
    expires_at TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT api_tokens_token_hash_uq UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

CREATE TABLE refresh_tokens (
    id VARCHAR(36) PRIMARY KEY,
    user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id VARCHAR(36) NOT NULL,
    token_hash VARCHAR(128) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT refresh_tokens_token_hash_uq UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);

CREATE TABLE sources (
    id VARCHAR(36) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    type VARCHAR(100) NOT NULL,
    config TEXT NOT NULL,
    created_by VARCHAR(200),
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT sources_name_uq UNIQUE (name)
);

CREATE TABLE destinations (
    id VARCHAR(36) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    type VARCHAR(100) NOT NULL,
    config TEXT NOT NULL,
    created_by VARCHAR(200),
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT destinations_name_uq UNIQUE (name)
);

CREATE TABLE pipelines (
    id VARCHAR(36) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    source_id VARCHAR(36) NOT NULL REFERENCES sources (id),
    destination_id VARCHAR(36) NOT NULL REFERENCES destinations (id),
    definition TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    schedule_cron VARCHAR(200),
    schedule_timezone VARCHAR(100),
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pipelines_name_uq UNIQUE (name)
);
CREATE INDEX pipelines_source_id_idx ON pipelines (source_id);
CREATE INDEX pipelines_destination_id_idx ON pipelines (destination_id);

CREATE TABLE pipeline_dependencies (
    pipeline_id VARCHAR(36) NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    upstream_id VARCHAR(36) NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    PRIMARY KEY (pipeline_id, upstream_id)
);
CREATE INDEX pipeline_dependencies_upstream_id_idx ON pipeline_dependencies (upstream_id);

CREATE TABLE runs (
    id VARCHAR(36) PRIMARY KEY,
    pipeline_id VARCHAR(36) NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    status VARCHAR(20) NOT NULL,
    trigger VARCHAR(20) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at TIMESTAMP(6) WITH TIME ZONE,
    ended_at TIMESTAMP(6) WITH TIME ZONE,
    error TEXT
);
CREATE INDEX runs_pipeline_id_idx ON runs (pipeline_id, created_at);

CREATE TABLE run_streams (
    run_id VARCHAR(36) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    stream VARCHAR(500) NOT NULL,
    status VARCHAR(20) NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_written BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    error TEXT,
    PRIMARY KEY (run_id, stream)
);

-- INCREMENT BY equals RunLogEntity.ID_ALLOCATION; START WITH too, so the first block EclipseLink takes is 1..50
CREATE SEQUENCE run_logs_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE run_logs (
    id BIGINT PRIMARY KEY,
    run_id VARCHAR(36) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    level VARCHAR(10) NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX run_logs_run_id_idx ON run_logs (run_id);

CREATE TABLE stream_offsets (
    pipeline_id VARCHAR(36) NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    stream VARCHAR(500) NOT NULL,
    split_id VARCHAR(200) NOT NULL,
    offset_json TEXT NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (pipeline_id, stream, split_id)
);

CREATE TABLE dead_letters (
    id VARCHAR(36) PRIMARY KEY,
    run_id VARCHAR(36) NOT NULL,
    pipeline_id VARCHAR(36) NOT NULL,
    stream VARCHAR(500) NOT NULL,
    reason TEXT NOT NULL,
    values_json TEXT NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    replayed_at TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX dead_letters_run_id_idx ON dead_letters (run_id);
CREATE INDEX dead_letters_pipeline_id_idx ON dead_letters (pipeline_id, stream);

CREATE TABLE notification_targets (
    id VARCHAR(36) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    type VARCHAR(100) NOT NULL,
    config TEXT NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT notification_targets_name_uq UNIQUE (name)
);

CREATE TABLE pipeline_notifications (
    pipeline_id VARCHAR(36) NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    target_id VARCHAR(36) NOT NULL REFERENCES notification_targets (id) ON DELETE CASCADE,
    event VARCHAR(50) NOT NULL,
    PRIMARY KEY (pipeline_id, target_id, event)
);
CREATE INDEX pipeline_notifications_target_id_idx ON pipeline_notifications (target_id);

CREATE TABLE settings (
    key VARCHAR(200) PRIMARY KEY,
    value TEXT
);

CREATE TABLE audit_log (
    id VARCHAR(36) PRIMARY KEY,
    at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor VARCHAR(200) NOT NULL,
    action VARCHAR(100) NOT NULL,
    target VARCHAR(500),
    detail TEXT,
    client_address VARCHAR(100)
);
CREATE INDEX audit_log_at_idx ON audit_log (at);

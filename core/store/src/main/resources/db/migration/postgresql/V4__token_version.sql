-- Metadata schema, version 4 (PostgreSQL). Keep in step with ../h2/V4__token_version.sql.
-- A user's access tokens carry the token version they were issued under; raising it (logout, password change,
-- admin reset, role change) ends every access token of that user at once, on every node.
ALTER TABLE users ADD COLUMN token_version BIGINT DEFAULT 0 NOT NULL;

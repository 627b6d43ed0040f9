-- Metadata schema, version 6 (PostgreSQL). Keep in step with ../h2/V6__user_identity.sql.
-- A user signed in through OpenID Connect is linked to the provider (its issuer URL) and the subject it names them by,
-- so that a new username or e-mail address at the provider keeps the same Arus account. Password users have neither.
ALTER TABLE users ADD COLUMN identity_issuer VARCHAR(500);
ALTER TABLE users ADD COLUMN identity_subject VARCHAR(255);
ALTER TABLE users ADD CONSTRAINT users_identity_uq UNIQUE (identity_issuer, identity_subject);

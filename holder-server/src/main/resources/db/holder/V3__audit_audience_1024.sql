-- The audit log keeps the audience of every presentation, and presentations accept an aud of up to
-- 1,024 characters (KeyBindingRequest.MAX_LENGTH): the column was 512, so on PostgreSQL such a row
-- failed its insert (issue 11 §7). Rebuilt rather than altered, so the script stays portable: SQLite
-- cannot change a column's type.
CREATE TABLE audit_v3 (
  id            VARCHAR(40)   PRIMARY KEY,
  owner_tenant  VARCHAR(40)   NOT NULL,
  actor_tenant  VARCHAR(40)   NOT NULL,
  grant_id      VARCHAR(40),
  token_id      VARCHAR(40)   NOT NULL,
  claim_paths   TEXT          NOT NULL,
  audience      VARCHAR(1024) NOT NULL,
  at_ms         BIGINT        NOT NULL
);
INSERT INTO audit_v3 (id, owner_tenant, actor_tenant, grant_id, token_id, claim_paths, audience, at_ms)
  SELECT id, owner_tenant, actor_tenant, grant_id, token_id, claim_paths, audience, at_ms FROM audit;
DROP TABLE audit;
ALTER TABLE audit_v3 RENAME TO audit;
CREATE INDEX audit_by_owner ON audit (owner_tenant, at_ms);
CREATE INDEX audit_by_actor ON audit (actor_tenant, at_ms);

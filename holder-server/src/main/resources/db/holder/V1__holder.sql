-- Holder service schema. Portable SQL for SQLite and PostgreSQL. Secrets (private keys, tokens with
-- their disclosures, grant numbers) are sealed with the tenant's data key (AES-256-GCM, bound to
-- tenant|table|row); the data keys are wrapped by the key-encryption key, which is not in the database.

CREATE TABLE tenants (
  id            VARCHAR(40)  PRIMARY KEY,
  name          VARCHAR(200) NOT NULL,
  api_key_hash  VARCHAR(64)  NOT NULL UNIQUE,
  dek_wrapped   TEXT         NOT NULL,
  kek_id        VARCHAR(40)  NOT NULL,
  created_at    BIGINT       NOT NULL
);

CREATE TABLE holder_keys (
  id              VARCHAR(64) PRIMARY KEY,
  tenant_id       VARCHAR(40) NOT NULL REFERENCES tenants (id),
  public_jwk      TEXT        NOT NULL,
  private_sealed  TEXT        NOT NULL,
  created_at      BIGINT      NOT NULL
);
CREATE INDEX holder_keys_by_tenant ON holder_keys (tenant_id);

CREATE TABLE tokens (
  id            VARCHAR(40)  PRIMARY KEY,
  tenant_id     VARCHAR(40)  NOT NULL REFERENCES tenants (id),
  key_id        VARCHAR(64)  NOT NULL REFERENCES holder_keys (id),
  issuer        VARCHAR(512) NOT NULL,
  issued_at     BIGINT       NOT NULL,
  expires_at    BIGINT       NOT NULL,
  token_sealed  TEXT         NOT NULL,
  policy        TEXT,
  version       BIGINT       NOT NULL,
  created_at    BIGINT       NOT NULL
);
CREATE INDEX tokens_by_tenant ON tokens (tenant_id);

CREATE TABLE grants (
  id              VARCHAR(40) PRIMARY KEY,
  owner_tenant    VARCHAR(40) NOT NULL REFERENCES tenants (id),
  grantee_tenant  VARCHAR(40) NOT NULL REFERENCES tenants (id),
  token_id        VARCHAR(40) NOT NULL,
  numbers_sealed  TEXT        NOT NULL,
  claims          TEXT        NOT NULL,
  expires_at      BIGINT      NOT NULL,
  revoked_at      BIGINT,
  created_at      BIGINT      NOT NULL
);
CREATE INDEX grants_by_owner ON grants (owner_tenant);
CREATE INDEX grants_by_grantee ON grants (grantee_tenant);

-- Who presented what, never the disclosed values: claim paths, audience, time.
CREATE TABLE audit (
  id            VARCHAR(40)  PRIMARY KEY,
  owner_tenant  VARCHAR(40)  NOT NULL,
  actor_tenant  VARCHAR(40)  NOT NULL,
  grant_id      VARCHAR(40),
  token_id      VARCHAR(40)  NOT NULL,
  claim_paths   TEXT         NOT NULL,
  audience      VARCHAR(512) NOT NULL,
  at_ms         BIGINT       NOT NULL
);
CREATE INDEX audit_by_owner ON audit (owner_tenant, at_ms);
CREATE INDEX audit_by_actor ON audit (actor_tenant, at_ms);

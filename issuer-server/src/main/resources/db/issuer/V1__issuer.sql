-- Issuer service schema. Portable SQL for SQLite and PostgreSQL. The issuer keeps what it vetted and
-- what it decided, never the tokens themselves (only their SHA-256): a holder's disclosures never sit here.

CREATE TABLE entities (
  id            VARCHAR(40)  PRIMARY KEY,
  claims        TEXT         NOT NULL,   -- the claimed attributes (canonical JSON, tn included)
  api_key_hash  VARCHAR(64)  NOT NULL UNIQUE,
  kyc_state     VARCHAR(16)  NOT NULL,   -- pending | verified | rejected | expired
  state_reason  TEXT,
  verified_at   BIGINT,
  created_at    BIGINT       NOT NULL
);

-- Every vetting decision: an accepted attestation or an operator's review.
CREATE TABLE kyc_decisions (
  id           VARCHAR(40)  PRIMARY KEY,
  entity_id    VARCHAR(40)  NOT NULL REFERENCES entities (id),
  source       VARCHAR(16)  NOT NULL,   -- attestation | review
  decision     VARCHAR(16)  NOT NULL,   -- accepted | approved | rejected
  provider     VARCHAR(512) NOT NULL,   -- attestation iss, or "operator"
  method       VARCHAR(256) NOT NULL,
  level        VARCHAR(16),
  attributes   TEXT         NOT NULL,   -- JSON array of the attribute names it covers
  reason       TEXT,
  decided_at   BIGINT       NOT NULL   -- milliseconds: decisions within a second keep their order
);
CREATE INDEX kyc_decisions_by_entity ON kyc_decisions (entity_id, decided_at);

-- Validated right-to-use: what each authority token still covers (releases cut it down).
CREATE TABLE rtu_proofs (
  id            VARCHAR(40)  PRIMARY KEY,
  entity_id     VARCHAR(40)  NOT NULL REFERENCES entities (id),
  authority     VARCHAR(512) NOT NULL,
  jti           VARCHAR(256) NOT NULL,
  entries       TEXT         NOT NULL,  -- JSON array of canonical tn entries
  validated_at  BIGINT       NOT NULL,
  UNIQUE (authority, jti)
);
CREATE INDEX rtu_proofs_by_entity ON rtu_proofs (entity_id);

CREATE TABLE nonces (
  nonce       VARCHAR(64) PRIMARY KEY,
  expires_at  BIGINT      NOT NULL
);

CREATE TABLE issuer_keys (
  kid           VARCHAR(128) PRIMARY KEY,
  public_jwk    TEXT         NOT NULL,
  activated_at  BIGINT       NOT NULL,
  retired_at    BIGINT
);

CREATE TABLE status_lists (
  id          VARCHAR(40) PRIMARY KEY,
  size        INTEGER     NOT NULL,
  is_open     INTEGER     NOT NULL,
  created_at  BIGINT      NOT NULL
);

CREATE TABLE tokens (
  id             VARCHAR(40)  PRIMARY KEY,
  entity_id      VARCHAR(40)  NOT NULL REFERENCES entities (id),
  list_id        VARCHAR(40)  NOT NULL REFERENCES status_lists (id),
  idx            INTEGER      NOT NULL,
  status         VARCHAR(16)  NOT NULL,  -- valid | suspended | revoked
  status_reason  VARCHAR(40),
  status_at      BIGINT,
  token_sha256   VARCHAR(64)  NOT NULL,
  holder_jkt     VARCHAR(64)  NOT NULL,
  issuer_kid     VARCHAR(128) NOT NULL,
  tn             TEXT         NOT NULL,  -- JSON array of the canonical entries it carries
  issued_at      BIGINT       NOT NULL,
  expires_at     BIGINT       NOT NULL,
  UNIQUE (list_id, idx)
);
CREATE INDEX tokens_by_entity ON tokens (entity_id);

-- Append-only: vetting decisions, issuance, status changes, releases. Never updated or deleted.
CREATE TABLE events (
  id         VARCHAR(40)  PRIMARY KEY,
  at_ms      BIGINT       NOT NULL,
  entity_id  VARCHAR(40)  NOT NULL,
  token_id   VARCHAR(40),
  kind       VARCHAR(32)  NOT NULL,
  detail     TEXT         NOT NULL
);
CREATE INDEX events_by_entity ON events (entity_id, at_ms);

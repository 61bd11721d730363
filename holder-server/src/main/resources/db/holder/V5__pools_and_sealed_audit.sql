-- Numbered 5: versions 3 and 4 are the audit rebuild and the token digests of issue 11.
-- Token pools (docs/holder.md, "Token pools"): a tenant's interchangeable tokens (same issuer, entity
-- type and numbers), the rotation rule that picks one per presentation, the disclosure policy they
-- share, and the issuer's refill grant (a DPoP-bound refresh token, sealed). Numbers are sealed; the
-- identity is a keyed tag, so the store holds no number in clear.
CREATE TABLE pools (
  id              VARCHAR(40)  PRIMARY KEY,
  tenant_id       VARCHAR(40)  NOT NULL REFERENCES tenants (id),
  issuer          VARCHAR(512) NOT NULL,
  identity_tag    VARCHAR(64)  NOT NULL,
  numbers_sealed  TEXT,
  rotation        VARCHAR(16)  NOT NULL,
  policy          TEXT,
  low_water       INTEGER      NOT NULL,
  target          INTEGER      NOT NULL,
  refill_sealed   TEXT,
  refill_state    VARCHAR(300),
  refill_lease    BIGINT,
  version         BIGINT       NOT NULL,
  created_at      BIGINT       NOT NULL
);
CREATE UNIQUE INDEX pools_by_identity ON pools (tenant_id, identity_tag);

-- Which pool a token belongs to, and the one audience it was shown to: a keyed tag of the audience
-- ('*' when shown to several, which only the fixed rotation allows); NULL while never shown.
ALTER TABLE tokens ADD COLUMN pool_id VARCHAR(40);
ALTER TABLE tokens ADD COLUMN shown_to VARCHAR(64);
ALTER TABLE tokens ADD COLUMN shown_at BIGINT;
CREATE INDEX tokens_by_pool ON tokens (pool_id);

-- Every token that exists already becomes a pool of its own that keeps doing what it did: rotation
-- fixed, its policy, counted as shown to several audiences (it may have been).
INSERT INTO pools (id, tenant_id, issuer, identity_tag, numbers_sealed, rotation, policy, low_water, target, refill_sealed,
    refill_state, refill_lease, version, created_at)
  SELECT 'pool_' || id, tenant_id, issuer, 'legacy:' || id, NULL, 'fixed', policy, 0, 0, NULL, NULL, NULL, 1, created_at FROM tokens;
UPDATE tokens SET pool_id = 'pool_' || id, shown_to = '*';

-- A grant covers its owner's pool (the token it named, and the pool's later tokens).
ALTER TABLE grants ADD COLUMN pool_id VARCHAR(40);
UPDATE grants SET pool_id = (SELECT t.pool_id FROM tokens t WHERE t.id = grants.token_id);

-- The audit keeps no callee in clear: the audience is sealed (readable by the owner, and by the actor
-- under its own key) and tagged with a keyed hash per tenant (searchable by equality). The old clear
-- column is emptied at start (AuditTrail.sealLegacy) and written empty from now on.
ALTER TABLE audit ADD COLUMN audience_tag VARCHAR(64);
ALTER TABLE audit ADD COLUMN audience_sealed TEXT;
ALTER TABLE audit ADD COLUMN actor_audience_tag VARCHAR(64);
ALTER TABLE audit ADD COLUMN actor_audience_sealed TEXT;
CREATE INDEX audit_by_owner_audience ON audit (owner_tenant, audience_tag);
CREATE INDEX audit_by_actor_audience ON audit (actor_tenant, actor_audience_tag);

-- Refresh tokens of the issuer's authorization server (docs/openid4vc.md §1, "Refill"): minted beside a
-- DPoP-bound access token and bound to the same DPoP key (RFC 9449 §5, RFC 9700 §4.14.2: a public
-- client's refresh token is sender-constrained), so a holder service can refill its token pool without
-- the entity's help. Kept hashed; revoked by the entity or the operator.
CREATE TABLE refresh_tokens (
  token_hash    VARCHAR(64)  PRIMARY KEY,
  entity_id     VARCHAR(40)  NOT NULL REFERENCES entities (id),
  offer_id      VARCHAR(40)  NOT NULL REFERENCES credential_offers (id),
  dpop_jkt      VARCHAR(64)  NOT NULL,
  created_at    BIGINT       NOT NULL,
  expires_at    BIGINT       NOT NULL,
  last_used_at  BIGINT,
  revoked_at    BIGINT
);
CREATE INDEX refresh_tokens_by_entity ON refresh_tokens (entity_id);

-- OpenID4VCI 1.0 with the issuer as its own authorization server (docs/openid4vc.md §1). Codes and
-- access tokens are kept only as SHA-256 hashes; a transaction code as the hash of offer id and code.
CREATE TABLE credential_offers (
  id               VARCHAR(40)  PRIMARY KEY,          -- the offer's id in its credential_offer_uri
  entity_id        VARCHAR(40)  NOT NULL REFERENCES entities (id),
  code_hash        VARCHAR(64)  NOT NULL UNIQUE,      -- the pre-authorized code
  tx_code_hash     VARCHAR(64),                       -- null when the offer needs no transaction code
  tx_code_failures INTEGER      NOT NULL,
  offer            TEXT         NOT NULL,             -- the credential offer JSON (served at its uri)
  created_at       BIGINT       NOT NULL,
  expires_at       BIGINT       NOT NULL,
  redeemed_at      BIGINT                             -- set once: the code is single use
);
CREATE INDEX credential_offers_by_entity ON credential_offers (entity_id);

CREATE TABLE access_tokens (
  token_hash   VARCHAR(64)  PRIMARY KEY,
  entity_id    VARCHAR(40)  NOT NULL REFERENCES entities (id),
  offer_id     VARCHAR(40)  NOT NULL REFERENCES credential_offers (id),
  dpop_jkt     VARCHAR(64),                           -- the RFC 7638 thumbprint a DPoP-bound token is bound to
  details      INTEGER      NOT NULL,                 -- 1 when issued with authorization_details (credential_identifier)
  expires_at   BIGINT       NOT NULL,
  used_at      BIGINT                                 -- set once, in the transaction that issues the credentials
);

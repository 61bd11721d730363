-- PASSporTs the STI-VS has seen, shared by every instance: the SHA-256 of the signing input, kept
-- until the freshness window of its iat has passed.
CREATE TABLE stir_replay (
  passport_hash  VARCHAR(64) PRIMARY KEY,
  expires_at     BIGINT      NOT NULL
);
CREATE INDEX stir_replay_expiry ON stir_replay (expires_at);

-- Entries for the transparency log, written in the same transaction as the change they record, then
-- shipped by a worker until the log acknowledges them (the log deduplicates, so re-sending is safe).
CREATE TABLE log_outbox (
  id               VARCHAR(40)  PRIMARY KEY,
  token_id         VARCHAR(40),
  kind             VARCHAR(32)  NOT NULL,
  entry            TEXT         NOT NULL,  -- base64 of the canonical entry, signed by the issuer key
  created_at_ms    BIGINT       NOT NULL,
  attempts         INTEGER      NOT NULL,
  next_attempt_ms  BIGINT       NOT NULL,
  last_error       TEXT,
  log_index        BIGINT,
  receipt          TEXT,
  sent_at_ms       BIGINT
);
CREATE INDEX log_outbox_pending ON log_outbox (sent_at_ms, next_attempt_ms);
CREATE INDEX log_outbox_by_token ON log_outbox (token_id);

-- Transparency log schema. Portable SQL for SQLite and PostgreSQL. The entries table is the log:
-- rows are only ever inserted, at the next index, in the same transaction as their dedup key.
-- Checkpoints are kept so that the log never signs a tree inconsistent with one it signed before.

CREATE TABLE log_entries (
  idx        BIGINT      PRIMARY KEY,
  leaf       TEXT        NOT NULL,            -- base64 of the canonical entry (docs/transparency.md §2.1)
  leaf_hash  VARCHAR(64) NOT NULL,            -- hex RFC 9162 leaf hash
  dedup_key  VARCHAR(64) NOT NULL UNIQUE,     -- hex SHA-256 of the entry without logged_at
  logged_at  BIGINT      NOT NULL
);
CREATE INDEX log_entries_by_leaf_hash ON log_entries (leaf_hash);

-- What each entry is about, for the registry queries: "token:<hex>", "issuer:<id>",
-- "number:<hex label>", "listed:<digits>" or "listed-range:<start>+<count>". Written with the entry.
CREATE TABLE log_subjects (
  subject    VARCHAR(300) NOT NULL,
  idx        BIGINT       NOT NULL REFERENCES log_entries (idx),
  PRIMARY KEY (subject, idx)
);

CREATE TABLE log_checkpoints (
  size       BIGINT      PRIMARY KEY,
  root       VARCHAR(64) NOT NULL,            -- hex root hash
  note       TEXT        NOT NULL,            -- the signed C2SP checkpoint note
  signed_at  BIGINT      NOT NULL
);

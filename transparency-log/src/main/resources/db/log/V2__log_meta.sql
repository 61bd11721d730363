-- Facts about the log's own storage, as name/value pairs. First use: "dedup_keys" = "content" once the
-- dedup keys of the entries stored before it are recomputed without their signatures (issue 11: a
-- re-signed identical entry is the same entry; TransparencyLog.open does the rewrite, once).
CREATE TABLE log_meta (
  name   VARCHAR(64)  PRIMARY KEY,
  value  VARCHAR(200) NOT NULL
);

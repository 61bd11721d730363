-- A tenant holds each token once (issue 11 §8): token_digest is SHA-256 over a context, the tenant id
-- and the issuer-signed JWT (docs/holder.md), so it links to nothing outside this row. Rows imported
-- before this migration have none, and are not compared.
ALTER TABLE tokens ADD COLUMN token_digest VARCHAR(64);
CREATE UNIQUE INDEX tokens_once_per_tenant ON tokens (tenant_id, token_digest);

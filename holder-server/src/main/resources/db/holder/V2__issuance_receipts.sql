-- The offline receipt of a token's logged issuance (docs/transparency.md §4), kept beside the token and
-- returned with its presentations. Public data (a Merkle proof, a checkpoint, the logged entry), so not sealed.
ALTER TABLE tokens ADD COLUMN issuance_receipt TEXT;

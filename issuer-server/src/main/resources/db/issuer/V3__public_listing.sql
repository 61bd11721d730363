-- Numbers an entity chose to list publicly in the transparency log (docs/transparency.md §3.2): JSON
-- arrays of canonical tn entries, on the entity (its choice) and on each token (what it was issued with).
ALTER TABLE entities ADD COLUMN listed TEXT;
ALTER TABLE tokens ADD COLUMN listed TEXT;

-- The ACME account key an entity registered (RFC 9448 §5.3): a public JWK. Authority tokens for the
-- entity must then carry its fingerprint in atc.fingerprint. Versioned 4.1 to sit after any V4 another
-- change adds.
ALTER TABLE entities ADD COLUMN account_key TEXT;

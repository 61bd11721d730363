package dev.vesper.core.error;

/**
 * The stage of processing at which an {@link ErrorCode} is raised. The stages of verification come first,
 * in the order the verifier runs them ({@link Check} names the checks in that same order); the stages of
 * the other components follow.
 */
public enum Stage {
  /** Input size, splitting, base64url and JSON syntax. */
  PARSE,
  /** Keys and key material (JWK parsing, curves, thumbprints). */
  KEY,
  /** The issuer-signed JWT: algorithm, type, trusted key, signature. */
  ISSUER_SIGNATURE,
  /** RFC 9901 §7.1 disclosure processing. */
  DISCLOSURE,
  /** Validity claims of the issuer-signed JWT (exp, nbf, iat). */
  VALIDITY,
  /** The VESPER token profile (docs/token-profile.md). */
  PROFILE,
  /** RFC 9901 §7.3 key binding. */
  KEY_BINDING,
  /** Token status lists: fetching, verifying and reading a token's status. */
  STATUS,
  /** The verifier's policy beyond the specs (required claims). */
  POLICY,
  /** A delegated call: the client's delegation to an agent and the agent's own presentation. */
  DELEGATION,
  /** Issuance input checks. */
  ISSUANCE,
  /** Holder-side selection of claims to present. */
  PRESENTATION,
  /** Telephone numbers, ranges and TNAuthList. */
  TELEPHONE_NUMBER,
  /** A server request as a whole: body, size, path, rate. */
  REQUEST,
  /** Who is calling a server: API keys, tenants, grants. */
  AUTH,
  /** The holder service's own rules: disclosure policies, grants, stored tokens and keys. */
  HOLDER,
  /** Storage and secrets at rest. */
  STORAGE,
  /** The transparency log: Merkle proofs, checkpoints, receipts. */
  LOG,
  /** Outbound HTTP fetches of what a token or PASSporT points at (x5u, status lists, issuer metadata). */
  FETCH,
  /** The issuer's vetting: KYC attestations, manual review, right-to-use authority tokens. */
  VETTING,
  /** OpenID4VCI 1.0 and OpenID4VP 1.0 (with DCQL): issuance by offer, presentation requests and responses. */
  OID4VC,
  /** STIR: Identity headers, PASSporTs, STI certificates (RFC 8224, 8225, 8226, 8588, 9060). */
  STIR
}

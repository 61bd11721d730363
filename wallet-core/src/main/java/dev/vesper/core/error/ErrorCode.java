package dev.vesper.core.error;

/**
 * The closed vocabulary of failures. Each code has a stable string {@link #id()} ({@code stage.reason})
 * that never changes once released: clients, logs and the negative test vectors match on it, never on
 * message text. New failures get a new code, a negative test and, in servers, an HTTP mapping.
 */
public enum ErrorCode {
  // --- parse ---------------------------------------------------------------------------------
  /** The input exceeds the configured size limit. */
  PARSE_TOO_LARGE(Stage.PARSE, "parse.too_large"),
  /** The compact serialisation is not {@code JWT~D~...~[KB]} (missing tilde, empty component, wrong JWS part count). */
  PARSE_MALFORMED(Stage.PARSE, "parse.malformed"),
  /** A segment is not unpadded, canonical base64url (RFC 7515 §2). */
  PARSE_BAD_BASE64URL(Stage.PARSE, "parse.bad_base64url"),
  /** A segment is not valid UTF-8 JSON of the expected shape, or repeats a member name. */
  PARSE_BAD_JSON(Stage.PARSE, "parse.bad_json"),
  /** JSON nesting, or disclosure recursion, exceeds the configured depth. */
  PARSE_TOO_DEEP(Stage.PARSE, "parse.too_deep"),
  /** More disclosures than the configured limit. */
  PARSE_TOO_MANY_DISCLOSURES(Stage.PARSE, "parse.too_many_disclosures"),

  // --- keys ----------------------------------------------------------------------------------
  /** A JWK is malformed, on another curve, not on the curve, or carries private parts where none belong. */
  KEY_INVALID_JWK(Stage.KEY, "key.invalid_jwk"),
  /** A key set could not serve the request (no private part, unsupported key type). */
  KEY_UNSUPPORTED(Stage.KEY, "key.unsupported"),

  // --- issuer signature ------------------------------------------------------------------------
  /** The issuer JWT's {@code alg} is not on the policy's allow-list ({@code none} and HS* never are). */
  ISSUER_ALG_NOT_ALLOWED(Stage.ISSUER_SIGNATURE, "issuer_signature.alg_not_allowed"),
  /** The issuer JWT's {@code typ} is missing or not the one the policy expects. */
  ISSUER_TYP_MISMATCH(Stage.ISSUER_SIGNATURE, "issuer_signature.typ_mismatch"),
  /** The issuer JWT's header carries {@code crit}, or another parameter the verifier refuses. */
  ISSUER_HEADER_UNSUPPORTED(Stage.ISSUER_SIGNATURE, "issuer_signature.header_unsupported"),
  /** No trusted key matches the issuer JWT's {@code kid} (or there is no {@code kid} and several keys). */
  ISSUER_UNKNOWN_KEY(Stage.ISSUER_SIGNATURE, "issuer_signature.unknown_key"),
  /**
   * The key the issuer JWT names is trusted, but for another issuer than its {@code iss}: a key from an
   * issuer's metadata verifies that issuer's tokens only (RFC 9901 §7.1 step 2.3).
   */
  ISSUER_MISMATCH(Stage.ISSUER_SIGNATURE, "issuer_signature.issuer_mismatch"),
  /** The issuer JWT's signature does not verify with the trusted key. */
  ISSUER_SIGNATURE_INVALID(Stage.ISSUER_SIGNATURE, "issuer_signature.invalid"),

  // --- disclosures (RFC 9901 §7.1) -----------------------------------------------------------
  /** {@code _sd_alg} is absent where sha-256 is required, not a string, or not {@code sha-256}. */
  DISCLOSURE_BAD_SD_ALG(Stage.DISCLOSURE, "disclosure.bad_sd_alg"),
  /** A disclosure is not a JSON array of 2 or 3 elements with a string salt (and string name). */
  DISCLOSURE_MALFORMED(Stage.DISCLOSURE, "disclosure.malformed"),
  /** A disclosure names {@code _sd} or {@code ...}. */
  DISCLOSURE_RESERVED_NAME(Stage.DISCLOSURE, "disclosure.reserved_name"),
  /** A disclosed claim name already exists at that level. */
  DISCLOSURE_NAME_COLLISION(Stage.DISCLOSURE, "disclosure.name_collision"),
  /** An array-element disclosure is referenced from {@code _sd}, or a property disclosure from {@code ...}. */
  DISCLOSURE_WRONG_KIND(Stage.DISCLOSURE, "disclosure.wrong_kind"),
  /** The same disclosure string appears twice in the presentation. */
  DISCLOSURE_DUPLICATE(Stage.DISCLOSURE, "disclosure.duplicate"),
  /** The same digest is embedded more than once (RFC 9901 §7.1 step 4). */
  DISCLOSURE_DUPLICATE_DIGEST(Stage.DISCLOSURE, "disclosure.duplicate_digest"),
  /** A disclosure is not referenced by any digest (RFC 9901 §7.1 step 5). */
  DISCLOSURE_UNREFERENCED(Stage.DISCLOSURE, "disclosure.unreferenced"),
  /** {@code _sd} is not an array of strings, {@code ...} has siblings or a non-string value, {@code _sd_alg} is nested. */
  DISCLOSURE_BAD_EMBEDDING(Stage.DISCLOSURE, "disclosure.bad_embedding"),

  // --- validity -------------------------------------------------------------------------------
  /** {@code exp} is required and absent, or a validity claim is not an integer NumericDate. */
  VALIDITY_MISSING_OR_BAD_CLAIM(Stage.VALIDITY, "validity.bad_claim"),
  /** {@code exp} is at or before now (minus the allowed skew). */
  VALIDITY_EXPIRED(Stage.VALIDITY, "validity.expired"),
  /** {@code nbf} is after now (plus skew). */
  VALIDITY_NOT_YET_VALID(Stage.VALIDITY, "validity.not_yet_valid"),
  /** {@code iat} is after now (plus skew). */
  VALIDITY_ISSUED_IN_FUTURE(Stage.VALIDITY, "validity.issued_in_future"),

  // --- key binding (RFC 9901 §7.3) -----------------------------------------------------------
  /** Key binding is required and the presentation ends with {@code ~} (no KB-JWT). */
  KB_MISSING(Stage.KEY_BINDING, "key_binding.missing"),
  /** A KB-JWT is present and the policy expects none. */
  KB_UNEXPECTED(Stage.KEY_BINDING, "key_binding.unexpected"),
  /** The issuer JWT has no usable {@code cnf.jwk}. */
  KB_NO_HOLDER_KEY(Stage.KEY_BINDING, "key_binding.no_holder_key"),
  /** The KB-JWT {@code typ} is not {@code kb+jwt}. */
  KB_TYP_MISMATCH(Stage.KEY_BINDING, "key_binding.typ_mismatch"),
  /** The KB-JWT {@code alg} is not allowed. */
  KB_ALG_NOT_ALLOWED(Stage.KEY_BINDING, "key_binding.alg_not_allowed"),
  /** The KB-JWT header asks for what this verifier does not support: {@code crit}, or the {@code b64} option. */
  KB_HEADER_UNSUPPORTED(Stage.KEY_BINDING, "key_binding.header_unsupported"),
  /** The KB-JWT signature does not verify with the holder key. */
  KB_SIGNATURE_INVALID(Stage.KEY_BINDING, "key_binding.invalid_signature"),
  /**
   * A required KB-JWT claim is missing or has the wrong type ({@code aud} must be one string), or a time
   * claim ({@code iat}, and {@code exp}/{@code nbf} when present) is not a non-negative integer.
   */
  KB_BAD_CLAIM(Stage.KEY_BINDING, "key_binding.bad_claim"),
  /** The KB-JWT {@code aud} differs from the expected audience. */
  KB_AUD_MISMATCH(Stage.KEY_BINDING, "key_binding.aud_mismatch"),
  /** The KB-JWT {@code nonce} differs from the expected nonce. */
  KB_NONCE_MISMATCH(Stage.KEY_BINDING, "key_binding.nonce_mismatch"),
  /** The KB-JWT {@code iat} is in the future beyond skew, or older than the allowed age. */
  KB_IAT_OUT_OF_WINDOW(Stage.KEY_BINDING, "key_binding.iat_out_of_window"),
  /** The KB-JWT carries an {@code exp} that is at or before now (minus the allowed skew). */
  KB_EXPIRED(Stage.KEY_BINDING, "key_binding.expired"),
  /** The KB-JWT carries an {@code nbf} after now (plus skew). */
  KB_NOT_YET_VALID(Stage.KEY_BINDING, "key_binding.not_yet_valid"),
  /** The KB-JWT {@code sd_hash} does not match the presented SD-JWT. */
  KB_SD_HASH_MISMATCH(Stage.KEY_BINDING, "key_binding.sd_hash_mismatch"),

  // --- token profile ---------------------------------------------------------------------------
  /** A claim the profile requires always visible is missing, selectively disclosed, or malformed. */
  PROFILE_BAD_CLAIM(Stage.PROFILE, "profile.bad_claim"),
  /** The {@code vct} is not the VESPER identity type. */
  PROFILE_VCT_MISMATCH(Stage.PROFILE, "profile.vct_mismatch"),

  // --- verifier policy -------------------------------------------------------------------------
  /** A claim the verifier requires was not disclosed. */
  POLICY_REQUIRED_CLAIM_MISSING(Stage.POLICY, "policy.required_claim_missing"),

  // --- delegation (docs/token-profile.md §6) ---------------------------------------------------
  /** A delegation is not a {@code vesper-delegation+jwt} ES256 JWS with exactly its claims, each of its type. */
  DELEGATION_MALFORMED(Stage.DELEGATION, "delegation.malformed"),
  /** The delegation is not signed by the key of the client's presented token. */
  DELEGATION_SIGNATURE_INVALID(Stage.DELEGATION, "delegation.invalid_signature"),
  /** The delegation is for another call ({@code aud}, {@code nonce}) or another client presentation ({@code sd_hash}). */
  DELEGATION_BINDING_MISMATCH(Stage.DELEGATION, "delegation.binding_mismatch"),
  /** The delegation's {@code iat} is in the future beyond skew, or older than the key-binding window. */
  DELEGATION_IAT_OUT_OF_WINDOW(Stage.DELEGATION, "delegation.iat_out_of_window"),
  /** The grant behind the delegation has ended ({@code exp} passed). */
  DELEGATION_EXPIRED(Stage.DELEGATION, "delegation.expired"),
  /** A number the delegation names is not the calling number, or not one the client's presentation discloses. */
  DELEGATION_NUMBER_NOT_COVERED(Stage.DELEGATION, "delegation.number_not_covered"),
  /** The agent's own presentation failed verification (the message names its error), or discloses no name. */
  DELEGATION_AGENT_INVALID(Stage.DELEGATION, "delegation.agent_invalid"),
  /** The agent's presentation is bound to another key than the one the delegation names ({@code cnf.jkt}). */
  DELEGATION_AGENT_MISMATCH(Stage.DELEGATION, "delegation.agent_mismatch"),

  // --- issuance -------------------------------------------------------------------------------
  /** The claims name an attribute the profile does not define. */
  ISSUANCE_UNKNOWN_ATTRIBUTE(Stage.ISSUANCE, "issuance.unknown_attribute"),
  /** An attribute value has the wrong type or form, or a required attribute is missing. */
  ISSUANCE_BAD_ATTRIBUTE(Stage.ISSUANCE, "issuance.bad_attribute"),
  /** {@code tn} is empty. */
  ISSUANCE_EMPTY_TN(Stage.ISSUANCE, "issuance.empty_tn"),
  /** Two {@code tn} entries cover the same number. */
  ISSUANCE_OVERLAPPING_NUMBERS(Stage.ISSUANCE, "issuance.overlapping_numbers"),
  /** {@code exp} is not after {@code iat}, or the validity is otherwise unusable. */
  ISSUANCE_BAD_VALIDITY(Stage.ISSUANCE, "issuance.bad_validity"),

  // --- presentation (holder) -------------------------------------------------------------------
  /** A claim path does not name a disclosable claim of this token. */
  PRESENTATION_UNKNOWN_PATH(Stage.PRESENTATION, "presentation.unknown_path"),
  /** A claim path is syntactically invalid. */
  PRESENTATION_BAD_PATH(Stage.PRESENTATION, "presentation.bad_path"),
  /** The token handed to the holder is not a plain SD-JWT (it carries a KB-JWT, RFC 9901 §7.2). */
  PRESENTATION_NOT_AN_ISSUED_TOKEN(Stage.PRESENTATION, "presentation.not_an_issued_token"),

  // --- telephone numbers -----------------------------------------------------------------------
  /** Not a telephone number that has a canonical form (RFC 8224 §8.3). */
  TN_INVALID(Stage.TELEPHONE_NUMBER, "tn.invalid"),
  /** A number range violates RFC 8226 §9. */
  TN_RANGE_INVALID(Stage.TELEPHONE_NUMBER, "tn.range_invalid"),
  /** A TNAuthList DER encoding is malformed or not explicitly tagged. */
  TN_AUTH_LIST_MALFORMED(Stage.TELEPHONE_NUMBER, "tn.auth_list_malformed"),

  // --- server requests (HTTP 400, 404, 408, 413, 415, 429) --------------------------------------
  /** The request body is not the JSON the endpoint expects (missing or mistyped member, unknown member). */
  REQUEST_BAD_BODY(Stage.REQUEST, "request.bad_body"),
  /** The request body exceeds the endpoint's size limit. */
  REQUEST_TOO_LARGE(Stage.REQUEST, "request.too_large"),
  /** No such resource for this caller (another tenant's ids answer the same). */
  REQUEST_NOT_FOUND(Stage.REQUEST, "request.not_found"),
  /** The caller exceeded its rate limit; retry after the advertised delay. */
  REQUEST_RATE_LIMITED(Stage.REQUEST, "request.rate_limited"),
  /** The request's Content-Type is not application/json. */
  REQUEST_UNSUPPORTED_MEDIA_TYPE(Stage.REQUEST, "request.unsupported_media_type"),
  /** The request's Accept names no media type the resource is served as (HTTP 406). */
  REQUEST_NOT_ACCEPTABLE(Stage.REQUEST, "request.not_acceptable"),
  /** The request asks for a feature this server does not implement (HTTP 501), e.g. a historical status list. */
  REQUEST_NOT_IMPLEMENTED(Stage.REQUEST, "request.not_implemented"),
  /** The request body arrived too slowly (below the minimum data rate) or stopped arriving. */
  REQUEST_TIMEOUT(Stage.REQUEST, "request.timeout"),

  // --- authentication and authorisation (HTTP 401, 403) -----------------------------------------
  /** No bearer API key, or one that matches no tenant. */
  AUTH_UNAUTHENTICATED(Stage.AUTH, "auth.unauthenticated"),
  /** The caller is authenticated but may not do this (admin-only endpoint, grant not covering it). */
  AUTH_FORBIDDEN(Stage.AUTH, "auth.forbidden"),

  // --- holder service ---------------------------------------------------------------------------
  /** The requested disclosure is outside the token's disclosure policy for that audience; nothing is signed. */
  HOLDER_DISCLOSURE_REFUSED(Stage.HOLDER, "holder.disclosure_refused"),
  /** No stored token of the tenant can answer a presentation request (format, type or claims). */
  HOLDER_NO_MATCHING_CREDENTIAL(Stage.HOLDER, "holder.no_matching_credential"),
  /** The token's cnf key is not one of this tenant's holder keys. */
  HOLDER_KEY_NOT_OWNED(Stage.HOLDER, "holder.key_not_owned"),
  /** No live token of the caller covers the calling number. */
  HOLDER_NO_TOKEN_FOR_NUMBER(Stage.HOLDER, "holder.no_token_for_number"),
  /** The token has expired (or is not yet valid) and cannot be presented or imported. */
  HOLDER_TOKEN_NOT_LIVE(Stage.HOLDER, "holder.token_not_live"),
  /** A grant or policy request is inconsistent (numbers outside the token, expiry in the past, ...). */
  HOLDER_BAD_GRANT(Stage.HOLDER, "holder.bad_grant"),
  /**
   * The pools that could present have no token that may go to this audience under their rotation (each
   * was shown to another one); nothing is reused. A refill is asked of the issuer when the pool has a grant.
   */
  HOLDER_POOL_EXHAUSTED(Stage.HOLDER, "holder.pool_exhausted"),
  /** The token named was shown to another audience, and its pool's rotation shows a token to one audience only. */
  HOLDER_TOKEN_SHOWN(Stage.HOLDER, "holder.token_shown"),
  /** A delegated call needs the agent's own verified name, and no live token of the agent can present it to this audience. */
  HOLDER_NO_AGENT_TOKEN(Stage.HOLDER, "holder.no_agent_token"),
  /** The tenant already holds this token (the same issuer-signed JWT); nothing was imported. */
  HOLDER_DUPLICATE_TOKEN(Stage.HOLDER, "holder.duplicate_token"),
  /** The tenant holds as many tokens as the service allows one tenant; delete one first. */
  HOLDER_TOKEN_LIMIT(Stage.HOLDER, "holder.token_limit"),

  // --- storage ----------------------------------------------------------------------------------
  /** A sealed record failed authentication (wrong key, swapped row, tampering); no plaintext is returned. */
  STORAGE_INTEGRITY(Stage.STORAGE, "storage.integrity"),
  /** The store is unavailable or busy. */
  STORAGE_UNAVAILABLE(Stage.STORAGE, "storage.unavailable"),

  // --- transparency log -------------------------------------------------------------------------
  /** A Merkle proof is malformed for its sizes: index or sizes out of range, wrong length, bad hash size. */
  LOG_BAD_PROOF(Stage.LOG, "log.bad_proof"),
  /** A Merkle proof does not lead to the expected root hash. */
  LOG_ROOT_MISMATCH(Stage.LOG, "log.root_mismatch"),
  /** A signed note, checkpoint or verifier key is malformed (C2SP signed-note, tlog-checkpoint). */
  LOG_BAD_NOTE(Stage.LOG, "log.bad_note"),
  /** No trusted key signed the note, or a trusted key's signature does not verify. */
  LOG_BAD_SIGNATURE(Stage.LOG, "log.bad_signature"),
  /** A log entry is not in the canonical encoding: truncated, trailing bytes, unknown type or code, bad field. */
  LOG_BAD_ENTRY(Stage.LOG, "log.bad_entry"),
  /**
   * An issuer key submitted an entry for another issuer: a TOKEN_ISSUED or right-to-use entry naming
   * another issuer, or a status change of a token that issuer did not log.
   */
  LOG_ISSUER_MISMATCH(Stage.LOG, "log.issuer_mismatch"),
  /** The policy requires an issuance receipt and none came with the presentation. */
  LOG_RECEIPT_MISSING(Stage.LOG, "log.receipt_missing"),
  /** A valid receipt, but not of this token's issuance (another entry type, token hash or issuer key). */
  LOG_RECEIPT_MISMATCH(Stage.LOG, "log.receipt_mismatch"),

  // --- outbound fetches (x5u, status lists, issuer metadata) ------------------------------------------
  /**
   * The URL is not one this service fetches: not https, not on the allow-list (scheme, host and port),
   * or its host resolves to a loopback, private, link-local, multicast or otherwise non-public address.
   * Decided before any connection is made.
   */
  FETCH_REFUSED(Stage.FETCH, "fetch.refused"),
  /**
   * The fetch was attempted and gave nothing usable: unreachable, TLS, time or size limit, a status other
   * than 2xx, a wrong media type, a redirect too many, or content the caller cannot use. One id and one
   * text for all, so that answers do not tell a closed port from a 401 from a wrong body.
   */
  FETCH_FAILED(Stage.FETCH, "fetch.failed"),

  // --- token status (draft-ietf-oauth-status-list) -----------------------------------------------
  /** The token's status list marks it invalid (revoked). */
  STATUS_REVOKED(Stage.STATUS, "status.revoked"),
  /** The token's status list marks it suspended. */
  STATUS_SUSPENDED(Stage.STATUS, "status.suspended"),
  /** The policy checks status and the token carries no usable {@code status.status_list} reference. */
  STATUS_MISSING(Stage.STATUS, "status.missing"),
  /** The status list token is not valid: typ, signature, {@code sub} other than the uri, expired, bad encoding. */
  STATUS_LIST_INVALID(Stage.STATUS, "status.list_invalid"),
  /** The token's index lies outside its status list. */
  STATUS_INDEX_OUT_OF_RANGE(Stage.STATUS, "status.index_out_of_range"),
  /** The status list could not be fetched and no cached copy may stand in for it. */
  STATUS_UNAVAILABLE(Stage.STATUS, "status.unavailable"),

  // --- vetting and issuance (issuer server) --------------------------------------------------------
  /** A KYC attestation is malformed, wrongly typed, not for this entity, or its signature does not verify. */
  VETTING_ATTESTATION_INVALID(Stage.VETTING, "vetting.attestation_invalid"),
  /** A KYC attestation has expired (or is not yet valid). */
  VETTING_ATTESTATION_EXPIRED(Stage.VETTING, "vetting.attestation_expired"),
  /** A KYC attestation or authority token comes from a provider or authority the issuer does not trust. */
  VETTING_UNTRUSTED_SOURCE(Stage.VETTING, "vetting.untrusted_source"),
  /** A claimed attribute is not covered by any valid attestation (or a manual approval). */
  VETTING_ATTRIBUTE_NOT_VETTED(Stage.VETTING, "vetting.attribute_not_vetted"),
  /** The entity's KYC is not verified (pending, rejected or expired). */
  VETTING_KYC_NOT_VERIFIED(Stage.VETTING, "vetting.kyc_not_verified"),
  /** An authority token is malformed, not a TNAuthList token for this entity, expired, or its signature does not verify. */
  VETTING_AUTHORITY_TOKEN_INVALID(Stage.VETTING, "vetting.authority_token_invalid"),
  /** An authority token was presented before ({@code jti} seen). */
  VETTING_AUTHORITY_TOKEN_REPLAYED(Stage.VETTING, "vetting.authority_token_replayed"),
  /** A claimed number is not covered by a validated right-to-use proof. */
  VETTING_NUMBER_NOT_COVERED(Stage.VETTING, "vetting.number_not_covered"),
  /** A proof of possession is malformed, wrongly typed, for another audience, stale, or not signed by its header key. */
  ISSUANCE_PROOF_INVALID(Stage.ISSUANCE, "issuance.proof_invalid"),
  /** The proof's nonce was not issued by this issuer, has expired, or was used before. */
  ISSUANCE_NONCE_INVALID(Stage.ISSUANCE, "issuance.nonce_invalid"),
  /** The requested status change does not apply to the token's current status (reinstating a revoked token). */
  ISSUANCE_STATUS_CONFLICT(Stage.ISSUANCE, "issuance.status_conflict"),

  // --- OpenID4VCI 1.0 / OpenID4VP 1.0 exchanges (OAuth error in brackets) --------------------------
  /** A protocol request lacks a parameter, repeats one, or has one of the wrong form [invalid_request]. */
  OID4VC_INVALID_REQUEST(Stage.OID4VC, "oid4vc.invalid_request"),
  /** The grant type is not the pre-authorized code grant [unsupported_grant_type]. */
  OID4VC_UNSUPPORTED_GRANT_TYPE(Stage.OID4VC, "oid4vc.unsupported_grant_type"),
  /** A pre-authorized code is unknown, expired or used, or the tx_code is wrong [invalid_grant]. */
  OID4VC_INVALID_GRANT(Stage.OID4VC, "oid4vc.invalid_grant"),
  /** A DPoP proof is malformed, wrongly signed, stale, or not for this request (RFC 9449) [invalid_dpop_proof]. */
  OID4VC_INVALID_DPOP_PROOF(Stage.OID4VC, "oid4vc.invalid_dpop_proof"),
  /** The access token is missing, unknown, expired, used, or not bound to the DPoP key presented [invalid_token]. */
  OID4VC_INVALID_TOKEN(Stage.OID4VC, "oid4vc.invalid_token"),
  /** A credential request is malformed (both or neither identifier, no proofs, too many) [invalid_credential_request]. */
  OID4VC_INVALID_CREDENTIAL_REQUEST(Stage.OID4VC, "oid4vc.invalid_credential_request"),
  /** The credential configuration is not one this issuer offers or this token covers [unknown_credential_configuration]. */
  OID4VC_UNKNOWN_CREDENTIAL_CONFIGURATION(Stage.OID4VC, "oid4vc.unknown_credential_configuration"),
  /** The issuer will not issue: the entity's vetting no longer allows it [credential_request_denied]. */
  OID4VC_CREDENTIAL_REQUEST_DENIED(Stage.OID4VC, "oid4vc.credential_request_denied"),
  /** A presentation request is answered after it expired, or answered twice [invalid_request]. */
  OID4VC_REQUEST_EXPIRED(Stage.OID4VC, "oid4vc.request_expired"),
  /** An authorization response's state is not the request's [invalid_request]. */
  OID4VC_STATE_MISMATCH(Stage.OID4VC, "oid4vc.state_mismatch"),
  /** A DCQL query is malformed: ids, references, paths, values, or sizes (OpenID4VP §6) [invalid_request]. */
  DCQL_INVALID_QUERY(Stage.OID4VC, "dcql.invalid_query"),
  /** The presentations do not satisfy the DCQL query: a required credential or claim is missing. */
  DCQL_NOT_SATISFIED(Stage.OID4VC, "dcql.not_satisfied"),
  /** A credential offer, or what its issuer answered (metadata, token, credentials), is malformed or inconsistent. */
  OID4VC_BAD_OFFER(Stage.OID4VC, "oid4vc.bad_offer"),
  /** An OpenID4VP authorization request is malformed or asks for what this wallet does not support. */
  OID4VC_BAD_AUTHORIZATION_REQUEST(Stage.OID4VC, "oid4vc.bad_authorization_request"),
  /** A verifier is not authenticated: signature, certificate chain, SAN or response URI does not fit its client_id. */
  OID4VC_UNTRUSTED_CLIENT(Stage.OID4VC, "oid4vc.untrusted_client"),
  /** The other party (issuer or verifier) refused the exchange with an OAuth error. */
  OID4VC_PEER_REFUSED(Stage.OID4VC, "oid4vc.peer_refused"),
  /** An outbound URL is refused by the fetch rules (scheme, address, size, redirects). */
  OID4VC_FETCH_REFUSED(Stage.OID4VC, "oid4vc.fetch_refused"),
  /** The other party could not be reached, or timed out. */
  OID4VC_PEER_UNAVAILABLE(Stage.OID4VC, "oid4vc.peer_unavailable"),

  // --- STIR (RFC 8224 reasons in brackets) ----------------------------------------------------------
  /** No Identity header (or none with a supported ppt) where one is required [428 Use Identity Header]. */
  STIR_IDENTITY_MISSING(Stage.STIR, "stir.identity_missing"),
  /** The Identity header or its PASSporT is malformed: ABNF, JWS shape, header or claims [438 Invalid Identity Header]. */
  STIR_IDENTITY_MALFORMED(Stage.STIR, "stir.identity_malformed"),
  /** A presentation delivered by reference is not the one the PASSporT's digest names [438 Invalid Identity Header]. */
  STIR_REFERENCE_MISMATCH(Stage.STIR, "stir.reference_mismatch"),
  /** The signer's credential cannot be obtained: no x5c, or x5u refused or unreachable [436 Bad Identity Info]. */
  STIR_BAD_IDENTITY_INFO(Stage.STIR, "stir.bad_identity_info"),
  /** The credential is unsupported or untrusted: chain to no trust anchor, not valid at iat, bad key or algorithm [437 Unsupported Credential]. */
  STIR_UNSUPPORTED_CREDENTIAL(Stage.STIR, "stir.unsupported_credential"),
  /** A certificate of the signer's chain is on its CA's CRL, or no current CRL can be had [437 Unsupported Credential]. */
  STIR_CERTIFICATE_REVOKED(Stage.STIR, "stir.certificate_revoked"),
  /** {@code iat} is outside the freshness window [403 Stale Date]. */
  STIR_STALE(Stage.STIR, "stir.stale"),
  /** The PASSporT signature does not verify with the certificate's key [438 Invalid Identity Header]. */
  STIR_SIGNATURE_INVALID(Stage.STIR, "stir.signature_invalid"),
  /** {@code orig} is not within the signer's TNAuthList [438 Invalid Identity Header]. */
  STIR_ORIG_NOT_AUTHORIZED(Stage.STIR, "stir.orig_not_authorized"),
  /** The PASSporT's {@code orig} or {@code dest} is not the call's From or To [438 Invalid Identity Header]. */
  STIR_NUMBER_MISMATCH(Stage.STIR, "stir.number_mismatch"),
  /** The same PASSporT was seen before within the freshness window [438 Invalid Identity Header]. */
  STIR_REPLAYED(Stage.STIR, "stir.replayed"),
  /**
   * Rich Call Data (RFC 9795) that cannot be verified: malformed, a name other than the verified one, an icon
   * whose bytes do not match rcdi. Never a call failure: the RCD is dropped and the number's verdict stands.
   */
  STIR_RCD_UNVERIFIED(Stage.STIR, "stir.rcd_unverified"),
  /** An out-of-band (CPS) access token is missing, malformed, untrusted, expired or reused [HTTP 401]. */
  STIR_CPS_TOKEN_INVALID(Stage.STIR, "stir.cps_token_invalid"),
  /** An out-of-band (CPS) request the access token does not authorise: other numbers, action or body [HTTP 403]. */
  STIR_CPS_FORBIDDEN(Stage.STIR, "stir.cps_forbidden");

  private final Stage stage;
  private final String id;

  ErrorCode(Stage stage, String id) {
    this.stage = stage;
    this.id = id;
  }

  /** The stable identifier, e.g. {@code key_binding.nonce_mismatch}. */
  public String id() {
    return id;
  }

  public Stage stage() {
    return stage;
  }

  /** The code with this {@link #id()}, for tests and clients that read ids back. */
  public static ErrorCode fromId(String id) {
    for (ErrorCode code : values()) {
      if (code.id.equals(id)) {
        return code;
      }
    }
    throw new IllegalArgumentException("unknown error id: " + id);
  }
}

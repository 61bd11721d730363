package dev.vesper.core.error;

/**
 * The checks of a presentation's verification, in the one order they run; {@code vesper verify --explain}
 * and the verifier's API report each with its outcome ({@code passed}, {@code not_required},
 * {@code failed}, {@code not_run}) under its stable {@link #id()}.
 *
 * <p>Each check raises the {@link ErrorCode}s of its {@link #stage()}, and the checks follow the order of
 * {@link Stage} with two exceptions, both cheap and taken as early as they can be: the key-binding
 * decision (a KB-JWT present or not, as the policy says, before any signature is checked; RFC 9901 §7.3)
 * and the issuance receipt, which needs only the verified issuer JWT.
 */
public enum Check {
  /** Size, splitting, base64url and JSON of every part ({@link Stage#PARSE}). */
  FORMAT("format", Stage.PARSE),
  /** A KB-JWT is present exactly when the policy requires key binding. */
  KEY_BINDING_REQUIRED("key_binding_required", Stage.KEY_BINDING),
  /** The issuer JWT's header, its trusted key and its signature. */
  ISSUER_SIGNATURE("issuer_signature", Stage.ISSUER_SIGNATURE),
  /** The offline receipt of the token's logged issuance, when the policy requires one. */
  ISSUANCE_RECEIPT("issuance_receipt", Stage.LOG),
  /** RFC 9901 §7.1 disclosure processing. */
  DISCLOSURES("disclosures", Stage.DISCLOSURE),
  /** {@code exp}, {@code nbf} and {@code iat} of the processed claims. */
  VALIDITY("validity", Stage.VALIDITY),
  /** The token profile's claim rules (the VESPER profile); not required for a generic SD-JWT. */
  PROFILE("profile", Stage.PROFILE),
  /** The KB-JWT (RFC 9901 §7.3); not required when the policy expects no key binding. */
  KEY_BINDING("key_binding", Stage.KEY_BINDING),
  /** The token's status in its status list, when the policy checks status. */
  STATUS("status", Stage.STATUS),
  /** The claims the policy requires to be disclosed. */
  REQUIRED_CLAIMS("required_claims", Stage.POLICY),
  /**
   * For a contact centre's call on a client's behalf, the delegation the client's key signed and the
   * agent's own presentation (docs/token-profile.md §6); not required for any other call.
   */
  DELEGATION("delegation", Stage.DELEGATION);

  private final String id;
  private final Stage stage;

  Check(String id, Stage stage) {
    this.id = id;
    this.stage = stage;
  }

  /** The stable identifier, e.g. {@code issuer_signature}. */
  public String id() {
    return id;
  }

  /** The stage whose error codes this check raises. */
  public Stage stage() {
    return stage;
  }
}

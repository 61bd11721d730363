package dev.vesper.verifier;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.sdjwt.ConfirmationKey;
import dev.vesper.core.sdjwt.DisclosedClaim;
import dev.vesper.core.sdjwt.DisclosureProcessor;
import dev.vesper.core.sdjwt.IssuerJwt;
import dev.vesper.core.sdjwt.KeyBinding;
import dev.vesper.core.sdjwt.ProcessedPayload;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.sdjwt.Validity;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.VesperProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one verifying door for SD-JWT (+KB) presentations. Runs, in order and aborting at the first
 * failure: size and shape (before decoding), the key-binding decision (policy, never presence), the
 * issuer JWT (ES256 only, {@code typ}, no {@code crit}, trusted key, signature), RFC 9901 §7.1
 * disclosure processing, validity ({@code exp}, {@code nbf}, {@code iat}), the profile rules, the KB-JWT
 * (§7.3: {@code typ}, signature by {@code cnf.jwk}, {@code aud}, {@code nonce}, {@code iat} window,
 * {@code sd_hash}), the token's status when the policy checks it, and the required claims.
 * Thread-safe.
 *
 * <p>What it does not check: replay of a whole presentation inside the KB window (the caller's nonce discipline,
 * or a replay cache keyed by the KB-JWT signing input).
 */
public final class PresentationVerifier {
  /** Default bound of the issuer-signature cache. */
  public static final int DEFAULT_CACHE_ENTRIES = 10_000;

  private final IssuerSignatureCache cache;

  private PresentationVerifier(IssuerSignatureCache cache) {
    this.cache = cache;
  }

  /** A verifier that skips issuer signatures it has verified before (bounded cache). */
  public static PresentationVerifier create() {
    return new PresentationVerifier(new IssuerSignatureCache(DEFAULT_CACHE_ENTRIES));
  }

  /** A verifier that checks every issuer signature, every time. */
  public static PresentationVerifier withoutSignatureCache() {
    return new PresentationVerifier(null);
  }

  /**
   * Verifies {@code presentation} under {@code policy}.
   *
   * @throws VesperException with the {@link ErrorCode} of the first failed check
   */
  public VerifiedPresentation verify(String presentation, VerificationPolicy policy) throws VesperException {
    return verify(presentation, null, policy, new ArrayList<>(), new ArrayList<>());
  }

  /**
   * Verifies {@code presentation} together with the offline receipt of its token's issuance
   * ({@code issuanceReceipt}, C2SP tlog-proof text; may be null when the policy requires none).
   * A receipt given to a policy that requires none is not checked.
   */
  public VerifiedPresentation verify(String presentation, String issuanceReceipt, VerificationPolicy policy)
      throws VesperException {
    return verify(presentation, issuanceReceipt, policy, new ArrayList<>(), new ArrayList<>());
  }

  /**
   * Verifies like {@link #verify(String, VerificationPolicy)} and reports each check's outcome, in the
   * order they run, for callers that show them (the verifier page, the HTTP API). Never throws for an
   * invalid presentation: the failure is in the result.
   */
  public Verification check(String presentation, VerificationPolicy policy) {
    return check(presentation, null, policy);
  }

  /** Like {@link #verify(String, String, VerificationPolicy)}, reporting each check. */
  public Verification check(String presentation, String issuanceReceipt, VerificationPolicy policy) {
    List<String> passed = new ArrayList<>();
    List<String> notRequired = new ArrayList<>();
    try {
      return new Verification(verify(presentation, issuanceReceipt, policy, passed, notRequired), null, passed, notRequired);
    } catch (VesperException e) {
      return new Verification(null, e, passed, notRequired);
    }
  }

  /** The checks in the order {@link #verify} runs them. */
  public static final List<String> CHECKS = List.of(
      "format", "key_binding_required", "issuer_signature", "issuance_receipt", "disclosures", "validity", "profile",
      "key_binding", "status", "required_claims");

  private VerifiedPresentation verify(
      String presentation, String issuanceReceipt, VerificationPolicy policy, List<String> passed, List<String> notRequired)
      throws VesperException {
    Objects.requireNonNull(presentation, "presentation == null");
    Objects.requireNonNull(policy, "policy == null");
    SdJwt sdJwt = SdJwt.parse(presentation, policy.limits());
    passed.add("format");
    if (policy.keyBindingRequired() && sdJwt.keyBindingJwt().isEmpty()) {
      throw new VesperException(ErrorCode.KB_MISSING, "key binding is required and the presentation has no KB-JWT");
    }
    if (!policy.keyBindingRequired() && sdJwt.keyBindingJwt().isPresent()) {
      throw new VesperException(ErrorCode.KB_UNEXPECTED, "the presentation carries a KB-JWT the policy does not expect");
    }
    passed.add("key_binding_required");
    PublicJwk issuerKey = checkIssuerSignature(sdJwt.issuerJwt(), policy);
    passed.add("issuer_signature");
    if (policy.issuanceReceipts().isPresent()) {
      if (issuanceReceipt == null) {
        throw new VesperException(ErrorCode.LOG_RECEIPT_MISSING, "the policy requires an issuance receipt and none was given");
      }
      policy.issuanceReceipts().get().check(issuanceReceipt, sdJwt.issuerJwt().text(), issuerKey);
      passed.add("issuance_receipt");
    } else {
      notRequired.add("issuance_receipt");
    }
    Map<String, Object> signed = sdJwt.issuerJwt().payload();
    ProcessedPayload processed =
        DisclosureProcessor.process(signed, sdJwt.disclosures(), policy.limits(), policy.profile() == Profile.VESPER);
    passed.add("disclosures");
    long now = policy.clock().instant().getEpochSecond();
    Validity.check(processed.claims(), now, policy.skew().toSeconds(), policy.expiryRequired());
    passed.add("validity");
    if (policy.profile() == Profile.VESPER) {
      VesperProfile.check(signed, processed);
    }
    passed.add("profile");
    PublicJwk holderKey = null;
    if (policy.keyBindingRequired()) {
      holderKey = ConfirmationKey.of(signed);
      KeyBinding.verify(
          sdJwt.keyBindingJwt().orElseThrow(),
          holderKey,
          sdJwt.sdHashInput(),
          new KeyBinding.Expectation(policy.audience(), policy.nonce(), now, policy.maxKeyBindingAge(), policy.skew()));
    }
    passed.add("key_binding");
    if (policy.statusLists().isPresent()) {
      // The list must be signed by the token's own issuer (its keys only, not every trusted issuer's).
      policy.statusLists().get().check(StatusReference.fromClaim(signed.get("status")),
          policy.trustedIssuers().keysOf(IssuerJwt.issuer(sdJwt.issuerJwt())));
      passed.add("status");
    } else {
      notRequired.add("status");
    }
    for (ClaimSelector required : policy.required()) {
      if (!required.isSatisfiedBy(processed.claims())) {
        throw new VesperException(
            ErrorCode.POLICY_REQUIRED_CLAIM_MISSING, "the presentation does not disclose " + required);
      }
    }
    passed.add("required_claims");
    List<String> paths = new ArrayList<>(processed.disclosed().size());
    for (DisclosedClaim c : processed.disclosed()) {
      paths.add(c.path().toString());
    }
    return new VerifiedPresentation(processed.claims(), paths, issuerKey, holderKey);
  }

  private PublicJwk checkIssuerSignature(CompactJws jwt, VerificationPolicy policy) throws VesperException {
    IssuerJwt.checkHeader(jwt, policy.issuerTyp().orElse(null));
    PublicJwk key = IssuerJwt.selectKey(jwt, policy.trustedIssuers());
    String jwtHash = cache == null ? null : Sha256.base64UrlOfAscii(jwt.text());
    if (cache != null && cache.verified(jwtHash, key.thumbprint())) {
      return key;
    }
    IssuerJwt.checkSignature(jwt, key);
    if (cache != null) {
      cache.remember(jwtHash, key.thumbprint());
    }
    return key;
  }
}

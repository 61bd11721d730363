package dev.vesper.verifier;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.Check;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.sdjwt.DisclosedClaim;
import dev.vesper.core.sdjwt.SdJwtVerifier;
import dev.vesper.core.sdjwt.VerificationSteps;
import dev.vesper.core.sdjwt.VerifiedSdJwt;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.token.ClaimSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The verifier's door for SD-JWT (+KB) presentations: the core door ({@link SdJwtVerifier}) under the
 * {@link VerificationPolicy}, plus what a verifier adds. Runs the {@link Check}s in their one order,
 * aborting at the first failure: size and shape (before decoding), the key-binding decision (policy,
 * never presence), the issuer JWT (ES256 only, {@code typ}, no {@code crit}, trusted key, signature —
 * served by a bounded cache of signatures verified before), the issuance receipt when the policy requires
 * one, RFC 9901 §7.1 disclosure processing, validity ({@code exp}, {@code nbf}, {@code iat}), the profile
 * rules, the KB-JWT (§7.3: {@code typ}, signature by {@code cnf.jwk}, {@code aud}, {@code nonce},
 * {@code iat} window, {@code sd_hash}), the token's status when the policy checks it, the required
 * claims, and for a delegated call the delegation and the agent's own presentation ({@link DelegationCheck}).
 * Thread-safe.
 *
 * <p>What it does not check: replay of a whole presentation inside the KB window (the caller's nonce discipline,
 * or a replay cache keyed by the KB-JWT signing input).
 *
 * <pre>{@code
 * VerificationPolicy policy = VerificationPolicy.builder(trustedIssuers).expectAudience(aud).expectNonce(nonce).build();
 * VerifiedPresentation verified = PresentationVerifier.create().verify(presentation, policy);
 * }</pre>
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
    return verify(presentation, policy, new Run(null, policy, null), null);
  }

  /**
   * Verifies {@code presentation} together with the offline receipt of its token's issuance
   * ({@code issuanceReceipt}, C2SP tlog-proof text; may be null when the policy requires none).
   * A receipt given to a policy that requires none is not checked.
   */
  public VerifiedPresentation verify(String presentation, String issuanceReceipt, VerificationPolicy policy)
      throws VesperException {
    return verify(presentation, policy, new Run(issuanceReceipt, policy, null), null);
  }

  /**
   * Verifies a delegated call (docs/token-profile.md §6): the client's {@code presentation} (with its
   * receipt, when the policy wants one) under {@code policy}, then {@code proof} — the delegation signed
   * by the client's token key and the agent's own presentation — bound to the same call. The result is the
   * client's, with the agent as its {@link VerifiedPresentation#delegate()}.
   */
  public VerifiedPresentation verify(String presentation, String issuanceReceipt, DelegationProof proof, VerificationPolicy policy)
      throws VesperException {
    Objects.requireNonNull(proof, "proof == null");
    return verify(presentation, policy, new Run(issuanceReceipt, policy, null), proof);
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
    return check(presentation, issuanceReceipt, null, policy);
  }

  /** Like {@link #verify(String, String, DelegationProof, VerificationPolicy)}, reporting each check; {@code proof} may be null. */
  public Verification check(String presentation, String issuanceReceipt, DelegationProof proof, VerificationPolicy policy) {
    Verification.Outcomes outcomes = new Verification.Outcomes();
    try {
      return outcomes.verified(verify(presentation, policy, new Run(issuanceReceipt, policy, outcomes), proof));
    } catch (VesperException e) {
      return outcomes.failed(e);
    }
  }

  /** {@code proof}: the delegation of a delegated call, null for any other. */
  private VerifiedPresentation verify(String presentation, VerificationPolicy policy, Run run, DelegationProof proof)
      throws VesperException {
    Objects.requireNonNull(presentation, "presentation == null");
    Objects.requireNonNull(policy, "policy == null");
    VerifiedSdJwt token = policy.door().verifyPresentation(presentation, policy.keyBinding(), run);
    if (policy.statusLists().isPresent()) {
      // The list must be signed by the token's own issuer (its keys only, not every trusted issuer's).
      policy.statusLists().get().check(StatusReference.fromClaim(token.signedPayload().get("status")),
          policy.trustedIssuers().keysOf(token.issuer().orElse(null)));
      run.passed(Check.STATUS);
    } else {
      run.notRequired(Check.STATUS);
    }
    for (ClaimSelector required : policy.required()) {
      if (!required.isSatisfiedBy(token.claims())) {
        throw new VesperException(
            ErrorCode.POLICY_REQUIRED_CLAIM_MISSING, "the presentation does not disclose " + required);
      }
    }
    run.passed(Check.REQUIRED_CLAIMS);
    List<String> paths = new ArrayList<>(token.disclosed().size());
    for (DisclosedClaim c : token.disclosed()) {
      paths.add(c.path().toString());
    }
    VerifiedPresentation verified = new VerifiedPresentation(token.claims(), paths, token.issuerKey(), token.holderKey().orElse(null));
    if (proof == null) {
      run.notRequired(Check.DELEGATION);
      return verified;
    }
    if (!policy.keyBindingRequired()) {
      throw new IllegalArgumentException("a delegated call is bound to its call: the policy must require key binding");
    }
    // Bound to the very input the KB-JWT's sd_hash was checked against.
    Delegate delegate = DelegationCheck.check(proof, verified, token.sdHashInput(), policy, this);
    run.passed(Check.DELEGATION);
    return verified.withDelegate(delegate);
  }

  /**
   * One verification's additions to the core door: the issuer-signature cache, the issuance receipt, and
   * the report of each check when {@code outcomes} is given.
   */
  private final class Run implements VerificationSteps {
    private final String issuanceReceipt;
    private final VerificationPolicy policy;
    private final Verification.Outcomes outcomes;

    Run(String issuanceReceipt, VerificationPolicy policy, Verification.Outcomes outcomes) {
      this.issuanceReceipt = issuanceReceipt;
      this.policy = policy;
      this.outcomes = outcomes;
    }

    @Override
    public void checkIssuerSignature(CompactJws jwt, PublicJwk key) throws VesperException {
      if (cache == null) {
        VerificationSteps.super.checkIssuerSignature(jwt, key);
        return;
      }
      String jwtHash = Sha256.base64UrlOfAscii(jwt.text());
      if (cache.verified(jwtHash, key.thumbprint())) {
        return;
      }
      VerificationSteps.super.checkIssuerSignature(jwt, key);
      cache.remember(jwtHash, key.thumbprint());
    }

    @Override
    public void afterIssuerSignature(CompactJws jwt, PublicJwk key) throws VesperException {
      if (policy.issuanceReceipts().isEmpty()) {
        notRequired(Check.ISSUANCE_RECEIPT);
        return;
      }
      if (issuanceReceipt == null) {
        throw new VesperException(ErrorCode.LOG_RECEIPT_MISSING, "the policy requires an issuance receipt and none was given");
      }
      policy.issuanceReceipts().get().check(issuanceReceipt, jwt.text(), key);
      passed(Check.ISSUANCE_RECEIPT);
    }

    @Override
    public void passed(Check check) {
      if (outcomes != null) {
        outcomes.passed.add(check);
      }
    }

    @Override
    public void notRequired(Check check) {
      if (outcomes != null) {
        outcomes.notRequired.add(check);
      }
    }
  }
}

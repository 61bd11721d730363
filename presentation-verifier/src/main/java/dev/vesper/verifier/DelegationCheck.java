package dev.vesper.verifier;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.Delegation;
import dev.vesper.core.token.VesperToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The delegation step of {@link PresentationVerifier} (docs/token-profile.md §6), run after the client's
 * presentation verified, in this order: the delegation's shape; its signature by the client's presented
 * token key; its binding to this call and to this client presentation; its {@code iat} window; the grant's
 * {@code exp}; its numbers (each disclosed by the client, and every number the policy requires named);
 * the agent's own presentation, under the client's policy except that it must disclose a name; and that
 * the agent's presentation is bound to the key the delegation names.
 */
final class DelegationCheck {
  private DelegationCheck() {}

  static Delegate check(DelegationProof proof, VerifiedPresentation client, String clientSdHashInput, VerificationPolicy policy,
      PresentationVerifier verifier) throws VesperException {
    Delegation d = Delegation.parse(proof.delegation());
    if (client.holderKey().isEmpty() || !d.signedBy(client.holderKey().get())) {
      throw new VesperException(ErrorCode.DELEGATION_SIGNATURE_INVALID, "the delegation is not signed by the client's token key");
    }
    if (!d.audience().equals(policy.audience()) || !d.nonce().equals(policy.nonce())
        || !d.sdHash().equals(Sha256.base64UrlOfAscii(clientSdHashInput))) {
      throw new VesperException(ErrorCode.DELEGATION_BINDING_MISMATCH, "the delegation is for another call or another presentation");
    }
    long now = policy.clock().instant().getEpochSecond();
    long skew = policy.skew().toSeconds();
    if (d.issuedAt() > now + skew || now - d.issuedAt() > policy.maxKeyBindingAge().toSeconds()) {
      throw new VesperException(ErrorCode.DELEGATION_IAT_OUT_OF_WINDOW, "the delegation's iat is outside the key-binding window");
    }
    if (now >= d.expiresAt() + skew) {
      throw new VesperException(ErrorCode.DELEGATION_EXPIRED, "the grant behind the delegation ended at " + d.expiresAt());
    }
    List<NumberEntry> disclosed = disclosedNumbers(client);
    for (TelephoneNumber n : d.numbers()) {
      if (disclosed.stream().noneMatch(e -> e.covers(n))) {
        throw new VesperException(ErrorCode.DELEGATION_NUMBER_NOT_COVERED, "the client's presentation does not disclose " + n);
      }
    }
    for (ClaimSelector required : policy.required()) {
      if (required.number().isPresent() && !d.numbers().contains(required.number().get())) {
        throw new VesperException(ErrorCode.DELEGATION_NUMBER_NOT_COVERED, "the delegation does not name the calling number "
            + required.number().get());
      }
    }
    VerifiedPresentation agent;
    try {
      agent = verifier.verify(proof.agentPresentation(), proof.agentReceipt(), policy.forAgent());
    } catch (VesperException e) {
      throw new VesperException(ErrorCode.DELEGATION_AGENT_INVALID, "the agent's presentation failed: " + e.code().id() + ": " + e.getMessage(), e);
    }
    if (agent.holderKey().isEmpty() || !agent.holderKey().get().thumbprint().equals(d.agentThumbprint())) {
      throw new VesperException(ErrorCode.DELEGATION_AGENT_MISMATCH, "the agent's presentation is bound to another key than the delegation names");
    }
    return new Delegate((String) agent.claims().get(VesperToken.NAME), d.expiresAt(), agent.issuer().orElse(null), d.numbers());
  }

  private static List<NumberEntry> disclosedNumbers(VerifiedPresentation client) throws VesperException {
    List<NumberEntry> out = new ArrayList<>();
    if (client.claims().get(VesperToken.TN) instanceof List<?> tn) {
      for (Object e : tn) {
        out.add(NumberEntry.fromCanonicalJson(e));
      }
    }
    return out;
  }
}

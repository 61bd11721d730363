package dev.vesper.verifier;

import java.util.Objects;

/**
 * What a delegated call carries beside the client's presentation (docs/token-profile.md §6): the
 * delegation the client's key signed, the agent's own presentation bound to the same call, and that
 * presentation's issuance receipt when a policy asks for receipts (else null). Unverified input.
 */
public record DelegationProof(String delegation, String agentPresentation, String agentReceipt) {
  public DelegationProof {
    Objects.requireNonNull(delegation, "delegation == null");
    Objects.requireNonNull(agentPresentation, "agentPresentation == null");
  }
}

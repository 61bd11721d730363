package dev.vesper.verifier.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.server.http.Access;
import dev.vesper.server.http.JsonBody;
import dev.vesper.verifier.DelegationProof;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.VerificationPolicy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/presentations/verify}: the relying party's verification, outside SIP. A well-formed
 * request always gets 200 with a verdict ({@code valid}, {@code claims} — and {@code delegate} for a
 * delegated call — or {@code error}+{@code message}, {@code checks}) — an invalid presentation is an
 * answer, not an HTTP error. Malformed requests are 4xx.
 */
final class VerifyRoutes {
  private static final Set<String> MEMBERS = Set.of("presentation", "aud", "nonce", "require", "receipt", "delegation");
  private static final Set<String> DELEGATION = Set.of("assertion", "agent", "agent_receipt");

  private final PresentationVerifier verifier = PresentationVerifier.create();
  private final VerifierConfig config;

  VerifyRoutes(VerifierConfig config) {
    this.config = config;
  }

  void register(RoutesConfig r) {
    r.post("/v1/presentations/verify", this::verify, Access.PUBLIC);
  }

  private void verify(Context ctx) throws VesperException {
    JsonBody body = JsonBody.read(ctx, MEMBERS);
    VerificationPolicy.Builder policy = VerificationPolicy.builder(config.trustedIssuers()).clock(config.clock())
        .expectAudience(body.string("aud")).expectNonce(body.string("nonce"));
    if (body.has("require")) {
      for (String path : body.strings("require")) {
        try {
          policy.require(ClaimSelector.parse(path));
        } catch (VesperException e) {
          throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "require: " + e.getMessage());
        }
      }
    }
    if (config.requireReceiptsFrom() != null) {
      policy.requireIssuanceReceipt(config.requireReceiptsFrom());
    }
    if (config.statusLists() != null) {
      policy.checkStatus(config.statusLists());
    }
    String receipt = body.optString("receipt").orElse(null);
    DelegationProof proof = body.has("delegation") ? delegation(body.object("delegation")) : null;
    ctx.contentType("application/json")
        .result(Json.write(verifier.check(body.string("presentation"), receipt, proof, policy.build()).toJson()));
  }

  /**
   * {@code {"assertion": "<delegation JWS>", "agent": "<the agent's SD-JWT+KB>", "agent_receipt"?}}: a
   * delegated call (docs/token-profile.md §6); its verdict names the agent as {@code delegate}.
   */
  private static DelegationProof delegation(Map<String, Object> d) throws VesperException {
    for (String k : d.keySet()) {
      if (!DELEGATION.contains(k)) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "delegation has only assertion, agent and agent_receipt");
      }
    }
    if (!(d.get("assertion") instanceof String assertion) || !(d.get("agent") instanceof String agent)
        || d.containsKey("agent_receipt") && !(d.get("agent_receipt") instanceof String)) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "delegation is {\"assertion\": string, \"agent\": string, \"agent_receipt\"?: string}");
    }
    return new DelegationProof(assertion, agent, (String) d.get("agent_receipt"));
  }
}

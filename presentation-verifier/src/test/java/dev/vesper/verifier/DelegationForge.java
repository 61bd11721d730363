package dev.vesper.verifier;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.Delegation;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds delegated calls from a recipe (src/test/resources/delegation-negative/*.json): by default a valid
 * one — the client (the test enterprise) discloses its name and the calling number 12025550100, an agent
 * ("Dial Partners") discloses its name, both bound to the same call, and the delegation signed by the
 * client's key names the agent's key — with exactly the deviation the recipe names:
 * {@code raw} (the delegation text), {@code header}/{@code claims} (members to set, null to remove),
 * {@code signer} ({@code attacker}, {@code agent}), {@code agentKeyNamed} ({@code attacker}), and
 * {@code agent}: {@code aud}, {@code disclose}, {@code issuer} ({@code attacker}).
 */
final class DelegationForge {
  static final String AUD = "tel:+13035550199";
  static final String NONCE = "call-nonce-1";
  static final String CALLING = "12025550100";
  static final SigningKey AGENT_KEY = agentKey();

  private DelegationForge() {}

  /** A built call: the client's presentation and the proof beside it. */
  record Call(String client, DelegationProof proof) {}

  static Call build(Map<String, Object> recipe) throws Exception {
    return build(recipe, new KeyBindingRequest(AUD, NONCE, Fixtures.NOW.getEpochSecond()), Fixtures.clock());
  }

  /** The same for the call bound by {@code binding}, with tokens issued at {@code clock}'s now. */
  @SuppressWarnings("unchecked")
  static Call build(Map<String, Object> recipe, KeyBindingRequest binding, Clock clock) throws Exception {
    long now = binding.issuedAt();
    TokenIssuer issuer = TokenIssuer.create(Fixtures.issuerKey(), "https://issuer.example", clock, Fixtures.randomness(3));
    HolderToken clientToken = HolderToken.fromTrustedStore(issuer.issue(Fixtures.enterprise(), Fixtures.holderKey().publicJwk(), Duration.ofDays(1)),
        Limits.DEFAULT);
    Set<Disclosure> chosen = new LinkedHashSet<>(ClaimSelector.parse("name").select(clientToken));
    chosen.addAll(ClaimSelector.parse("tn=" + CALLING).select(clientToken));
    String client = clientToken.present(chosen, Fixtures.holderKey(), binding);

    Map<String, Object> agentRecipe = (Map<String, Object>) recipe.getOrDefault("agent", Map.of());
    TokenIssuer agentIssuer = "attacker".equals(agentRecipe.get("issuer"))
        ? TokenIssuer.create(Fixtures.attackerKey(), "https://issuer.example", clock, Fixtures.randomness(4)) : issuer;
    HolderToken agentToken = HolderToken.fromTrustedStore(agentIssuer.issue(IdentityAttributes.fromInput(Json.parseObject(
        "{\"name\":\"Dial Partners\",\"entity_type\":\"organization\",\"tn\":[\"+14155550100\"]}")), AGENT_KEY.publicJwk(), Duration.ofDays(1)),
        Limits.DEFAULT);
    Set<Disclosure> agentChosen = new LinkedHashSet<>();
    for (String d : (List<String>) agentRecipe.getOrDefault("disclose", List.of("name"))) {
      agentChosen.addAll(ClaimSelector.parse(d).select(agentToken));
    }
    String agent = agentToken.present(agentChosen, AGENT_KEY,
        new KeyBindingRequest((String) agentRecipe.getOrDefault("aud", binding.audience()), binding.nonce(), now));

    String delegation;
    if (recipe.containsKey("raw")) {
      delegation = (String) recipe.get("raw");
    } else {
      Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "ES256", "typ", Delegation.TYP));
      merge(header, (Map<String, Object>) recipe.getOrDefault("header", Map.of()));
      SigningKey named = "attacker".equals(recipe.get("agentKeyNamed")) ? Fixtures.attackerKey() : AGENT_KEY;
      Map<String, Object> claims = new LinkedHashMap<>(CompactJws.parse(Delegation.sign(Fixtures.holderKey(), binding,
          SdJwt.parse(client, Limits.DEFAULT).sdHashInput(), now + 3600, List.of(new TelephoneNumber(CALLING)), named.publicJwk()),
          "d").payload());
      merge(claims, (Map<String, Object>) recipe.getOrDefault("claims", Map.of()));
      SigningKey signer = switch ((String) recipe.getOrDefault("signer", "client")) {
        case "attacker" -> Fixtures.attackerKey();
        case "agent" -> AGENT_KEY;
        default -> Fixtures.holderKey();
      };
      delegation = CompactJws.sign(header, claims, signer);
    }
    return new Call(client, new DelegationProof(delegation, agent, null));
  }

  /** The client's policy for the call: trusted test issuer, fixed clock, the call's binding, the calling number required. */
  static VerificationPolicy policy() throws Exception {
    return VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk())).clock(Fixtures.clock())
        .expectAudience(AUD).expectNonce(NONCE).require(ClaimSelector.parse("tn=" + CALLING)).build();
  }

  private static void merge(Map<String, Object> into, Map<String, Object> changes) {
    changes.forEach((k, v) -> {
      if (v == null) {
        into.remove(k);
      } else {
        into.put(k, v);
      }
    });
  }

  private static SigningKey agentKey() {
    try {
      SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
      seeded.setSeed(42);
      return SigningKey.generate(seeded, null);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

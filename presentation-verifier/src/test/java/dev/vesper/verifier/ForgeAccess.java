package dev.vesper.verifier;

import dev.vesper.core.sdjwt.KeyBindingRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Test-only bridge to the package-private {@link Forge} for tests in other packages. */
public final class ForgeAccess {
  public static final String AUD = Forge.AUD;
  public static final String NONCE = Forge.NONCE;

  private ForgeAccess() {}

  /** The baseline valid presentation (name and tn disclosed, KB for AUD/NONCE). */
  public static String valid() throws Exception {
    return Forge.build(Map.of());
  }

  /** The baseline presentation whose token points at index 7 of {@link StatusServer#URI}. */
  public static String withStatusIndex7() throws Exception {
    return Forge.build(Map.of("claims", Map.of("status", Map.of("status_list", Map.of("idx", 7L, "uri", StatusServer.URI)))));
  }

  /** A valid delegated call (see {@link DelegationForge}): the client's presentation, the delegation, the agent's presentation. */
  public static List<String> delegatedCall(Map<String, Object> recipe) throws Exception {
    DelegationForge.Call call = DelegationForge.build(recipe);
    return List.of(call.client(), call.proof().delegation(), call.proof().agentPresentation());
  }

  /** The same for the call bound by ({@code aud}, {@code nonce}, {@code iat}), tokens issued now. */
  public static List<String> delegatedCall(Map<String, Object> recipe, String aud, String nonce, long iat) throws Exception {
    DelegationForge.Call call = DelegationForge.build(recipe, new KeyBindingRequest(aud, nonce, iat),
        Clock.systemUTC());
    return List.of(call.client(), call.proof().delegation(), call.proof().agentPresentation());
  }

  public static final String DELEGATED_AUD = DelegationForge.AUD;
  public static final String DELEGATED_NONCE = DelegationForge.NONCE;

  /** Status lists served from a recipe ({@code set}: index → code), as the negative cases use them. */
  public static StatusLists statusLists(Map<String, Object> recipe) {
    return StatusServer.lists(recipe);
  }
}

package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.token.CallBinding;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.Delegation;
import dev.vesper.core.token.VesperToken;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Per-call, policy-limited presentations. The token comes from a pool by its rotation ({@link PoolSelector}),
 * so under per-call and per-audience rotation no token is shown to two audiences. Nothing is signed unless
 * every requested claim is inside the pool's disclosure policy for the audience (and, under a grant, inside
 * the grant). Every presentation is audited: who, which token, which claim paths, which audience (sealed),
 * when — never a disclosed value.
 */
public final class Presentations {
  /** How far a call's iat may be from our clock. */
  static final long MAX_CALL_SKEW_SECONDS = 300;

  private final AuditWriter auditLog;
  private final TokenLibrary library;
  private final PoolSelector selector;
  private final Grants grants;
  private final Tenants tenants;
  private final Clock clock;
  private final BiConsumer<String, String> outcomes;

  /**
   * A call's presentation (SD-JWT+KB), the token it came from, the grant it was made under (or null), its
   * binding, the token's issuance receipt (or null), and for a call made for a grant's owner the
   * delegation the callee verifies it by (or null).
   */
  public record CallPresentation(String presentation, String tokenId, String grantId, String aud, String nonce, String issuanceReceipt,
      Delegated delegation) {
    /** A presentation of the caller's own token: no grant, no delegation. */
    static CallPresentation own(String presentation, LoadedToken token, KeyBindingRequest binding) {
      return new CallPresentation(presentation, token.id(), null, binding.audience(), binding.nonce(), token.issuanceReceipt(), null);
    }

    /** A presentation of a grant's owner's token, with the delegation that lets the callee verify it. */
    static CallPresentation underGrant(String presentation, LoadedToken token, String grantId, KeyBindingRequest binding,
        Delegated delegation) {
      return new CallPresentation(presentation, token.id(), grantId, binding.audience(), binding.nonce(), token.issuanceReceipt(),
          delegation);
    }
  }

  /**
   * What makes a call for a grant's owner verifiable (docs/token-profile.md §6): the delegation
   * assertion, the agent's presentation of its own name, and that token's issuance receipt (or null).
   */
  public record Delegated(String assertion, String agent, String agentReceipt) {
    /** The {@code vesper_delegation} JSON document: {@code assertion}, {@code agent}, {@code agent_receipt} when known. */
    public Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("assertion", assertion);
      out.put("agent", agent);
      if (agentReceipt != null) {
        out.put("agent_receipt", agentReceipt);
      }
      return out;
    }
  }

  /** {@code outcomes} receives ("holder_presentations", outcome) for the metrics. */
  public Presentations(AuditWriter auditLog, TokenLibrary library, PoolSelector selector, Grants grants, Tenants tenants, Clock clock,
      BiConsumer<String, String> outcomes) {
    this.auditLog = auditLog;
    this.library = library;
    this.selector = selector;
    this.grants = grants;
    this.tenants = tenants;
    this.clock = clock;
    this.outcomes = outcomes;
  }

  /**
   * A presentation of the caller's token revealing {@code disclose}, bound to {@code aud} and {@code nonce};
   * refused ({@link ErrorCode#HOLDER_TOKEN_SHOWN}) when the token's pool rotation does not let it go to
   * {@code aud}.
   */
  public String present(Caller caller, String tokenId, List<String> disclose, String aud, String nonce) throws VesperException {
    requireBindingText(aud, "aud");
    requireBindingText(nonce, "nonce");
    try {
      LoadedToken token = library.load(caller.tenantId(), tokenId);
      requireLive(token);
      List<String> allowed = token.policy().allowedFor(aud);
      List<ClaimSelector> selectors = new ArrayList<>();
      for (String d : disclose) {
        ClaimSelector s = ClaimSelector.parse(d);
        if (!DisclosurePolicy.permits(allowed, s)) {
          throw new VesperException(ErrorCode.HOLDER_DISCLOSURE_REFUSED, "the policy does not disclose " + s + " to this audience");
        }
        selectors.add(s);
      }
      selector.claimNamed(token, aud);
      String vp = signExactly(token, selectors, new KeyBindingRequest(aud, nonce, clock.instant().getEpochSecond()));
      audit(token, caller, null, selectors, aud);
      outcomes.accept("holder_presentations", "signed");
      return vp;
    } catch (VesperException e) {
      outcomes.accept("holder_presentations", e.code().id());
      throw e;
    }
  }

  /**
   * The call form: picks, by its pool's rotation, a token of the caller covering {@code orig} (or, when the
   * caller has none, one of a grant's owner), discloses what the policy gives the callee audience plus the
   * one {@code tn} element covering {@code orig}, and binds the KB-JWT to the call (docs/token-profile.md
   * §4.1). A pool that covers {@code orig} but has no token for this audience refuses
   * ({@link ErrorCode#HOLDER_POOL_EXHAUSTED}); nothing already shown elsewhere is reused.
   */
  public CallPresentation presentCall(Caller caller, CallBinding call) throws VesperException {
    try {
      long now = clock.instant().getEpochSecond();
      if (Math.abs(now - call.iat()) > MAX_CALL_SKEW_SECONDS) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "iat is more than " + MAX_CALL_SKEW_SECONDS + " s from now");
      }
      String aud = call.audience();
      KeyBindingRequest binding = new KeyBindingRequest(aud, call.nonce(), call.iat());
      LoadedToken own = selector.choose(caller.tenantId(), call.orig(), aud,
          pool -> pool.policy().allowedFor(aud).contains(VesperToken.TN));
      if (own == null && selector.anyPoolCovers(caller.tenantId(), call.orig())) {
        throw new VesperException(ErrorCode.HOLDER_DISCLOSURE_REFUSED, "the policy does not disclose the calling number to this audience");
      }
      if (own != null) {
        List<ClaimSelector> selectors = callSelectors(own.policy().allowedFor(aud), call.orig());
        String vp = signWhatTheTokenHas(own, selectors, binding);
        audit(own, caller, null, selectors, aud);
        outcomes.accept("holder_presentations", "signed");
        return CallPresentation.own(vp, own, binding);
      }
      for (Grants.Active g : grants.activeFor(caller)) {
        if (g.covers(call.orig())) {
          CallPresentation delegated = presentDelegated(caller, call, g, binding);
          if (delegated != null) {
            return delegated;
          }
        }
      }
      throw new VesperException(ErrorCode.HOLDER_NO_TOKEN_FOR_NUMBER, "no live token or grant of yours covers " + call.orig());
    } catch (VesperException e) {
      outcomes.accept("holder_presentations", e.code().id());
      throw e;
    }
  }

  /**
   * A call the caller (the agent: a contact centre) makes for a grant's owner (the client), verifiable
   * by the callee (docs/token-profile.md §6): the client's presentation from the owner's pool, the
   * agent's own presentation of its verified name from the agent's pools, and the delegation signed
   * with the client's presented token key, naming the agent's key, the calling number and the grant's
   * end — all bound to this call. Each token comes by its own pool's rotation. Null when the owner's pool
   * has no token covering the number.
   */
  private CallPresentation presentDelegated(Caller caller, CallBinding call, Grants.Active g, KeyBindingRequest binding)
      throws VesperException {
    String aud = binding.audience();
    LoadedToken owner = selector.choose(g.row().ownerTenant(), call.orig(), aud, pool -> pool.id().equals(g.row().poolId()));
    if (owner == null) {
      return null;
    }
    List<String> allowed = new ArrayList<>(owner.policy().allowedFor(aud));
    allowed.retainAll(g.row().claims());
    List<ClaimSelector> selectors = callSelectors(allowed, call.orig());
    LoadedToken agent = selector.choose(caller.tenantId(), null, aud, pool -> pool.policy().allowedFor(aud).contains(VesperToken.NAME));
    if (agent == null) {
      throw new VesperException(ErrorCode.HOLDER_NO_AGENT_TOKEN, "a call for a client carries your own verified name: no live token of"
          + " yours may disclose its name to this audience");
    }
    List<ClaimSelector> agentName = List.of(ClaimSelector.parse(VesperToken.NAME));
    String vp = signWhatTheTokenHas(owner, selectors, binding);
    String agentVp = signExactly(agent, agentName, binding);
    String delegation = Delegation.sign(owner.key(), binding, vp.substring(0, vp.lastIndexOf('~') + 1), g.row().expiresAt(),
        List.of(call.orig()), agent.holder().holderKey());
    audit(owner, caller, g.row().id(), selectors, aud);
    audit(agent, caller, null, agentName, aud);
    outcomes.accept("holder_presentations", "signed_under_grant");
    return CallPresentation.underGrant(vp, owner, g.row().id(), binding, new Delegated(delegation, agentVp, agent.issuanceReceipt()));
  }

  private static List<ClaimSelector> callSelectors(List<String> allowed, TelephoneNumber orig) throws VesperException {
    if (!allowed.contains(VesperToken.TN)) {
      throw new VesperException(ErrorCode.HOLDER_DISCLOSURE_REFUSED, "the policy does not disclose the calling number to this audience");
    }
    List<ClaimSelector> selectors = new ArrayList<>();
    for (String claim : allowed) {
      if (!claim.equals(VesperToken.TN)) {
        selectors.add(ClaimSelector.parse(claim));
      }
    }
    selectors.add(ClaimSelector.number(orig));
    return selectors;
  }

  /** Signs a presentation of exactly {@code selectors}: a claim the token lacks is an error. */
  private static String signExactly(LoadedToken token, List<ClaimSelector> selectors, KeyBindingRequest binding)
      throws VesperException {
    Set<Disclosure> chosen = new LinkedHashSet<>();
    for (ClaimSelector s : selectors) {
      chosen.addAll(s.select(token.holder()));
    }
    return token.holder().present(chosen, token.key(), binding);
  }

  /**
   * Signs a presentation of what the token has of {@code selectors} (a policy may allow claims this token
   * lacks): a claim it lacks is left out, but a number it lacks is an error.
   */
  private static String signWhatTheTokenHas(LoadedToken token, List<ClaimSelector> selectors, KeyBindingRequest binding)
      throws VesperException {
    Set<Disclosure> chosen = new LinkedHashSet<>();
    for (ClaimSelector s : selectors) {
      try {
        chosen.addAll(s.select(token.holder()));
      } catch (VesperException e) {
        if (s.number().isPresent()) {
          throw e;
        }
      }
    }
    return token.holder().present(chosen, token.key(), binding);
  }

  private void requireLive(LoadedToken token) throws VesperException {
    if (!token.liveAt(clock.instant().getEpochSecond())) {
      throw new VesperException(ErrorCode.HOLDER_TOKEN_NOT_LIVE, "the token has expired");
    }
  }

  /** Bounds {@code aud} and {@code nonce} before anything reads them (policy matching, signing). */
  private static void requireBindingText(String value, String what) throws VesperException {
    if (value.isEmpty() || value.length() > KeyBindingRequest.MAX_LENGTH) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, what + " must have 1 to " + KeyBindingRequest.MAX_LENGTH + " characters");
    }
  }

  private void audit(LoadedToken token, Caller actor, String grantId, List<ClaimSelector> selectors, String aud) throws VesperException {
    List<String> paths = new ArrayList<>();
    for (ClaimSelector s : selectors) {
      paths.add(s.number().isPresent() ? VesperToken.TN : s.toString());
    }
    auditLog.write(AuditEntries.of(tenants, token.tenantId(), actor.tenantId(), grantId, token.id(), paths, aud, clock.millis()));
  }
}

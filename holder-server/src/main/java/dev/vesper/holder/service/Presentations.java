package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.token.CallBinding;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.VesperToken;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Per-call, policy-limited presentations. Nothing is signed unless every requested claim is inside the
 * token's disclosure policy for the audience (and, under a grant, inside the grant). Every presentation
 * is audited: who, which token, which claim paths, which audience, when — never a disclosed value.
 */
public final class Presentations {
  /** How far a call's iat may be from our clock. */
  static final long MAX_CALL_SKEW_SECONDS = 300;

  private final AuditWriter auditLog;
  private final TokenLibrary library;
  private final Grants grants;
  private final Clock clock;
  private final BiConsumer<String, String> outcomes;

  /** {@code outcomes} receives ("holder_presentations", outcome) for the metrics. */
  public Presentations(AuditWriter auditLog, TokenLibrary library, Grants grants, Clock clock, BiConsumer<String, String> outcomes) {
    this.auditLog = auditLog;
    this.library = library;
    this.grants = grants;
    this.clock = clock;
    this.outcomes = outcomes;
  }

  /** A presentation of the caller's token revealing {@code disclose}, bound to {@code aud} and {@code nonce}. */
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
   * The call form: picks the caller's live token covering {@code orig} (or, failing that, a grant the
   * caller holds for it), discloses what the policy gives the callee audience plus the one {@code tn}
   * element covering {@code orig}, and binds the KB-JWT to the call (docs/token-profile.md §4.1).
   */
  public Map<String, Object> presentCall(Caller caller, CallBinding call) throws VesperException {
    try {
      long now = clock.instant().getEpochSecond();
      if (Math.abs(now - call.iat()) > MAX_CALL_SKEW_SECONDS) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "iat is more than " + MAX_CALL_SKEW_SECONDS + " s from now");
      }
      String aud = call.audience();
      KeyBindingRequest binding = new KeyBindingRequest(aud, call.nonce(), call.iat());
      LoadedToken own = null;
      for (LoadedToken t : library.loadAll(caller.tenantId())) {
        if (t.liveAt(now) && t.covers(call.orig()) && (own == null || t.expiresAt() > own.expiresAt())) {
          own = t;
        }
      }
      if (own != null) {
        List<ClaimSelector> selectors = callSelectors(own.policy().allowedFor(aud), call.orig());
        String vp = signWhatTheTokenHas(own, selectors, binding);
        audit(own, caller, null, selectors, aud);
        outcomes.accept("holder_presentations", "signed");
        return result(own, null, vp, binding);
      }
      for (Grants.Active g : grants.activeFor(caller)) {
        if (!g.covers(call.orig())) {
          continue;
        }
        LoadedToken owner = library.load(g.row().ownerTenant(), g.row().tokenId());
        if (!owner.liveAt(now) || !owner.covers(call.orig())) {
          continue;
        }
        List<String> allowed = new ArrayList<>(owner.policy().allowedFor(aud));
        allowed.retainAll(g.row().claims());
        List<ClaimSelector> selectors = callSelectors(allowed, call.orig());
        String vp = signWhatTheTokenHas(owner, selectors, binding);
        audit(owner, caller, g.row().id(), selectors, aud);
        outcomes.accept("holder_presentations", "signed_under_grant");
        return result(owner, g.row().id(), vp, binding);
      }
      throw new VesperException(ErrorCode.HOLDER_NO_TOKEN_FOR_NUMBER, "no live token or grant of yours covers " + call.orig());
    } catch (VesperException e) {
      outcomes.accept("holder_presentations", e.code().id());
      throw e;
    }
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
    auditLog.write(new Rows.Audit(Ids.newId("aud"), token.tenantId(), actor.tenantId(), grantId, token.id(), paths, aud, clock.millis()));
  }

  private static Map<String, Object> result(LoadedToken token, String grantId, String vp, KeyBindingRequest binding) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("presentation", vp);
    out.put("token_id", token.id());
    if (grantId != null) {
      out.put("grant_id", grantId);
    }
    out.put("aud", binding.audience());
    out.put("nonce", binding.nonce());
    if (token.issuanceReceipt() != null) {
      out.put("issuance_receipt", token.issuanceReceipt());
    }
    return out;
  }
}

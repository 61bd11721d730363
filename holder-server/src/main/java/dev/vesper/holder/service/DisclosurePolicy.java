package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.sdjwt.ClaimPath;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.VesperDcql;
import dev.vesper.core.token.VesperToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which claims of one token may be disclosed to which audience. An audience rule matches exactly or by
 * a pattern in which {@code *} stands for any run of characters (at most 8 of them, matched in linear
 * time: {@link AudiencePattern}); exact rules win over patterns, patterns
 * are tried in order, and the default applies when none matches. A claim entry allows that claim and
 * everything below it ({@code address} allows {@code address.locality}); {@code tn} allows only the one
 * {@code tn} element that covers the calling number, never the number list. Immutable.
 */
public record DisclosurePolicy(List<String> defaultClaims, List<Rule> audiences) {
  /** One audience rule: an exact audience or an {@link AudiencePattern}, and the claims it may receive. */
  public static final class Rule {
    private final String match;
    private final List<String> claims;
    private final AudiencePattern pattern;

    public Rule(String match, List<String> claims) {
      this.match = Objects.requireNonNull(match, "match == null");
      this.claims = List.copyOf(claims);
      this.pattern = AudiencePattern.isPattern(match) ? AudiencePattern.compile(match) : null;
    }

    public String match() {
      return match;
    }

    public List<String> claims() {
      return claims;
    }

    boolean isPattern() {
      return pattern != null;
    }

    boolean matches(String audience) {
      return pattern == null ? match.equals(audience) : pattern.matches(audience);
    }
  }

  public DisclosurePolicy {
    defaultClaims = List.copyOf(defaultClaims);
    audiences = List.copyOf(audiences);
  }

  /** The policy of a token nobody configured yet: the verified name and the calling number. */
  public static DisclosurePolicy minimal() {
    return new DisclosurePolicy(List.of(VesperToken.NAME, VesperToken.TN), List.of());
  }

  /**
   * The claims allowed for {@code audience}, which callers bound first ({@link
   * dev.vesper.core.sdjwt.KeyBindingRequest#MAX_LENGTH}); linear in the audience and the patterns.
   */
  public List<String> allowedFor(String audience) {
    for (Rule r : audiences) {
      if (!r.isPattern() && r.matches(audience)) {
        return r.claims();
      }
    }
    for (Rule r : audiences) {
      if (r.isPattern() && r.matches(audience)) {
        return r.claims();
      }
    }
    return defaultClaims;
  }

  /** True when {@code selector} lies within {@code allowed}. A path into {@code tn} is never allowed. */
  public static boolean permits(List<String> allowed, ClaimSelector selector) {
    if (selector.number().isPresent()) {
      return allowed.contains(VesperToken.TN);
    }
    ClaimPath path = selector.claimPath().orElseThrow();
    if (VesperToken.TN.equals(path.first())) {
      return false;
    }
    for (String entry : allowed) {
      if (!entry.equals(VesperToken.TN) && path.startsWith(new ClaimPath(List.of((Object[]) entry.split("\\."))))) {
        return true;
      }
    }
    return false;
  }

  /** Reads and validates the JSON form: {@code {"default": [...], "audiences": [{"match", "claims"}]}}. */
  public static DisclosurePolicy fromJson(Map<String, Object> json) throws VesperException {
    for (String k : json.keySet()) {
      if (!k.equals("default") && !k.equals("audiences")) {
        throw bad("unknown policy member '" + k + "'");
      }
    }
    List<String> defaults = claims(json.getOrDefault("default", List.of(VesperToken.NAME, VesperToken.TN)), "default");
    List<Rule> rules = new ArrayList<>();
    Object audiences = json.getOrDefault("audiences", List.of());
    if (!(audiences instanceof List<?> list) || list.size() > 100) {
      throw bad("audiences must be an array of at most 100 rules");
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("match") instanceof String match) || match.isBlank() || m.size() != 2
          || !m.containsKey("claims")) {
        throw bad("each audience rule is {\"match\": \"<audience or pattern>\", \"claims\": [...]}");
      }
      if (match.length() > AudiencePattern.MAX_LENGTH || AudiencePattern.wildcards(match) > AudiencePattern.MAX_WILDCARDS) {
        throw bad("an audience rule's match has at most " + AudiencePattern.MAX_LENGTH + " characters and "
            + AudiencePattern.MAX_WILDCARDS + " '*'");
      }
      rules.add(new Rule(match, claims(m.get("claims"), "claims of " + match)));
    }
    return new DisclosurePolicy(defaults, rules);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("default", defaultClaims);
    List<Object> rules = new ArrayList<>();
    for (Rule r : audiences) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("match", r.match());
      m.put("claims", r.claims());
      rules.add(m);
    }
    out.put("audiences", rules);
    return out;
  }

  /** Validates a list of claim names: profile attributes and their members only. */
  static List<String> claims(Object value, String what) throws VesperException {
    if (!(value instanceof List<?> list)) {
      throw bad(what + " must be an array of claim paths");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s) || !isKnownPath(s)) {
        throw bad(what + ": '" + o + "' is not a claim of the token profile (name, address.locality, tn, ...)");
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * A disclosable claim of the profile in dotted form: what {@link VesperDcql#isProfilePath} accepts, less
   * the always-visible claims and single {@code tn} elements (a policy names {@code tn}; the call picks the
   * element that covers the calling number).
   */
  private static boolean isKnownPath(String path) {
    List<Object> parts = List.of((Object[]) path.split("\\.", -1));
    return !VesperToken.ALWAYS_VISIBLE.contains(parts.get(0))
        && !(parts.size() > 1 && VesperToken.TN.equals(parts.get(0)))
        && VesperDcql.isProfilePath(parts);
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.REQUEST_BAD_BODY, message);
  }
}

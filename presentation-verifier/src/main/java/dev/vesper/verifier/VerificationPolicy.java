package dev.vesper.verifier;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.sdjwt.ClaimPath;
import dev.vesper.core.sdjwt.KeyBindingVerifier;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwtVerifier;
import dev.vesper.core.sdjwt.TokenRules;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.VesperProfile;
import dev.vesper.core.token.VesperToken;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PresentationVerifier} demands. Strict by default: key binding required with an expected
 * {@code aud} and {@code nonce}, KB-JWT at most 5 minutes old, 60 s clock skew, {@code exp} required,
 * ES256 only, the VESPER profile (so {@code typ dc+sd-jwt}). Every relaxation is a named builder call;
 * contradictory settings fail in {@link Builder#build()}. Immutable and thread-safe.
 *
 * <p>A policy configures the core door ({@link SdJwtVerifier}: trust, profile rules, limits, skew, clock;
 * {@link KeyBindingVerifier}: audience, nonce, age) and adds what only a verifier checks: issuance
 * receipts, status, required claims.
 */
public final class VerificationPolicy {
  /** Skew is capped so that no configuration turns the time checks off. */
  public static final Duration MAX_SKEW = SdJwtVerifier.MAX_SKEW;

  private final IssuerTrust trustedIssuers;
  private final Profile profile;
  private final boolean keyBindingRequired;
  private final List<ClaimSelector> required;
  private final IssuanceReceipts issuanceReceipts;
  private final StatusLists statusLists;
  private final SdJwtVerifier door;
  private final KeyBindingVerifier keyBinding;
  /** The call binding and windows a delegation is checked against (DelegationCheck); audience and nonce null without key binding. */
  private final String audience;
  private final String nonce;
  private final Duration maxKeyBindingAge;
  private final Duration skew;
  private final Clock clock;

  private VerificationPolicy(Builder b) {
    this.trustedIssuers = b.trustedIssuers;
    this.profile = b.profile;
    this.keyBindingRequired = b.keyBindingRequired;
    this.required = List.copyOf(b.required);
    this.issuanceReceipts = b.issuanceReceipts;
    this.statusLists = b.statusLists;
    TokenRules rules = profile == Profile.VESPER ? VesperProfile.RULES : TokenRules.generic(b.issuerTyp, b.expiry);
    this.door = SdJwtVerifier.builder(trustedIssuers, rules).limits(b.limits).clockSkew(b.skew).clock(b.clock).build();
    this.keyBinding = b.keyBindingRequired
        ? KeyBindingVerifier.mustBePresent(b.audience, b.nonce, b.maxKeyBindingAge)
        : KeyBindingVerifier.mustNotBePresent();
    this.audience = b.audience;
    this.nonce = b.nonce;
    this.maxKeyBindingAge = b.maxKeyBindingAge;
    this.skew = b.skew;
    this.clock = b.clock;
  }

  private VerificationPolicy(VerificationPolicy base, List<ClaimSelector> required) {
    this.trustedIssuers = base.trustedIssuers;
    this.profile = base.profile;
    this.keyBindingRequired = base.keyBindingRequired;
    this.required = List.copyOf(required);
    this.issuanceReceipts = base.issuanceReceipts;
    this.statusLists = base.statusLists;
    this.door = base.door;
    this.keyBinding = base.keyBinding;
    this.audience = base.audience;
    this.nonce = base.nonce;
    this.maxKeyBindingAge = base.maxKeyBindingAge;
    this.skew = base.skew;
    this.clock = base.clock;
  }

  /**
   * The policy an agent's presentation in a delegated call meets: this one (issuers, the call's binding,
   * windows, status, receipts) except that it requires the agent's name and nothing else.
   */
  VerificationPolicy forAgent() {
    return new VerificationPolicy(this, List.of(ClaimSelector.path(ClaimPath.of(VesperToken.NAME))));
  }

  /**
   * A strict policy trusting {@code trustedIssuers}: each key for the issuer it is bound to
   * ({@link IssuerTrust}), a bare key for any.
   */
  public static Builder builder(IssuerTrust trustedIssuers) {
    return new Builder(trustedIssuers);
  }

  public IssuerTrust trustedIssuers() {
    return trustedIssuers;
  }

  public Profile profile() {
    return profile;
  }

  public boolean keyBindingRequired() {
    return keyBindingRequired;
  }

  /** The core door configured by this policy. */
  SdJwtVerifier door() {
    return door;
  }

  KeyBindingVerifier keyBinding() {
    return keyBinding;
  }

  List<ClaimSelector> required() {
    return required;
  }

  String audience() {
    return audience;
  }

  String nonce() {
    return nonce;
  }

  Duration maxKeyBindingAge() {
    return maxKeyBindingAge;
  }

  Duration skew() {
    return skew;
  }

  Clock clock() {
    return clock;
  }

  /** The log whose issuance receipts this policy requires; empty when it requires none. */
  public Optional<IssuanceReceipts> issuanceReceipts() {
    return Optional.ofNullable(issuanceReceipts);
  }

  /** Where this policy looks up token status; empty when it does not check status. */
  public Optional<StatusLists> statusLists() {
    return Optional.ofNullable(statusLists);
  }

  /** Builds a {@link VerificationPolicy}; not thread-safe. */
  public static final class Builder {
    private final IssuerTrust trustedIssuers;
    private Profile profile = Profile.VESPER;
    private boolean keyBindingRequired = true;
    private String audience;
    private String nonce;
    private Duration maxKeyBindingAge = Duration.ofMinutes(5);
    private Duration skew = SdJwtVerifier.DEFAULT_SKEW;
    private Clock clock = Clock.systemUTC();
    private TokenRules.Expiry expiry = TokenRules.Expiry.REQUIRED;
    private String issuerTyp;
    private final List<ClaimSelector> required = new ArrayList<>();
    private Limits limits = Limits.DEFAULT;
    private IssuanceReceipts issuanceReceipts;
    private StatusLists statusLists;

    private Builder(IssuerTrust trustedIssuers) {
      this.trustedIssuers = Objects.requireNonNull(trustedIssuers, "trustedIssuers == null");
    }

    public Builder profile(Profile profile) {
      this.profile = Objects.requireNonNull(profile, "profile == null");
      return this;
    }

    /** The exact KB-JWT {@code aud} to accept (the verifier's own identifier). */
    public Builder expectAudience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience == null");
      return this;
    }

    /** The exact KB-JWT {@code nonce} to accept (this transaction's). */
    public Builder expectNonce(String nonce) {
      this.nonce = Objects.requireNonNull(nonce, "nonce == null");
      return this;
    }

    /**
     * Relaxation: presentations must come <em>without</em> a KB-JWT (RFC 9901 §7.3 step 1: decided by
     * policy, never by what arrives). A presentation that carries one is refused.
     */
    public Builder withoutKeyBinding() {
      this.keyBindingRequired = false;
      return this;
    }

    /** How old a KB-JWT {@code iat} may be; default 5 minutes. */
    public Builder maxKeyBindingAge(Duration age) {
      if (age.isNegative()) {
        throw new IllegalArgumentException("max KB age must not be negative");
      }
      this.maxKeyBindingAge = age;
      return this;
    }

    /** Tolerated clock difference, at most {@link #MAX_SKEW}; default {@link SdJwtVerifier#DEFAULT_SKEW} (60 s). */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
        throw new IllegalArgumentException("skew must be between 0 and " + MAX_SKEW);
      }
      this.skew = skew;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Relaxation: accept issuer JWTs without {@code exp} (generic profile only). */
    public Builder allowMissingExpiry() {
      this.expiry = TokenRules.Expiry.OPTIONAL;
      return this;
    }

    /** Generic profile: require this issuer JWT {@code typ} (the VESPER profile fixes dc+sd-jwt). */
    public Builder expectIssuerTyp(String typ) {
      this.issuerTyp = Objects.requireNonNull(typ, "typ == null");
      return this;
    }

    /** The presentation must disclose this claim. */
    public Builder require(ClaimSelector selector) {
      this.required.add(Objects.requireNonNull(selector, "selector == null"));
      return this;
    }

    /**
     * Requires, with every presentation, an offline receipt proving that the token's issuance was logged
     * in {@code log} (docs/transparency.md §4). Off by default: not every deployment runs a log.
     */
    public Builder requireIssuanceReceipt(IssuanceReceipts log) {
      this.issuanceReceipts = Objects.requireNonNull(log, "log == null");
      return this;
    }

    /**
     * Checks every token's status in its Token Status List, fetched and cached by {@code lists}; a
     * token without a {@code status} reference is then refused ({@code status.missing}). Off by
     * default so that offline verification works; servers that can reach issuers turn it on.
     */
    public Builder checkStatus(StatusLists lists) {
      this.statusLists = Objects.requireNonNull(lists, "lists == null");
      return this;
    }

    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits == null");
      return this;
    }

    /** @throws IllegalStateException when the settings contradict each other */
    public VerificationPolicy build() {
      if (keyBindingRequired && (audience == null || nonce == null)) {
        throw new IllegalStateException("key binding requires expectAudience(...) and expectNonce(...)");
      }
      if (!keyBindingRequired && (audience != null || nonce != null)) {
        throw new IllegalStateException("an audience or nonce makes no sense without key binding");
      }
      if (profile == Profile.VESPER && expiry == TokenRules.Expiry.OPTIONAL) {
        throw new IllegalStateException("the VESPER profile always requires exp");
      }
      if (profile == Profile.VESPER && issuerTyp != null && !issuerTyp.equals(VesperToken.TYP)) {
        throw new IllegalStateException("the VESPER profile fixes typ " + VesperToken.TYP);
      }
      return new VerificationPolicy(this);
    }
  }
}

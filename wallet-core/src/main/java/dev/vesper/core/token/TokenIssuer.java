package dev.vesper.core.token;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.sdjwt.SdJwtEncoder;
import dev.vesper.core.sdjwt.SdJwtIssuer;
import dev.vesper.core.status.StatusReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Issues VESPER tokens (docs/token-profile.md): header {@code typ dc+sd-jwt}, {@code kid} of the issuer
 * key; always-visible {@code iss}, {@code iat}, {@code exp}, {@code vct}, {@code cnf.jwk}; every
 * identity attribute selectively disclosable with its own 128-bit salt, decoys on, the {@code tn} array
 * padded with decoy elements to its bucket ({@link VesperToken#MIN_TN_BUCKET}). Thread-safe when
 * its {@link Randomness} is.
 */
public final class TokenIssuer {
  private final Signer issuerKey;
  private final String issuer;
  private final Clock clock;
  private final Randomness random;
  private final boolean decoys;
  private final List<String> x5c;

  private TokenIssuer(Signer issuerKey, String issuer, Clock clock, Randomness random, boolean decoys, List<String> x5c) {
    this.issuerKey = Objects.requireNonNull(issuerKey, "issuerKey == null");
    this.x5c = List.copyOf(x5c);
    this.issuer = Objects.requireNonNull(issuer, "issuer == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.random = Objects.requireNonNull(random, "random == null");
    this.decoys = decoys;
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("issuer must not be blank");
    }
  }

  public static TokenIssuer create(Signer issuerKey, String issuer, Clock clock, Randomness random) {
    return new TokenIssuer(issuerKey, issuer, clock, random, true, List.of());
  }

  /** The same issuer without decoy digests: only for tests that assert the digest layout. */
  public TokenIssuer withoutDecoysForTests() {
    return new TokenIssuer(issuerKey, issuer, clock, random, false, x5c);
  }

  /**
   * The same issuer putting {@code chain} (base64 DER certificates, end-entity first, RFC 7515 §4.1.6)
   * in every token header as {@code x5c}; the end-entity certificate must certify the signing key (the
   * caller checks, since only it parses certificates).
   */
  public TokenIssuer withCertificateChain(List<String> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("an x5c chain needs at least one certificate");
    }
    return new TokenIssuer(issuerKey, issuer, clock, random, decoys, chain);
  }

  /** Issues a token valid from now for {@code validity}. */
  public String issue(IdentityAttributes attributes, PublicJwk holderKey, Duration validity) throws VesperException {
    Instant now = clock.instant();
    return issue(attributes, holderKey, now, now.plus(validity));
  }

  /** Issues a token with explicit {@code iat} and {@code exp}; {@code exp} must be after {@code iat}. */
  public String issue(IdentityAttributes attributes, PublicJwk holderKey, Instant issuedAt, Instant expiresAt)
      throws VesperException {
    return issue(attributes, holderKey, issuedAt, expiresAt, null);
  }

  /**
   * Issues a token with explicit validity that points into a status list ({@code status}, always
   * visible); {@code status} may be null for a token without one.
   */
  public String issue(
      IdentityAttributes attributes, PublicJwk holderKey, Instant issuedAt, Instant expiresAt, StatusReference status)
      throws VesperException {
    Objects.requireNonNull(attributes, "attributes == null");
    Objects.requireNonNull(holderKey, "holderKey == null");
    long iat = issuedAt.getEpochSecond();
    long exp = expiresAt.getEpochSecond();
    if (exp <= iat) {
      throw new VesperException(ErrorCode.ISSUANCE_BAD_VALIDITY, "exp must be after iat");
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", VesperToken.TYP);
    issuerKey.publicJwk().kid().ifPresent(kid -> header.put("kid", kid));
    if (!x5c.isEmpty()) {
      header.put("x5c", x5c);
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("iat", iat);
    claims.put("exp", exp);
    claims.put("vct", VesperToken.VCT);
    claims.put("cnf", Map.of("jwk", holderKey.withoutKid().toJson()));
    if (status != null) {
      claims.put("status", status.toClaim());
    }
    claims.putAll(attributes.claims());
    SdJwtEncoder encoder = decoys
        ? SdJwtEncoder.withDecoys(random).padToBuckets(Set.of(VesperToken.TN), VesperToken.MIN_TN_BUCKET)
        : SdJwtEncoder.withoutDecoys(random);
    return SdJwtIssuer.issue(header, claims, VesperToken.ALWAYS_VISIBLE, encoder, issuerKey);
  }
}

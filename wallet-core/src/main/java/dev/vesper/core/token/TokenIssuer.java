package dev.vesper.core.token;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.sdjwt.SdJwtEncoder;
import dev.vesper.core.sdjwt.SdJwtIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Issues VESPER tokens (docs/token-profile.md): header {@code typ dc+sd-jwt}, {@code kid} of the issuer
 * key; always-visible {@code iss}, {@code iat}, {@code exp}, {@code vct}, {@code cnf.jwk}; every
 * identity attribute selectively disclosable with its own 128-bit salt, decoys on. Thread-safe when
 * its {@link Randomness} is.
 */
public final class TokenIssuer {
  private final SigningKey issuerKey;
  private final String issuer;
  private final Clock clock;
  private final Randomness random;
  private final boolean decoys;

  private TokenIssuer(SigningKey issuerKey, String issuer, Clock clock, Randomness random, boolean decoys) {
    this.issuerKey = Objects.requireNonNull(issuerKey, "issuerKey == null");
    this.issuer = Objects.requireNonNull(issuer, "issuer == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.random = Objects.requireNonNull(random, "random == null");
    this.decoys = decoys;
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("issuer must not be blank");
    }
  }

  public static TokenIssuer create(SigningKey issuerKey, String issuer, Clock clock, Randomness random) {
    return new TokenIssuer(issuerKey, issuer, clock, random, true);
  }

  /** The same issuer without decoy digests: only for tests that assert the digest layout. */
  public TokenIssuer withoutDecoysForTests() {
    return new TokenIssuer(issuerKey, issuer, clock, random, false);
  }

  /** Issues a token valid from now for {@code validity}. */
  public String issue(IdentityAttributes attributes, PublicJwk holderKey, Duration validity) throws VesperException {
    Instant now = clock.instant();
    return issue(attributes, holderKey, now, now.plus(validity));
  }

  /** Issues a token with explicit {@code iat} and {@code exp}; {@code exp} must be after {@code iat}. */
  public String issue(IdentityAttributes attributes, PublicJwk holderKey, Instant issuedAt, Instant expiresAt)
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
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("iat", iat);
    claims.put("exp", exp);
    claims.put("vct", VesperToken.VCT);
    claims.put("cnf", Map.of("jwk", holderKey.withoutKid().toJson()));
    claims.putAll(attributes.claims());
    SdJwtEncoder encoder = decoys ? SdJwtEncoder.withDecoys(random) : SdJwtEncoder.withoutDecoys(random);
    return SdJwtIssuer.issue(header, claims, VesperToken.ALWAYS_VISIBLE, encoder, issuerKey);
  }
}

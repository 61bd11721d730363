package dev.vesper.issuer.vetting;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.time.Instant;
import java.util.Map;

/**
 * The checks KYC attestations and authority tokens share: a compact ES256 JWS of bounded size, signed
 * by a trusted source (pinned {@code iss} honoured), for this entity ({@code sub}; an authority token may
 * instead be bound by its account-key fingerprint, which its own class checks), with non-negative integer
 * {@code exp} in the future. {@code invalid} is the error of the evidence kind; an unknown signer is
 * always {@link ErrorCode#VETTING_UNTRUSTED_SOURCE}.
 */
final class SignedEvidence {
  static final int MAX_CHARS = 64 * 1024;
  private static final long SKEW_SECONDS = 60;

  record Checked(CompactJws jws, String iss) {}

  private SignedEvidence() {}

  /** Whether the evidence must name the entity in {@code sub}, or may leave it out. */
  enum Subject { REQUIRED, OPTIONAL }

  /**
   * Whether the evidence must name its issuer in {@code iss} (KYC attestations), or may leave that to
   * its signing key or certificate (RFC 9448 §5.1: an authority token's {@code iss} is optional). Without
   * one, the source's pinned {@code iss} names it, else {@code jwk-thumbprint:} and the RFC 7638
   * thumbprint of the key that verified it.
   */
  enum Issuer { REQUIRED, OPTIONAL }

  static Checked check(String text, String what, TrustedSources trusted, String entityId, Subject subject, Issuer issuer,
      Instant now, ErrorCode invalid, ErrorCode expired) throws VesperException {
    if (text.length() > MAX_CHARS) {
      throw new VesperException(invalid, what + " is larger than " + MAX_CHARS + " characters");
    }
    CompactJws jws;
    try {
      jws = CompactJws.parse(text.strip(), what);
      jws.requireEs256(invalid, invalid, what);
    } catch (VesperException e) {
      throw e.code() == invalid ? e : new VesperException(invalid, e.getMessage());
    }
    TrustedSources.Match match = trusted.select(jws, now);
    if (!match.key().verify(jws.signingInput(), jws.signature())) {
      throw new VesperException(invalid, what + " signature does not verify (forged or altered)");
    }
    Map<String, Object> claims = jws.payload();
    String iss;
    if (claims.get("iss") instanceof String named && !named.isBlank() && named.length() <= 512) {
      iss = named;
    } else if (claims.containsKey("iss") || issuer == Issuer.REQUIRED) {
      throw new VesperException(invalid, what + " needs an iss of 1 to 512 characters");
    } else {
      iss = match.source().iss() != null ? match.source().iss() : "jwk-thumbprint:" + match.key().thumbprint();
    }
    if (match.source().iss() != null && !match.source().iss().equals(iss)) {
      throw new VesperException(ErrorCode.VETTING_UNTRUSTED_SOURCE, what + " iss is not the one pinned for its signing key");
    }
    if ((subject == Subject.REQUIRED || claims.containsKey("sub")) && !entityId.equals(claims.get("sub"))) {
      throw new VesperException(invalid, what + " sub is not this entity's id");
    }
    if (!(claims.get("exp") instanceof Long exp) || exp < 0) {
      throw new VesperException(invalid, what + " needs a non-negative integer exp");
    }
    if (exp <= now.getEpochSecond() - SKEW_SECONDS) {
      throw new VesperException(expired, what + " expired at " + Instant.ofEpochSecond(exp));
    }
    if (claims.containsKey("iat") && (!(claims.get("iat") instanceof Long iat) || iat < 0 || iat > now.getEpochSecond() + SKEW_SECONDS)) {
      throw new VesperException(invalid, what + " iat must be an integer NumericDate not in the future");
    }
    if (claims.containsKey("nbf") && (!(claims.get("nbf") instanceof Long nbf) || nbf < 0 || nbf > now.getEpochSecond() + SKEW_SECONDS)) {
      throw new VesperException(expired, what + " is not valid yet");
    }
    return new Checked(jws, iss);
  }
}

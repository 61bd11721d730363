package dev.vesper.core.status;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Status List Token in JWT form (draft-ietf-oauth-status-list §5.1): header {@code typ statuslist+jwt},
 * ES256; claims {@code sub} (the list's uri, as referenced tokens carry it), {@code iat}, {@code exp},
 * {@code ttl}, {@code status_list}. Signs for the issuer; verifies strictly for the verifier.
 */
public final class StatusListToken {
  public static final String TYP = "statuslist+jwt";

  /** The largest status list token text a verifier parses. */
  public static final int MAX_CHARS = 4 * 1024 * 1024;

  private StatusListToken() {}

  /**
   * A verified list with its timing claims ({@code ttl} is null when the token has none) and the trusted
   * key that signed it.
   */
  public record Verified(StatusList list, Instant issuedAt, Instant expiresAt, Duration ttl, PublicJwk signer) {
    public Verified {
      Objects.requireNonNull(list, "list == null");
      Objects.requireNonNull(issuedAt, "issuedAt == null");
      Objects.requireNonNull(expiresAt, "expiresAt == null");
      Objects.requireNonNull(signer, "signer == null");
    }
  }

  /** Signs {@code list} as the token served at {@code uri}. */
  public static String sign(StatusList list, String uri, Instant issuedAt, Instant expiresAt, Duration ttl, Signer key) {
    if (!expiresAt.isAfter(issuedAt) || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("exp must follow iat and ttl must be positive");
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("typ", TYP);
    key.publicJwk().kid().ifPresent(kid -> header.put("kid", kid));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", uri);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("ttl", ttl.toSeconds());
    claims.put("status_list", list.toJson());
    return CompactJws.sign(header, claims, key);
  }

  /**
   * Verifies a fetched token: ES256 by a trusted key, {@code typ statuslist+jwt}, {@code sub} equal to
   * {@code uri}, integer {@code iat} not in the future and {@code exp} not passed (both with
   * {@code skew}), a positive integer {@code ttl} when present, and a well-formed list. Every failure is
   * {@link ErrorCode#STATUS_LIST_INVALID}.
   */
  public static Verified verify(String token, String uri, TrustedKeys trusted, Instant now, Duration skew)
      throws VesperException {
    if (token.length() > MAX_CHARS) {
      throw invalid("the status list token is larger than " + MAX_CHARS + " characters");
    }
    CompactJws jws;
    try {
      jws = CompactJws.parse(token.strip(), "status list token");
      jws.requireEs256(ErrorCode.STATUS_LIST_INVALID, ErrorCode.STATUS_LIST_INVALID, "status list token");
    } catch (VesperException e) {
      throw e.code() == ErrorCode.STATUS_LIST_INVALID ? e : invalid(e.getMessage());
    }
    if (!TYP.equals(jws.headerString("typ"))) {
      throw invalid("the status list token typ must be " + TYP);
    }
    PublicJwk key = trusted.select(jws.headerString("kid"))
        .orElseThrow(() -> invalid("no trusted issuer key matches the status list token"));
    if (!key.verify(jws.signingInput(), jws.signature())) {
      throw invalid("the status list token signature does not verify");
    }
    Map<String, Object> claims = jws.payload();
    if (!uri.equals(claims.get("sub"))) {
      throw invalid("the status list token sub is not the uri it was fetched from");
    }
    long nowSeconds = now.getEpochSecond();
    long iat = seconds(claims, "iat", true);
    if (iat > nowSeconds + skew.toSeconds()) {
      throw invalid("the status list token was issued in the future");
    }
    long exp = seconds(claims, "exp", false);
    if (exp != Long.MIN_VALUE && exp <= nowSeconds - skew.toSeconds()) {
      throw invalid("the status list token has expired");
    }
    long ttl = seconds(claims, "ttl", false);
    if (ttl != Long.MIN_VALUE && ttl <= 0) {
      throw invalid("the status list token ttl must be positive");
    }
    StatusList list = StatusList.fromJson(claims.get("status_list"));
    return new Verified(
        list, Instant.ofEpochSecond(iat), exp == Long.MIN_VALUE ? Instant.MAX : Instant.ofEpochSecond(exp),
        ttl == Long.MIN_VALUE ? null : Duration.ofSeconds(ttl), key);
  }

  private static long seconds(Map<String, Object> claims, String name, boolean required) throws VesperException {
    Object v = claims.get(name);
    if (v == null && !required) {
      return Long.MIN_VALUE;
    }
    if (!(v instanceof Long l) || l < 0) {
      throw invalid("the status list token " + name + " must be a non-negative integer");
    }
    return l;
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.STATUS_LIST_INVALID, message);
  }
}

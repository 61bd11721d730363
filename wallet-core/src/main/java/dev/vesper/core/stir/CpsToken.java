package dev.vesper.core.stir;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The access token of out-of-band PASSporT delivery (draft-wendt-stir-vesper-oob-02, HTTP binding): a JWS,
 * ES256 only, whose {@code x5c} is the caller's STI certificate chain (validated to the STI trust
 * anchors, no {@code x5u}); claims {@code iat} (within 5 minutes), {@code exp} (after now, at most 5
 * minutes after {@code iat}), {@code jti} (one token per transaction: the CPS refuses reuse),
 * {@code action} ({@code publish} or {@code retrieve}), {@code aud} (the CPS's host), {@code iss} (the
 * number the caller acts for: {@code orig} to publish, {@code dest} to retrieve, inside the certificate's
 * TNAuthList), {@code orig}, {@code dest} (the request path's numbers), and for a publish {@code passports}:
 * the unpadded base64url SHA-256 of the RFC 8785 canonical JSON of the request body. Immutable.
 */
public final class CpsToken {
  /** The skew and lifetime bound (draft: iat within 5 minutes). */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  /** What a token allows. */
  public enum Action {
    PUBLISH("publish"), RETRIEVE("retrieve");

    private final String id;

    Action(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** A token that verified: what it allows, for which numbers, its jti and expiry, who signed it. */
  public record Verified(Action action, TelephoneNumber orig, TelephoneNumber dest, String jti, Instant expires, String bodyDigest,
      StiCredentials.Signer signer) {}

  private CpsToken() {}

  /** The digest a publish token binds: base64url(SHA-256(canonical JSON of {@code body})). */
  public static String bodyDigest(Map<String, Object> body) {
    return Base64Url.encode(Sha256.digest(Json.writeCanonical(body).getBytes(StandardCharsets.UTF_8)));
  }

  /** Signs a token; {@code body} is the publish body ({@code {"passports": [...]}}), null to retrieve. */
  public static String sign(Action action, TelephoneNumber orig, TelephoneNumber dest, String audience, Map<String, Object> body,
      Signer key, List<String> x5c, Instant now, String jti) {
    Objects.requireNonNull(action, "action == null");
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("action", action.id());
    claims.put("aud", audience);
    claims.put("dest", Map.of("tn", List.of(dest.digits())));
    claims.put("exp", now.plus(Duration.ofMinutes(1)).getEpochSecond());
    claims.put("iat", now.getEpochSecond());
    claims.put("iss", (action == Action.PUBLISH ? orig : dest).digits());
    claims.put("jti", jti);
    claims.put("orig", Map.of("tn", orig.digits()));
    if (body != null) {
      claims.put("passports", bodyDigest(body));
    }
    return CompactJws.sign(Map.of("alg", "ES256", "typ", "JWT", "x5c", x5c), claims, key);
  }

  /**
   * Verifies {@code token} for a request to {@code audience} at {@code now}: signature with the key of an
   * {@code x5c} chain that validates to {@code trust}'s anchors, the claims above, and the signer's
   * TNAuthList covering {@code iss}. The caller then compares {@code orig}, {@code dest}, the action and the
   * body digest with the request, and spends the {@code jti}.
   *
   * @throws VesperException {@link ErrorCode#STIR_CPS_TOKEN_INVALID} for anything wrong with the token itself,
   *     {@link ErrorCode#STIR_CPS_FORBIDDEN} when its signer may not act for {@code iss}
   */
  public static Verified verify(String token, String audience, StiCredentials trust, Instant now) throws VesperException {
    CompactJws jws;
    try {
      jws = CompactJws.parse(token, "CPS access token");
      jws.requireEs256(ErrorCode.STIR_CPS_TOKEN_INVALID, ErrorCode.STIR_CPS_TOKEN_INVALID, "the CPS access token");
    } catch (VesperException e) {
      throw invalid(e.getMessage());
    }
    if (jws.header().containsKey("x5u") || !(jws.header().get("x5c") instanceof List<?> chain) || chain.isEmpty()) {
      throw invalid("the access token carries its certificate chain as x5c (and no x5u)");
    }
    List<String> x5c = chain.stream().map(o -> o instanceof String s ? s : "").toList();
    StiCredentials.Signer signer;
    try {
      signer = trust.verify(x5c, now);
    } catch (VesperException e) {
      throw invalid("the access token's certificate: " + e.getMessage());
    }
    if (!signer.key().verify(jws.signingInput(), jws.signature())) {
      throw invalid("the access token's signature does not verify");
    }
    Map<String, Object> c = jws.payload();
    if (!(c.get("iat") instanceof Long iat) || !(c.get("exp") instanceof Long exp) || !(c.get("jti") instanceof String jti)
        || jti.isEmpty() || jti.length() > 128 || !(c.get("action") instanceof String action) || !(c.get("iss") instanceof String iss)) {
      throw invalid("iat, exp, jti, action and iss are required");
    }
    long t = now.getEpochSecond();
    if (Math.abs(t - iat) > WINDOW.toSeconds() || exp <= t || exp - iat > WINDOW.toSeconds()) {
      throw invalid("the access token is stale, expired or too long-lived");
    }
    if (!audience.equals(c.get("aud"))) {
      throw invalid("the access token is for another CPS (aud)");
    }
    Action a = switch (action) {
      case "publish" -> Action.PUBLISH;
      case "retrieve" -> Action.RETRIEVE;
      default -> throw invalid("action must be publish or retrieve");
    };
    TelephoneNumber orig = tn(c.get("orig") instanceof Map<?, ?> o ? o.get("tn") : null);
    TelephoneNumber dest = c.get("dest") instanceof Map<?, ?> d && d.get("tn") instanceof List<?> l && l.size() == 1 ? tn(l.get(0)) : null;
    if (orig == null || dest == null) {
      throw invalid("orig {tn} and dest {tn: [one]} are required");
    }
    TelephoneNumber acting = a == Action.PUBLISH ? orig : dest;
    if (!iss.equals(acting.digits()) || !trust.covers(signer.numbers(), acting)) {
      throw new VesperException(ErrorCode.STIR_CPS_FORBIDDEN, "the token's signer does not hold " + acting + " (iss, TNAuthList)");
    }
    String digest = c.get("passports") instanceof String s ? s : null;
    if (a == Action.PUBLISH && digest == null) {
      throw invalid("a publish token binds the body (passports)");
    }
    return new Verified(a, orig, dest, jti, Instant.ofEpochSecond(exp), digest, signer);
  }

  private static TelephoneNumber tn(Object value) {
    return value instanceof String s && TelephoneNumber.isCanonical(s) ? new TelephoneNumber(s) : null;
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.STIR_CPS_TOKEN_INVALID, message);
  }
}

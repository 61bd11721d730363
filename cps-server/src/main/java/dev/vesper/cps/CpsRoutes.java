package dev.vesper.cps;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.stir.CpsToken;
import dev.vesper.core.stir.Passport;
import dev.vesper.server.http.Access;
import dev.vesper.server.http.JsonBody;
import dev.vesper.server.http.RateLimiter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CPS's HTTP binding (draft-wendt-stir-vesper-oob-02, as ATIS CPSs speak it): {@code GET /health};
 * {@code POST /passports/{DEST}/{ORIG}} with {@code {"passports": [...]}} publishes (201);
 * {@code GET /passports/{DEST}/{ORIG}} retrieves ({@code 200 {"passports": [...]}}, or 404). Every
 * publish and retrieve carries a {@link CpsToken} as a bearer token: 401 when it is missing, malformed,
 * untrusted, expired or spent; 403 when it is for other numbers, another action or another body, or its
 * signer does not hold the number it acts for (publish: {@code orig}; retrieve: {@code dest}); 429 past
 * the caller's rate. A published set is one call's PASSporTs (1 to 5, sharing {@code orig}, {@code dest},
 * {@code iat}, fresh within 60 s) and is kept until {@code iat} plus the retention, then gone.
 */
final class CpsRoutes {
  static final int MAX_PASSPORTS = 5;
  private static final long FRESHNESS_SECONDS = 60;

  private final CpsConfig config;
  private final PassportStore store;
  private final RateLimiter limiter;

  CpsRoutes(CpsConfig config, PassportStore store) {
    this.config = config;
    this.store = store;
    this.limiter = new RateLimiter(config.ratePerSecond(), config.burst(), System::nanoTime);
  }

  void register(RoutesConfig r) {
    r.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"), Access.PUBLIC);
    r.post("/passports/{dest}/{orig}", this::publish, Access.PUBLIC);
    r.get("/passports/{dest}/{orig}", this::retrieve, Access.PUBLIC);
  }

  private void publish(Context ctx) throws VesperException {
    Instant now = config.clock().instant();
    CpsToken.Verified token = authorize(ctx, CpsToken.Action.PUBLISH, now);
    JsonBody json = JsonBody.read(ctx, Set.of("passports")); // application/json, no other member, no null
    if (!(json.raw("passports") instanceof List<?> list) || list.isEmpty() || list.size() > MAX_PASSPORTS) {
      throw bad("the body is {\"passports\": [1 to " + MAX_PASSPORTS + " PASSporTs]}");
    }
    Map<String, Object> body = Map.of("passports", list);
    if (!CpsToken.bodyDigest(body).equals(token.bodyDigest())) {
      throw new VesperException(ErrorCode.STIR_CPS_FORBIDDEN, "the access token was issued for another body (passports digest)");
    }
    List<String> passports = new ArrayList<>();
    Long iat = null;
    for (Object o : list) {
      if (!(o instanceof String compact)) {
        throw bad("passports are compact PASSporTs");
      }
      Passport p = Passport.parse(compact);
      if (!p.orig().equals(token.orig()) || !p.dest().contains(token.dest())) {
        throw bad("every PASSporT is for the call the path names");
      }
      if (iat != null && p.iat() != iat) {
        throw bad("one publish is one call: the PASSporTs share iat");
      }
      iat = p.iat();
      passports.add(compact);
    }
    if (Math.abs(now.getEpochSecond() - iat) > FRESHNESS_SECONDS) {
      throw bad("the PASSporTs are not fresh (iat within 60 s)");
    }
    spend(token, now);
    store.put(token.dest().digits(), token.orig().digits(), passports, Instant.ofEpochSecond(iat).plus(config.retention()), now);
    ctx.status(201).contentType("application/json").result(Json.write(Map.of("stored", passports.size())));
  }

  private void retrieve(Context ctx) throws VesperException {
    Instant now = config.clock().instant();
    CpsToken.Verified token = authorize(ctx, CpsToken.Action.RETRIEVE, now);
    spend(token, now);
    List<String> held = store.get(token.dest().digits(), token.orig().digits(), now);
    if (held.isEmpty()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no PASSporT is held for this call");
    }
    ctx.header("Cache-Control", "no-store");
    ctx.status(200).contentType("application/json").result(Json.write(Map.of("passports", held)));
  }

  /** The bearer token, verified, for this action and the path's numbers; the caller's rate enforced. */
  private CpsToken.Verified authorize(Context ctx, CpsToken.Action action, Instant now) throws VesperException {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 32 * 1024) {
      throw new VesperException(ErrorCode.STIR_CPS_TOKEN_INVALID, "send the access token as Authorization: Bearer");
    }
    CpsToken.Verified token = CpsToken.verify(header.substring(7).strip(), config.audience(), config.trust(), now);
    limiter.enforce(token.signer().key().thumbprint());
    if (token.action() != action) {
      throw new VesperException(ErrorCode.STIR_CPS_FORBIDDEN, "the access token is for " + token.action().id());
    }
    if (!token.dest().equals(pathNumber(ctx.pathParam("dest"))) || !token.orig().equals(pathNumber(ctx.pathParam("orig")))) {
      throw new VesperException(ErrorCode.STIR_CPS_FORBIDDEN, "the access token is for other numbers than the path's");
    }
    return token;
  }

  private void spend(CpsToken.Verified token, Instant now) throws VesperException {
    if (!store.spend(token.jti(), token.expires(), now)) {
      throw new VesperException(ErrorCode.STIR_CPS_TOKEN_INVALID, "this access token was used before (jti)");
    }
  }

  /** A path number: RFC 8224 canonical digits (a percent-encoded leading + is tolerated). */
  private static TelephoneNumber pathNumber(String value) throws VesperException {
    String v = value.startsWith("+") ? value.substring(1) : value;
    if (!TelephoneNumber.isCanonical(v)) {
      throw bad("the path's numbers are canonical telephone numbers (RFC 8224 §8.3)");
    }
    return new TelephoneNumber(v);
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.REQUEST_BAD_BODY, message);
  }
}

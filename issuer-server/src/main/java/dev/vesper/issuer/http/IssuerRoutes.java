package dev.vesper.issuer.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.NumberLabeler;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.issuer.service.Authenticator;
import dev.vesper.issuer.service.Caller;
import dev.vesper.issuer.service.Entities;
import dev.vesper.issuer.service.Issuance;
import dev.vesper.issuer.service.IssuerKeys;
import dev.vesper.issuer.service.PublishedStatusLists;
import dev.vesper.issuer.service.RightToUse;
import dev.vesper.issuer.service.Tokens;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.Rows;
import dev.vesper.server.http.Access;
import dev.vesper.server.http.BearerKeys;
import dev.vesper.server.http.ExactBody;
import dev.vesper.server.http.JsonBody;
import dev.vesper.server.http.MediaRanges;
import dev.vesper.server.http.RateLimiter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The issuer's HTTP API (issuer-openapi.json): parse, call the service, respond. Each route names its
 * {@link Access}. Public: issuer metadata, JWKS, status lists, and self-registration. Operator only:
 * review, suspension, reinstatement. Everything else needs the operator key or an entity API key
 * ({@link #admit}); every caller is rate-limited.
 */
public final class IssuerRoutes {
  private static final String CALLER = "vesper.caller";
  /** The most numbers one request may name (claim, release, listing). */
  private static final int MAX_NUMBERS = 1000;
  private static final String STATUS_LIST_JWT = "application/statuslist+jwt";

  private final Entities entities;
  private final RightToUse rightToUse;
  private final Issuance issuance;
  private final Tokens tokens;
  private final IssuerKeys keys;
  private final PublishedStatusLists lists;
  private final IssuerStore store;
  private final RateLimiter limiter;
  private final SelfRegistrations registrations;
  private final NumberLabeler labeler;
  private final Authenticator authenticator;

  /** {@code labeler} null: the issuer reports to no log and its numbers have no keys. */
  public IssuerRoutes(Entities entities, RightToUse rightToUse, Issuance issuance, Tokens tokens, IssuerKeys keys, PublishedStatusLists lists,
      IssuerStore store, RateLimiter limiter, int registrationsPerMinute, String adminKey, NumberLabeler labeler) {
    this.labeler = labeler;
    this.entities = entities;
    this.rightToUse = rightToUse;
    this.issuance = issuance;
    this.tokens = tokens;
    this.keys = keys;
    this.lists = lists;
    this.store = store;
    this.limiter = limiter;
    this.registrations = new SelfRegistrations(registrationsPerMinute, System::nanoTime);
    this.authenticator = new Authenticator(adminKey, entities);
  }

  /** Five minutes: a rotated-in key reaches verifiers within that, and they refetch on an unknown kid. */
  static final String KEYS_CACHE_CONTROL = "max-age=300";

  public void register(RoutesConfig r) {
    // SD-JWT VC issuer metadata and key set: verifiers cache them by HTTP caching rules (RFC 9111).
    r.get("/.well-known/jwt-vc-issuer", ctx -> {
      ctx.header("Cache-Control", KEYS_CACHE_CONTROL);
      reply(ctx, 200, IssuerJson.metadata(keys.issuer(), keys.published()));
    }, Access.PUBLIC);
    r.get("/jwks.json", ctx -> {
      ctx.header("Cache-Control", KEYS_CACHE_CONTROL);
      reply(ctx, 200, IssuerJson.jwks(keys.published()));
    }, Access.PUBLIC);
    r.get("/status-lists/{id}", this::statusList, Access.PUBLIC);
    r.post("/v1/entities", ctx -> {
      registrations.admit(ctx);
      JsonBody body = JsonBody.read(ctx, Set.of("entity_type", "attributes"));
      if (!body.has("attributes")) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "attributes must be an object");
      }
      reply(ctx, 201, IssuerJson.registered(entities.create(body.string("entity_type"), body.object("attributes"))));
    }, Access.PUBLIC);
    r.get("/v1/entities/{id}", ctx -> reply(ctx, 200, IssuerJson.entity(entities.describe(caller(ctx), ctx.pathParam("id")))),
        Access.TENANT);
    r.post("/v1/entities/{id}/kyc", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("attestation"));
      reply(ctx, 200, IssuerJson.entity(entities.submitAttestation(caller(ctx), ctx.pathParam("id"), body.string("attestation"))));
    }, Access.TENANT);
    r.post("/v1/entities/{id}/review", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("decision", "reason", "level"));
      reply(ctx, 200, IssuerJson.entity(entities.review(caller(ctx), ctx.pathParam("id"), body.string("decision"), body.string("reason"),
          body.optString("level").orElse(null))));
    }, Access.OPERATOR);
    r.post("/v1/entities/{id}/numbers", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("authority_token", "claim"));
      reply(ctx, 200, IssuerJson.entity(rightToUse.submitAuthorityToken(caller(ctx), ctx.pathParam("id"), body.string("authority_token"),
          body.array("claim", MAX_NUMBERS))));
    }, Access.TENANT);
    r.post("/v1/entities/{id}/numbers/release", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("numbers", "reason"));
      String reason = body.optString("reason").orElse(Reason.NUMBER_RELEASED.id());
      reply(ctx, 200, IssuerJson.entity(rightToUse.release(caller(ctx), ctx.pathParam("id"), body.array("numbers", MAX_NUMBERS), reason)));
    }, Access.TENANT);
    r.put("/v1/entities/{id}/account-key", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("jwk"));
      reply(ctx, 200, IssuerJson.entity(entities.setAccountKey(caller(ctx), ctx.pathParam("id"), body.object("jwk"))));
    }, Access.TENANT);
    r.put("/v1/entities/{id}/listing", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("numbers"));
      if (!body.has("numbers")) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "numbers is required: the whole listing ([] lists none)");
      }
      reply(ctx, 200, IssuerJson.entity(rightToUse.setListing(caller(ctx), ctx.pathParam("id"), body.array("numbers", MAX_NUMBERS))));
    }, Access.TENANT);
    r.get("/v1/entities/{id}/number-keys", ctx -> {
      ctx.header("Cache-Control", "no-store");
      reply(ctx, 200, IssuerJson.numberKeys(entities.numberKeys(caller(ctx), ctx.pathParam("id"), labeler)));
    }, Access.TENANT);
    r.get("/v1/entities/{id}/tokens", ctx -> reply(ctx, 200, IssuerJson.tokens(tokens.list(caller(ctx), ctx.pathParam("id")))),
        Access.TENANT);
    r.post("/v1/entities/{id}/tokens", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("proofs"));
      reply(ctx, 201, IssuerJson.issued(issuance.issue(caller(ctx), ctx.pathParam("id"), body.strings("proofs"))));
    }, Access.TENANT);
    r.get("/v1/entities/{id}/events", this::events, Access.TENANT);
    r.get("/v1/nonce", ctx -> {
      ctx.header("Cache-Control", "no-store");
      reply(ctx, 200, IssuerJson.nonce(issuance.nonce()));
    }, Access.TENANT);
    r.get("/v1/tokens/{id}", ctx -> reply(ctx, 200, IssuerJson.token(tokens.get(caller(ctx), ctx.pathParam("id")))), Access.TENANT);
    r.post("/v1/tokens/{id}/revoke", ctx -> changeStatus(ctx, "revoke"), Access.TENANT);
    r.post("/v1/tokens/{id}/suspend", ctx -> changeStatus(ctx, "suspend"), Access.OPERATOR);
    r.post("/v1/tokens/{id}/reinstate", ctx -> changeStatus(ctx, "reinstate"), Access.OPERATOR);
  }

  /**
   * For an issuer identifier with a path ({@code https://ex.com/tenant}), the metadata also at the
   * well-known URL SD-JWT VC derives from it ({@code /.well-known/jwt-vc-issuer/tenant}), as a reverse
   * proxy in front of this server forwards it.
   */
  public void registerMetadataAlsoAt(RoutesConfig r, String issuerPath) {
    if (!issuerPath.isEmpty() && !issuerPath.equals("/")) {
      r.get("/.well-known/jwt-vc-issuer" + issuerPath, ctx -> {
        ctx.header("Cache-Control", KEYS_CACHE_CONTROL);
        reply(ctx, 200, IssuerJson.metadata(keys.issuer(), keys.published()));
      }, Access.PUBLIC);
    }
  }

  private void changeStatus(Context ctx, String action) throws VesperException {
    JsonBody body = JsonBody.read(ctx, Set.of("reason"));
    reply(ctx, 200, IssuerJson.token(tokens.change(caller(ctx), ctx.pathParam("id"), action, body.string("reason"))));
  }

  /**
   * A status list token (draft-ietf-oauth-status-list §8): {@code application/statuslist+jwt} without
   * parameters; a historical request ({@code ?time=}) answers 501 as the draft asks of servers without
   * history; an {@code Accept} that rules the JWT form out (only {@code application/statuslist+cwt}, say)
   * answers 406.
   */
  private void statusList(Context ctx) throws VesperException {
    if (ctx.queryParamMap().containsKey("time")) {
      throw new VesperException(ErrorCode.REQUEST_NOT_IMPLEMENTED, "this issuer keeps no status list history (?time is not supported)");
    }
    if (!MediaRanges.accepts(ctx.header("Accept"), STATUS_LIST_JWT)) {
      throw new VesperException(ErrorCode.REQUEST_NOT_ACCEPTABLE, "status lists are served as " + STATUS_LIST_JWT + " only");
    }
    String token = lists.token(ctx.pathParam("id"));
    ctx.header("Cache-Control", "max-age=" + Math.min(60, lists.ttl().toSeconds()));
    ctx.header("Vary", "Accept");
    ExactBody.send(ctx, STATUS_LIST_JWT, token.getBytes(StandardCharsets.US_ASCII));
  }

  private void events(Context ctx) throws VesperException {
    String id = ctx.pathParam("id");
    Caller caller = caller(ctx);
    entities.describe(caller, id); // 404 for anyone else's entity
    List<Map<String, Object>> out = new ArrayList<>();
    for (Rows.Event e : store.events(id, 1000)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("at_ms", e.atMs());
      m.put("kind", e.kind());
      if (e.tokenId() != null) {
        m.put("token_id", e.tokenId());
      }
      m.put("detail", Json.parseObject(e.detailJson()));
      out.add(m);
    }
    reply(ctx, 200, Map.of("events", out));
  }

  /**
   * The {@link dev.vesper.server.http.Gate}: on TENANT routes the operator key or an entity's API key
   * (each acting for itself, {@link Caller}); on OPERATOR routes the operator, its key already checked.
   * Every caller is rate-limited.
   */
  public void admit(Context ctx, Access access) throws VesperException {
    Caller caller = authenticator.authenticate(BearerKeys.of(ctx));
    limiter.enforce(caller.isOperator() ? "operator" : caller.entityId());
    ctx.attribute(CALLER, caller);
  }

  static Caller caller(Context ctx) {
    return ctx.attribute(CALLER);
  }

  static void reply(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}

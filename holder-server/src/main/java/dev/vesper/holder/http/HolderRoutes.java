package dev.vesper.holder.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.token.CallBinding;
import dev.vesper.holder.service.AuditTrail;
import dev.vesper.holder.service.CallSigning;
import dev.vesper.holder.service.Caller;
import dev.vesper.holder.service.DisclosurePolicy;
import dev.vesper.holder.service.Grants;
import dev.vesper.holder.service.Presentations;
import dev.vesper.holder.service.Tenants;
import dev.vesper.holder.service.TokenLibrary;
import dev.vesper.server.http.Access;
import dev.vesper.server.http.BearerKeys;
import dev.vesper.server.http.ExactBody;
import dev.vesper.server.http.JsonBody;
import dev.vesper.server.http.RateLimiter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The holder service's HTTP API (openapi.json): parse, call the service, respond. Each route names its
 * {@link Access}: creating tenants is the operator's (admin key), the STI certificate is public, the rest
 * is a tenant's, authenticated by its bearer API key ({@link #admit}) and rate-limited before the handler.
 */
public final class HolderRoutes {
  private static final String CALLER = "vesper.caller";
  /** RFC 8555 §9.1: a PEM certificate chain, end-entity first. */
  static final String PEM_CHAIN = "application/pem-certificate-chain";

  private final Tenants tenants;
  private final TokenLibrary tokens;
  private final Presentations presentations;
  private final Grants grants;
  private final AuditTrail audit;
  private final RateLimiter limiter;
  private final CallSigning callSigning;

  /** {@code callSigning} null: the service is no STI-AS and {@code /stir/v1/signing} answers 404. */
  public HolderRoutes(
      Tenants tenants, TokenLibrary tokens, Presentations presentations, Grants grants, AuditTrail audit,
      RateLimiter limiter, CallSigning callSigning) {
    this.tenants = tenants;
    this.tokens = tokens;
    this.presentations = presentations;
    this.grants = grants;
    this.audit = audit;
    this.limiter = limiter;
    this.callSigning = callSigning;
  }

  public void register(RoutesConfig r) {
    r.get("/stir/v1/certificate", this::certificate, Access.PUBLIC);
    r.get("/stir/v1/presentations/{id}", this::referencedPresentation, Access.PUBLIC);
    r.post("/stir/v1/signing", this::signCall, Access.TENANT);
    r.post("/v1/tenants", this::createTenant, Access.OPERATOR);
    r.post("/v1/keys", ctx -> reply(ctx, 201, HolderJson.key(tenants.createKey(caller(ctx)))), Access.TENANT);
    r.get("/v1/keys", ctx -> reply(ctx, 200, Map.of("keys", tenants.keys(caller(ctx)).stream().map(HolderJson::key).toList())),
        Access.TENANT);
    r.post("/v1/keys/{id}/proofs", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("aud", "nonce"));
      reply(ctx, 200, Map.of("proof", tenants.proof(caller(ctx), ctx.pathParam("id"), body.string("aud"), body.string("nonce"))));
    }, Access.TENANT);
    r.post("/v1/tokens", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("token", "receipt"));
      reply(ctx, 201, HolderJson.token(tokens.importToken(caller(ctx), body.string("token"), body.optString("receipt").orElse(null))));
    }, Access.TENANT);
    r.get("/v1/tokens", ctx -> reply(ctx, 200, Map.of("tokens", tokens.list(caller(ctx)).stream().map(HolderJson::token).toList())),
        Access.TENANT);
    r.get("/v1/tokens/{id}", ctx -> reply(ctx, 200, HolderJson.token(tokens.describe(caller(ctx), ctx.pathParam("id")))), Access.TENANT);
    r.delete("/v1/tokens/{id}", ctx -> {
      tokens.delete(caller(ctx), ctx.pathParam("id"));
      ctx.status(204);
    }, Access.TENANT);
    r.get("/v1/tokens/{id}/policy", ctx -> reply(ctx, 200, tokens.policy(caller(ctx), ctx.pathParam("id")).toJson()), Access.TENANT);
    r.put("/v1/tokens/{id}/policy", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("default", "audiences"));
      Map<String, Object> json = new LinkedHashMap<>();
      if (body.has("default")) {
        json.put("default", body.strings("default"));
      }
      if (body.has("audiences")) {
        json.put("audiences", body.raw("audiences")); // each rule an object the policy validates itself
      }
      DisclosurePolicy policy = DisclosurePolicy.fromJson(json);
      tokens.setPolicy(caller(ctx), ctx.pathParam("id"), policy);
      reply(ctx, 200, policy.toJson());
    }, Access.TENANT);
    r.post("/v1/tokens/{id}/presentations", this::present, Access.TENANT);
    r.post("/v1/presentations/call", this::presentCall, Access.TENANT);
    r.post("/v1/grants", this::createGrant, Access.TENANT);
    r.get("/v1/grants", ctx -> reply(ctx, 200, Map.of("grants", grants.list(caller(ctx)).stream().map(HolderJson::grant).toList())),
        Access.TENANT);
    r.delete("/v1/grants/{id}", ctx -> {
      grants.revoke(caller(ctx), ctx.pathParam("id"));
      ctx.status(204);
    }, Access.TENANT);
    r.get("/v1/audit", ctx -> {
      String limit = ctx.queryParam("limit");
      int n;
      try {
        n = limit == null ? 100 : Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "limit must be an integer");
      }
      reply(ctx, 200, HolderJson.auditPage(audit.page(caller(ctx), ctx.queryParam("after"), n, ctx.queryParam("audience"))));
    }, Access.TENANT);
  }

  /** The {@link dev.vesper.server.http.Gate}: a tenant's API key for TENANT routes; every caller rate-limited. */
  public void admit(Context ctx, Access access) throws VesperException {
    if (access == Access.OPERATOR) {
      limiter.enforce("operator");
      return;
    }
    Caller caller = tenants.authenticate(BearerKeys.of(ctx));
    limiter.enforce(caller.tenantId());
    ctx.attribute(CALLER, caller);
  }

  private void createTenant(Context ctx) throws VesperException {
    reply(ctx, 201, HolderJson.tenant(tenants.create(JsonBody.read(ctx, Set.of("name")).string("name"))));
  }

  private void present(Context ctx) throws VesperException {
    JsonBody body = JsonBody.read(ctx, Set.of("disclose", "aud", "nonce"));
    String vp = presentations.present(caller(ctx), ctx.pathParam("id"), body.strings("disclose"), body.string("aud"), body.string("nonce"));
    reply(ctx, 200, Map.of("presentation", vp));
  }

  private void presentCall(Context ctx) throws VesperException {
    JsonBody body = JsonBody.read(ctx, Set.of("orig", "dest", "iat", "origid"));
    List<TelephoneNumber> dest = new ArrayList<>();
    for (String d : body.strings("dest")) {
      dest.add(TelephoneNumber.parse(d));
    }
    if (dest.isEmpty() || dest.size() > 10) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "dest must name 1 to 10 numbers");
    }
    CallBinding call = call(TelephoneNumber.parse(body.string("orig")), dest, body.integer("iat"), body.optString("origid").orElse(null));
    reply(ctx, 200, HolderJson.callPresentation(presentations.presentCall(caller(ctx), call)));
  }

  /**
   * The STI-AS certificate chain (PEM, leaf first): what the Identity header's {@code info} names. Public;
   * {@code application/pem-certificate-chain} (RFC 8555 §9.1, as ATIS-1000080 asks of certificate repositories).
   */
  private void certificate(Context ctx) throws VesperException {
    if (callSigning == null) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "this holder service is not an STI-AS: it has no STI credential");
    }
    ctx.header("Cache-Control", "max-age=3600");
    ExactBody.send(ctx, PEM_CHAIN, callSigning.chainPem().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A presentation (or a delegated call's delegation) the STI-AS delivered by reference, while its call's
   * freshness window lasts: public (the unguessable id is the capability), {@code application/sd-jwt}
   * (RFC 9901) or {@code application/json}, never cached; 404 afterwards.
   */
  private void referencedPresentation(Context ctx) throws VesperException {
    if (callSigning == null) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "this holder service is not an STI-AS: it has no STI credential");
    }
    var document = callSigning.referenced(ctx.pathParam("id"), Instant.now().getEpochSecond())
        .orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such presentation, or its call's window has passed"));
    ctx.header("Cache-Control", "no-store");
    ExactBody.send(ctx, document.mediaType(), document.body().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The STI-AS in the shape of ATIS-1000082: {@code {"signingRequest": {"orig": {"tn"}, "dest": {"tn": [...]},
   * "iat", "origid"?, "attest"?, "vesper_delivery"?, "crn"?, "rcd"?: {"icn"}, "rcdi"?: {"/icn"}}}} →
   * {@code {"signingResponse": {"identity", "identities"}}}: the VESPER header, and with {@code attest} also a
   * SHAKEN one (both in {@code identities}).
   */
  private void signCall(Context ctx) throws VesperException {
    if (callSigning == null) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "this holder service is not an STI-AS: it has no STI credential");
    }
    Map<String, Object> req = JsonBody.read(ctx, Set.of("signingRequest")).object("signingRequest");
    if (!(req.get("orig") instanceof Map<?, ?> o) || !(o.get("tn") instanceof String orig)) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "signingRequest.orig.tn is required");
    }
    if (!(req.get("dest") instanceof Map<?, ?> d) || !(d.get("tn") instanceof List<?> dests) || dests.isEmpty() || dests.size() > 10) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "signingRequest.dest.tn must name 1 to 10 numbers");
    }
    if (!(req.get("iat") instanceof Long iat)) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "signingRequest.iat must be an integer");
    }
    List<TelephoneNumber> dest = new ArrayList<>();
    for (Object t : dests) {
      if (!(t instanceof String s)) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "signingRequest.dest.tn must be strings");
      }
      dest.add(TelephoneNumber.parse(s));
    }
    CallBinding call = call(TelephoneNumber.parse(orig), dest, iat, optString(req, "origid"));
    List<String> identities = callSigning.sign(caller(ctx), call, signingOptions(req));
    Map<String, Object> response = new LinkedHashMap<>(); // the documented order, on every run
    response.put("identity", identities.get(0));
    response.put("identities", identities);
    reply(ctx, 200, Map.of("signingResponse", response));
  }

  /** attest, vesper_delivery, crn, rcd.icn with rcdi./icn; the name (rcd.nam) is never the caller's to choose. */
  private static CallSigning.Options signingOptions(Map<String, Object> req) throws VesperException {
    String icn = null;
    String integrity = null;
    if (req.get("rcd") != null) {
      if (!(req.get("rcd") instanceof Map<?, ?> rcd) || rcd.keySet().stream().anyMatch(k -> !"icn".equals(k))) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "signingRequest.rcd may carry icn only: the name comes from the vetted token");
      }
      icn = rcd.get("icn") instanceof String s ? s : null;
      if (!(req.get("rcdi") instanceof Map<?, ?> rcdi) || !(rcdi.get("/icn") instanceof String digest) || rcdi.size() != 1) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "rcd.icn needs rcdi {\"/icn\": \"sha256-...\"} (RFC 9795)");
      }
      integrity = digest;
    } else if (req.get("rcdi") != null) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "rcdi without rcd.icn");
    }
    return new CallSigning.Options(optString(req, "attest"), CallSigning.Delivery.parse(optString(req, "vesper_delivery")),
        optString(req, "crn"), icn, integrity);
  }

  private static String optString(Map<String, Object> req, String member) throws VesperException {
    Object v = req.get(member);
    if (v != null && !(v instanceof String)) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "signingRequest." + member + " is a string");
    }
    return (String) v;
  }

  private void createGrant(Context ctx) throws VesperException {
    JsonBody body = JsonBody.read(ctx, Set.of("grantee_tenant", "token_id", "numbers", "claims", "expires_at"));
    reply(ctx, 201, HolderJson.grant(grants.create(caller(ctx), body.string("grantee_tenant"), body.string("token_id"),
        body.strings("numbers"), body.strings("claims"), body.integer("expires_at"))));
  }


  /** The call a request names; a value no call may carry ({@code iat} below 0, an empty or overlong {@code origid}) is a 400. */
  private static CallBinding call(TelephoneNumber orig, List<TelephoneNumber> dest, long iat, String origid) throws VesperException {
    try {
      return new CallBinding(orig, dest, iat, origid);
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, e.getMessage());
    }
  }

  static Caller caller(Context ctx) {
    return ctx.attribute(CALLER);
  }

  private static void reply(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}

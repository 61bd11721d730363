package dev.vesper.verifier.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.server.http.Access;
import dev.vesper.server.http.JsonBody;
import dev.vesper.server.http.Problems;
import dev.vesper.server.http.RateLimiter;
import dev.vesper.verifier.oid4vp.PresentationRequests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The verifier as an OpenID4VP 1.0 verifier (docs/openid4vc.md §3): {@code POST /v1/presentation-requests}
 * makes a DCQL request, {@code GET /v1/presentation-requests/{id}} tells how it went, the wallet fetches
 * a signed request at {@code /oid4vp/requests/{id}} and posts its response to {@code /oid4vp/responses/{id}}
 * (OAuth-shaped errors). Creating requests is rate-limited per client address.
 */
final class Oid4vpRoutes {
  private final Supplier<PresentationRequests> requests;
  private final RateLimiter limiter = new RateLimiter(20, 100, System::nanoTime);

  Oid4vpRoutes(Supplier<PresentationRequests> requests) {
    this.requests = requests;
  }

  void register(RoutesConfig r) {
    r.post("/v1/presentation-requests", ctx -> {
      limiter.enforce("create:" + ctx.ip());
      JsonBody body = JsonBody.read(ctx, Set.of("dcql_query"));
      if (!body.has("dcql_query")) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "dcql_query is required");
      }
      reply(ctx, 201, created(requests.get().create(body.raw("dcql_query"))));
    }, Access.PUBLIC);
    r.get("/v1/presentation-requests/{id}", ctx -> {
      ctx.header("Cache-Control", "no-store");
      reply(ctx, 200, status(requests.get().status(ctx.pathParam("id"))));
    }, Access.PUBLIC);
    r.get("/v1/presentation-requests/{id}/qr.svg", ctx -> ctx.header("Cache-Control", "no-store").contentType("image/svg+xml")
        .result(requests.get().qrCode(ctx.pathParam("id"))), Access.PUBLIC);
    r.get("/oid4vp/requests/{id}", Problems.oauth(ctx -> ctx.header("Cache-Control", "no-store")
        .contentType("application/oauth-authz-req+jwt").result(requests.get().requestObject(ctx.pathParam("id")))), Access.PUBLIC);
    r.post("/oid4vp/responses/{id}", Problems.oauth(this::response), Access.PUBLIC);
  }

  private void response(Context ctx) throws VesperException {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new VesperException(ErrorCode.OID4VC_INVALID_REQUEST, "post the response as application/x-www-form-urlencoded (direct_post)");
    }
    requests.get().respond(ctx.pathParam("id"), ctx.formParamMap());
    ctx.header("Cache-Control", "no-store");
    reply(ctx, 200, Map.of());
  }

  /** {@code request_uri} only for a signed request. */
  private static Map<String, Object> created(PresentationRequests.Created c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("client_id", c.clientId());
    if (c.requestUri() != null) {
      out.put("request_uri", c.requestUri());
    }
    out.put("request", c.request());
    out.put("expires_at", c.expiresAt());
    return out;
  }

  /** A verified request's {@code result} ({@code {"credentials": {"<query id>": [...]}}}); a failed one's {@code error} and {@code message}. */
  private static Map<String, Object> status(PresentationRequests.Status s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("expires_at", s.expiresAt());
    out.put("status", s.status());
    PresentationRequests.Outcome outcome = s.outcome();
    if (outcome != null && outcome.credentials() != null) {
      Map<String, Object> credentials = new LinkedHashMap<>();
      outcome.credentials().forEach((query, verified) -> credentials.put(query, verified.stream().map(v -> {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("issuer", v.issuer());
        one.put("claims", v.claims());
        one.put("disclosed", v.disclosed());
        return one;
      }).toList()));
      out.put("result", Map.of("credentials", credentials));
    } else if (outcome != null) {
      out.put("error", outcome.error());
      out.put("message", outcome.message());
    }
    return out;
  }

  private static void reply(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}

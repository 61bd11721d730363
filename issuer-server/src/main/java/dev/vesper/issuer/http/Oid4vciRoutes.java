package dev.vesper.issuer.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.issuer.service.CredentialOffers;
import dev.vesper.issuer.service.CredentialRequests;
import dev.vesper.issuer.service.Issuance;
import dev.vesper.issuer.service.IssuerMetadata;
import dev.vesper.issuer.service.PreAuthorizedGrant;
import dev.vesper.server.http.Access;
import dev.vesper.server.http.JsonBody;
import dev.vesper.server.http.Problems;
import dev.vesper.server.http.RateLimiter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The issuer as an OpenID4VCI 1.0 Credential Issuer with its own authorization server
 * (docs/openid4vc.md §1): metadata, credential offers (made by the operator or the entity under
 * {@code /v1}, served at their {@code credential_offer_uri}), the token, nonce and credential endpoints.
 * Protocol endpoints answer errors in the OAuth shape ({@code error}, {@code error_description}) and are
 * rate-limited per client address.
 */
public final class Oid4vciRoutes {
  private final CredentialOffers offers;
  private final PreAuthorizedGrant grant;
  private final CredentialRequests credentials;
  private final Issuance issuance;
  private final RateLimiter limiter;
  private final Supplier<String> issuerUrl;

  public Oid4vciRoutes(CredentialOffers offers, PreAuthorizedGrant grant, CredentialRequests credentials, Issuance issuance,
      RateLimiter limiter, Supplier<String> issuerUrl) {
    this.offers = offers;
    this.grant = grant;
    this.credentials = credentials;
    this.issuance = issuance;
    this.limiter = limiter;
    this.issuerUrl = issuerUrl;
  }

  /**
   * Registers the routes (paths spelled out for the OpenAPI contract test; they are {@link IssuerMetadata}'s).
   * Offers are created by the entity or the operator ({@link Access#TENANT}: {@link IssuerRoutes#admit}
   * lets both in); the OAuth endpoints are public and check their own grant, access token and DPoP proof.
   */
  public void register(RoutesConfig r) {
    r.get("/.well-known/openid-credential-issuer", ctx -> metadata(ctx, IssuerMetadata.credentialIssuer(issuerUrl.get())), Access.PUBLIC);
    r.get("/.well-known/oauth-authorization-server", ctx -> metadata(ctx, IssuerMetadata.authorizationServer(issuerUrl.get())), Access.PUBLIC);
    r.post("/v1/entities/{id}/credential-offers", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("tx_code", "expires_in"));
      Object txCode = body.raw("tx_code");
      if (txCode != null && !(txCode instanceof Boolean)) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "tx_code must be true or false");
      }
      IssuerRoutes.reply(ctx, 201, IssuerJson.offer(offers.create(IssuerRoutes.caller(ctx), ctx.pathParam("id"), Boolean.TRUE.equals(txCode),
          body.optInteger("expires_in").orElse(null))));
    }, Access.TENANT);
    r.post("/v1/entities/{id}/refresh-tokens/revoke",
        ctx -> IssuerRoutes.reply(ctx, 200, Map.of("revoked", offers.revokeRefreshTokens(IssuerRoutes.caller(ctx), ctx.pathParam("id")))),
        Access.TENANT);
    r.get("/oid4vci/offers/{id}", ctx -> {
      limiter.enforce("oid4vci:" + ctx.ip());
      ctx.header("Cache-Control", "no-store").contentType("application/json").result(offers.offerJson(ctx.pathParam("id")));
    }, Access.PUBLIC);
    r.post("/oid4vci/token", Problems.oauth(this::token), Access.PUBLIC);
    r.post("/oid4vci/nonce", Problems.oauth(ctx -> {
      limiter.enforce("oid4vci:" + ctx.ip());
      ctx.header("Cache-Control", "no-store");
      IssuerRoutes.reply(ctx, 200, Map.of("c_nonce", issuance.nonce().nonce()));
    }), Access.PUBLIC);
    r.post("/oid4vci/credential", Problems.oauth(this::credential), Access.PUBLIC); // the access token is the credential
  }

  private void token(Context ctx) throws VesperException {
    limiter.enforce("oid4vci:" + ctx.ip());
    if (!mediaType(ctx, "application/x-www-form-urlencoded")) {
      throw new VesperException(ErrorCode.OID4VC_INVALID_REQUEST, "send the token request as application/x-www-form-urlencoded");
    }
    PreAuthorizedGrant.AccessGrant out = grant.token(ctx.formParamMap(), ctx.header("DPoP"), issuerUrl.get() + IssuerMetadata.TOKEN_PATH);
    ctx.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    IssuerRoutes.reply(ctx, 200, IssuerJson.accessGrant(out));
  }

  private void credential(Context ctx) throws VesperException {
    limiter.enforce("oid4vci:" + ctx.ip());
    if (!mediaType(ctx, "application/json")) {
      throw new VesperException(ErrorCode.OID4VC_INVALID_CREDENTIAL_REQUEST, "send the credential request as application/json");
    }
    Map<String, Object> body;
    try {
      body = Json.parseObject(ctx.bodyAsBytes());
    } catch (VesperException e) {
      throw new VesperException(ErrorCode.OID4VC_INVALID_CREDENTIAL_REQUEST, "the body is not a JSON object: " + e.getMessage());
    }
    List<Issuance.Issued> out = credentials.issue(ctx.header("Authorization"), ctx.header("DPoP"),
        issuerUrl.get() + IssuerMetadata.CREDENTIAL_PATH, body);
    ctx.header("Cache-Control", "no-store");
    IssuerRoutes.reply(ctx, 200, IssuerJson.credentials(out));
  }

  private static void metadata(Context ctx, Map<String, Object> body) {
    ctx.header("Cache-Control", "max-age=300");
    IssuerRoutes.reply(ctx, 200, body);
  }

  private static boolean mediaType(Context ctx, String expected) {
    String type = ctx.contentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith(expected);
  }
}

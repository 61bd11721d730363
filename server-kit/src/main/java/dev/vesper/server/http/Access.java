package dev.vesper.server.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. Every route names exactly one when it is registered, as Javalin's route role:
 *
 * <pre>{@code
 * r.post("/v1/tenants", this::createTenant, Access.OPERATOR);
 * r.get("/v1/tokens", this::listTokens, Access.TENANT);
 * r.get("/jwks.json", this::jwks, Access.PUBLIC);
 * }</pre>
 *
 * {@link ServerApp} checks it before the handler, on the route the router matched: the decision never
 * depends on how the request spelled its path ({@code /v1/tenants/}, {@code //v1/tenants},
 * {@code /v1%2Ftenants}, {@code /V1/TENANTS} reach the same route and the same check, or no route at
 * all). A server whose routes include one without exactly one {@code Access} refuses to start, so a
 * forgotten role fails closed. Static pages are public.
 */
public enum Access implements RouteRole {
  /** Anyone; no credential is read. The handler may still limit the rate (by client address, say). */
  PUBLIC,
  /** A tenant of the service (an account holding an API key): the server's {@link Gate} decides. */
  TENANT,
  /**
   * The service's operator: the request carries the operator key ({@link ServerApp.Builder#operatorKey}),
   * compared in constant time by {@link ServerApp}, then the {@link Gate} is told. Any other valid
   * tenant key gets 403, anything else 401. Without a configured operator key these routes answer 401.
   */
  OPERATOR
}

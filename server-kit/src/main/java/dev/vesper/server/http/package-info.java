/**
 * The HTTP server every Vesper service runs ({@link dev.vesper.server.http.ServerApp} over Javalin): request ids,
 * an access log, metrics, health, OpenAPI, a front door at {@code /}, bounded and fully buffered bodies,
 * authorization per route ({@link dev.vesper.server.http.Access}, a service's {@link dev.vesper.server.http.Gate}),
 * strict JSON bodies ({@link dev.vesper.server.http.JsonBody}), and every error as problem+json through {@link
 * dev.vesper.server.http.Problems}, the one place error codes meet HTTP statuses.
 *
 * <pre>{@code
 * ServerApp app = ServerApp.builder("verifier").port(8084).openApi("/verifier-openapi.json")
 *     .page("/verify", "/web/verify").routes(r -> r.post("/v1/presentations/verify", routes::verify, Access.PUBLIC))
 *     .start();
 * }</pre>
 *
 * <h2>Who may call a route</h2>
 *
 * Every route names its {@link dev.vesper.server.http.Access} when it is registered, and nothing else
 * decides access (docs/decisions/0005-route-access.md):
 *
 * <pre>{@code
 * ServerApp.builder("holder")
 *     .operatorKey(config.adminKey())          // what OPERATOR routes (and /metrics) require
 *     .gate(routes::admit)                      // how TENANT routes authenticate: a Gate
 *     .routes(r -> {
 *       r.post("/v1/tenants", this::createTenant, Access.OPERATOR);
 *       r.get("/v1/tokens", this::listTokens, Access.TENANT);
 *       r.get("/stir/v1/certificate", this::certificate, Access.PUBLIC);
 *     })
 *     .start();
 * }</pre>
 *
 * The check runs on the route the router matched, before its handler, so no spelling of a path changes
 * it; a route registered without exactly one {@code Access} stops the server from starting. Never
 * compare {@code ctx.path()} with a string to decide anything about access.
 *
 * <h2>Slow and hostile clients</h2>
 *
 * Request bodies are read in full, asynchronously, before a handler runs, at a minimum data rate and
 * within the size limit; idle connections are closed ({@code SlowClientLimits}). A handler may call
 * {@code ctx.bodyAsBytes()} without ever blocking on the network. A value a value object refuses late
 * ({@link java.lang.IllegalArgumentException}) is a 400, never a 500; better, check it at the edge.
 */
package dev.vesper.server.http;

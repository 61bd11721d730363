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
 */
package dev.vesper.server.http;

/**
 * The issuer service (vetting authority): vets entities and their right to use numbers, issues VESPER tokens,
 * revokes and suspends them, publishes status lists, logs to the transparency log. {@link
 * dev.vesper.issuer.IssuerServer} wires a validated {@link dev.vesper.issuer.IssuerConfig}.
 *
 * <pre>{@code
 * try (IssuerServer issuer = IssuerServer.start(config)) {
 *   // GET /.well-known/jwt-vc-issuer, POST /v1/entities, POST /v1/entities/{id}/tokens
 * }
 * }</pre>
 */
package dev.vesper.issuer;

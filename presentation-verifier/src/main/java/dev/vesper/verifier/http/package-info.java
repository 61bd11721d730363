/**
 * The verifier as an HTTP service ({@code vesper verifier serve}): presentation verification, the STI-VS over
 * REST, OpenID4VP presentation requests, and the verifier page. Thin routes over the verifier; wiring in {@link
 * dev.vesper.verifier.http.VerifierServer}.
 *
 * <pre>{@code
 * try (VerifierServer server = VerifierServer.start(config)) {
 *   // POST /v1/presentations/verify, POST /stir/v1/verification, GET /verify/
 * }
 * }</pre>
 */
package dev.vesper.verifier.http;

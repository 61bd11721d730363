package dev.vesper.verifier.http;

import dev.vesper.server.http.ServerApp;

/** The verifier as an HTTP service ({@code vesper verifier serve}). Wiring only. */
public final class VerifierServer implements AutoCloseable {
  /** A presentation with a receipt fits well inside. */
  static final long MAX_REQUEST_BYTES = 256 * 1024;

  private final ServerApp app;

  private VerifierServer(ServerApp app) {
    this.app = app;
  }

  public static VerifierServer start(VerifierConfig config) {
    VerifyRoutes routes = new VerifyRoutes(config);
    StirRoutes stir = config.stir() == null ? null : new StirRoutes(config.stir());
    return new VerifierServer(ServerApp.builder("verifier").host(config.host()).port(config.port())
        .maxRequestBytes(MAX_REQUEST_BYTES).openApi("/verifier-openapi.json").page("/verify", "/web/verify").routes(r -> {
          routes.register(r);
          if (stir != null) {
            stir.register(r);
          }
        }).start());
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}

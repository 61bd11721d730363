package dev.vesper.cps;

import dev.vesper.server.http.ServerApp;

/** The Call Placement Service as an HTTP service ({@code vesper cps serve}). Wiring only. */
public final class CpsServer implements AutoCloseable {
  /** A publish is at most 5 PASSporTs: 64 KiB is ample. */
  static final long MAX_REQUEST_BYTES = 64 * 1024;

  private final ServerApp app;

  private CpsServer(ServerApp app) {
    this.app = app;
  }

  public static CpsServer start(CpsConfig config) {
    CpsRoutes routes = new CpsRoutes(config, new PassportStore());
    ServerApp.Builder builder = ServerApp.builder("cps").host(config.host()).port(config.port()).maxRequestBytes(MAX_REQUEST_BYTES)
        .openApi("/cps-openapi.json");
    if (config.adminKey() != null) {
      builder.operatorKey(config.adminKey());
    }
    return new CpsServer(builder.routes(routes::register).start());
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}

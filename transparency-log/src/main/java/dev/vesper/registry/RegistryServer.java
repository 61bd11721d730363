package dev.vesper.registry;

import dev.vesper.core.error.VesperException;
import dev.vesper.registry.http.LogRoutes;
import dev.vesper.registry.http.RegistryRoutes;
import dev.vesper.registry.log.Submitters;
import dev.vesper.registry.log.TransparencyLog;
import dev.vesper.server.http.ServerApp;
import dev.vesper.server.store.Database;

/** Wiring only: config → store → log → routes → server. */
public final class RegistryServer implements AutoCloseable {
  /** A submission is one entry: at most 64 KiB. */
  static final long MAX_REQUEST_BYTES = 64 * 1024;

  private final Database db;
  private final TransparencyLog log;
  private final ServerApp app;

  private RegistryServer(Database db, TransparencyLog log, ServerApp app) {
    this.db = db;
    this.log = log;
    this.app = app;
  }

  public static RegistryServer start(RegistryConfig config) throws VesperException {
    Database db = Database.open(config.jdbcUrl(), config.dataDir(), "log.db", "db/log");
    TransparencyLog log = null;
    try {
      log = TransparencyLog.open(db, config.logKey(), config.clock());
      LogRoutes routes = new LogRoutes(log, Submitters.load(log, config.submitters()));
      RegistryRoutes registry = new RegistryRoutes(log);
      ServerApp.Builder builder = ServerApp.builder("registry").host(config.host()).port(config.port())
          .maxRequestBytes(MAX_REQUEST_BYTES).readiness(db::ping).openApi("/registry-openapi.json").page("/explorer", "/web/explorer");
      if (config.operatorKey() != null) {
        builder.operatorKey(config.operatorKey());
      }
      ServerApp app = builder.routes(r -> {
        routes.register(r);
        registry.register(r);
      }).start();
      return new RegistryServer(db, log, app);
    } catch (VesperException | RuntimeException e) {
      if (log != null) {
        log.close();
      }
      db.close();
      throw e;
    }
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    log.close();
    db.close();
  }
}

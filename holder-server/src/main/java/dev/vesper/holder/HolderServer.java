package dev.vesper.holder;

import dev.vesper.core.error.VesperException;
import dev.vesper.holder.http.HolderRoutes;
import dev.vesper.holder.http.SipSigning;
import dev.vesper.holder.http.WalletRoutes;
import dev.vesper.holder.service.OfferRedemption;
import dev.vesper.holder.service.PresentationResponder;
import dev.vesper.holder.service.AuditTrail;
import dev.vesper.holder.service.AuditWriter;
import dev.vesper.holder.service.CallSigning;
import dev.vesper.holder.service.Grants;
import dev.vesper.holder.service.Presentations;
import dev.vesper.holder.service.Tenants;
import dev.vesper.holder.service.TokenLibrary;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.server.http.RateLimiter;
import dev.vesper.server.http.ServerApp;
import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.server.store.Database;

/** Wiring only: config → store → services → routes → server. */
public final class HolderServer implements AutoCloseable {
  /** Request bodies above this are refused (a token with many numbers fits well inside). */
  static final long MAX_REQUEST_BYTES = 512 * 1024;

  private final Database db;
  private final ServerApp app;
  private final AuditWriter auditLog;
  private final SipRedirectServer sip;

  private HolderServer(Database db, ServerApp app, AuditWriter auditLog, SipRedirectServer sip) {
    this.db = db;
    this.app = app;
    this.auditLog = auditLog;
    this.sip = sip;
  }

  public static HolderServer start(HolderConfig config) throws VesperException {
    Database db = Database.open(config.jdbcUrl(), config.dataDir(), "holder.db", "db/holder");
    try {
      HolderStore store = new HolderStore(db);
      Tenants tenants = new Tenants(store, config.kek(), config.clock(), config.holderKeys());
      TokenLibrary tokens = new TokenLibrary(store, tenants, config.trustedIssuers(), config.clock());
      Grants grants = new Grants(store, tenants, tokens, config.clock());
      ServerApp.Builder builder =
          ServerApp.builder("holder").host(config.host()).port(config.port()).maxRequestBytes(MAX_REQUEST_BYTES)
              .readiness(store::ping).openApi("/holder-openapi.json").page("/portal", "/web/portal");
      AuditWriter auditLog = new AuditWriter(store);
      Presentations presentations =
          new Presentations(auditLog, tokens, grants, config.clock(), (name, outcome) -> builder.metrics().count(name, outcome));
      CallSigning callSigning = config.sti() == null ? null : new CallSigning(presentations, config.sti(),
          new dev.vesper.holder.service.PresentationReferences(new java.security.SecureRandom()),
          config.sti().cpsUrl() == null ? null : new dev.vesper.holder.service.CpsPublisher(config.sti().cpsUrl(), config.sti(), config.clock()));
      HolderRoutes routes =
          new HolderRoutes(tenants, tokens, presentations, grants, new AuditTrail(store),
              new RateLimiter(config.ratePerSecond(), config.burst(), System::nanoTime), callSigning);
      WalletRoutes wallet = new WalletRoutes(
          new OfferRedemption(tenants, tokens, config.trustedIssuers(), config.wallet().outbound(), config.clock()),
          new PresentationResponder(tokens, auditLog, config.wallet().outbound(), config.wallet().verifierAnchors(), config.clock()));
      ServerApp app = builder.operatorKey(config.adminKey()).gate(routes::admit).routes(r -> {
        routes.register(r);
        wallet.register(r);
      }).start();
      SipRedirectServer sip = config.sipPort() == null ? null
          : SipRedirectServer.start("sti-as", config.host(), config.sipPort(), config.sipTls(), new SipSigning(tenants, callSigning, config.clock())::invite);
      return new HolderServer(db, app, auditLog, sip);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Re-wraps every tenant's data key from {@code from} to {@code to}, with the service stopped. */
  public static int rotateKek(String jdbcUrl, java.nio.file.Path dataDir, dev.vesper.server.store.Kek from,
      dev.vesper.server.store.Kek to) throws VesperException {
    try (Database db = Database.open(jdbcUrl, dataDir, "holder.db", "db/holder")) {
      return new Tenants(new HolderStore(db), from, java.time.Clock.systemUTC(), null).rewrapAll(from, to);
    }
  }

  public int port() {
    return app.port();
  }

  /** The STI-AS SIP over TLS port, or 0 when there is none. */
  public int sipsPort() {
    return sip == null ? 0 : sip.tlsPort();
  }

  /** The STI-AS SIP port, or 0 when the service has no SIP face. */
  public int sipPort() {
    return sip == null ? 0 : sip.port();
  }

  @Override
  public void close() {
    app.stop();
    if (sip != null) {
      sip.close();
    }
    auditLog.close();
    db.close();
  }
}

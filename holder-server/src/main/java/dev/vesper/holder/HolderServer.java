package dev.vesper.holder;

import dev.vesper.core.error.VesperException;
import dev.vesper.holder.http.HolderRoutes;
import dev.vesper.holder.http.PoolRoutes;
import dev.vesper.holder.http.SipSigning;
import dev.vesper.holder.http.WalletRoutes;
import dev.vesper.holder.service.AuditTrail;
import dev.vesper.holder.service.AuditWriter;
import dev.vesper.holder.service.CallSigning;
import dev.vesper.holder.service.CpsPublisher;
import dev.vesper.holder.service.Grants;
import dev.vesper.holder.service.OfferRedemption;
import dev.vesper.holder.service.PoolRefiller;
import dev.vesper.holder.service.PoolSelector;
import dev.vesper.holder.service.Pools;
import dev.vesper.holder.service.PresentationReferences;
import dev.vesper.holder.service.PresentationResponder;
import dev.vesper.holder.service.Presentations;
import dev.vesper.holder.service.Tenants;
import dev.vesper.holder.service.TokenLibrary;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.PoolStore;
import dev.vesper.server.http.RateLimiter;
import dev.vesper.server.http.ServerApp;
import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.Kek;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Wiring only: config → store → services → routes → server. */
public final class HolderServer implements AutoCloseable {
  /** Request bodies above this are refused (a token with many numbers fits well inside). */
  static final long MAX_REQUEST_BYTES = 512 * 1024;

  private final Database db;
  private final ServerApp app;
  private final AuditWriter auditLog;
  private final PoolRefiller refiller;
  private final SipRedirectServer sip;

  private HolderServer(Database db, ServerApp app, AuditWriter auditLog, PoolRefiller refiller, SipRedirectServer sip) {
    this.db = db;
    this.app = app;
    this.auditLog = auditLog;
    this.refiller = refiller;
    this.sip = sip;
  }

  public static HolderServer start(HolderConfig config) throws VesperException {
    Database db = Database.open(config.jdbcUrl(), config.dataDir(), "holder.db", "db/holder");
    AuditWriter auditLog = null;
    PoolRefiller refiller = null;
    try {
      HolderStore store = new HolderStore(db);
      PoolStore poolStore = new PoolStore(db);
      Tenants tenants = new Tenants(store, config.kek(), config.clock(), config.holderKeys());
      Pools pools = new Pools(poolStore, tenants, config.clock());
      TokenLibrary tokens = new TokenLibrary(store, poolStore, pools, tenants, config.trustedIssuers(), config.clock(),
          config.maxTokensPerTenant());
      refiller = PoolRefiller.create(poolStore, pools, tokens, tenants, config.trustedIssuers(), config.wallet().outbound(), config.clock())
          .start();
      PoolSelector selector = new PoolSelector(tokens, store, tenants, config.clock(), refiller::request);
      Grants grants = new Grants(store, tenants, tokens, config.clock());
      ServerApp.Builder builder =
          ServerApp.builder("holder").host(config.host()).port(config.port()).maxRequestBytes(MAX_REQUEST_BYTES)
              .readiness(store::ping).openApi("/holder-openapi.json").page("/portal", "/web/portal");
      auditLog = new AuditWriter(store);
      AuditTrail auditTrail = new AuditTrail(store, tenants);
      auditTrail.sealLegacy();
      // One limit per tenant, whichever face (HTTP or SIP) its requests come through.
      RateLimiter limiter = new RateLimiter(config.ratePerSecond(), config.burst(), System::nanoTime);
      Presentations presentations = new Presentations(auditLog, tokens, selector, grants, tenants, config.clock(),
          (name, outcome) -> builder.metrics().count(name, outcome));
      CallSigning callSigning = config.sti() == null ? null : new CallSigning(presentations, config.sti(),
          new PresentationReferences(new SecureRandom()),
          config.sti().cpsUrl() == null ? null : new CpsPublisher(config.sti().cpsUrl(), config.sti(), config.clock()));
      HolderRoutes routes = new HolderRoutes(tenants, tokens, presentations, grants, auditTrail, limiter, callSigning);
      PoolRoutes poolRoutes = new PoolRoutes(pools, refiller);
      WalletRoutes wallet = new WalletRoutes(
          OfferRedemption.create(tenants, tokens, pools, config.trustedIssuers(), config.wallet().outbound(), config.clock()),
          new PresentationResponder(tokens, selector, tenants, auditLog, config.wallet().outbound(), config.wallet().verifierAnchors(),
              config.clock()));
      ServerApp app = builder.operatorKey(config.adminKey()).gate(routes::admit).routes(r -> {
        routes.register(r);
        poolRoutes.register(r);
        wallet.register(r);
      }).start();
      SipRedirectServer sip = config.sipPort() == null ? null
          : SipRedirectServer.start("sti-as", config.host(), config.sipPort(), config.sipTls(),
              new SipSigning(tenants, callSigning, limiter, config.clock())::invite);
      return new HolderServer(db, app, auditLog, refiller, sip);
    } catch (RuntimeException | VesperException e) {
      if (refiller != null) {
        refiller.close();
      }
      if (auditLog != null) {
        auditLog.close();
      }
      db.close();
      throw e;
    }
  }

  /** Re-wraps every tenant's data key from {@code from} to {@code to}, with the service stopped. */
  public static int rotateKek(String jdbcUrl, Path dataDir, Kek from,
      Kek to) throws VesperException {
    try (Database db = Database.open(jdbcUrl, dataDir, "holder.db", "db/holder")) {
      return new Tenants(new HolderStore(db), from, Clock.systemUTC(), null).rewrapAll(from, to);
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
    refiller.close();
    auditLog.close();
    db.close();
  }

  /** Refills pools below their mark and prunes dead tokens now (it also runs every minute); returns how many were pruned. */
  public int sweepPools() throws VesperException {
    return refiller.sweep();
  }
}

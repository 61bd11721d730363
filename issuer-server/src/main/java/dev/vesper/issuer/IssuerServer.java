package dev.vesper.issuer;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.entry.NumberLabeler;
import dev.vesper.issuer.http.IssuerRoutes;
import dev.vesper.issuer.http.Oid4vciRoutes;
import dev.vesper.issuer.service.CredentialOffers;
import dev.vesper.issuer.service.CredentialRequests;
import dev.vesper.issuer.service.DpopProofs;
import dev.vesper.issuer.service.Entities;
import dev.vesper.issuer.service.Issuance;
import dev.vesper.issuer.service.IssuerKeys;
import dev.vesper.issuer.service.LogEntryFactory;
import dev.vesper.issuer.service.LogShipper;
import dev.vesper.issuer.service.PreAuthorizedGrant;
import dev.vesper.issuer.service.PublishedStatusLists;
import dev.vesper.issuer.service.RightToUse;
import dev.vesper.issuer.service.Tokens;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.LogEntries;
import dev.vesper.issuer.store.OfferStore;
import dev.vesper.issuer.store.TokenStore;
import dev.vesper.issuer.vetting.AuthorityTokens;
import dev.vesper.issuer.vetting.KycAttestations;
import dev.vesper.server.http.RateLimiter;
import dev.vesper.server.http.ServerApp;
import dev.vesper.server.store.Database;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring only: config → store → services → routes → server, plus the KYC expiry sweep. */
public final class IssuerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IssuerServer.class);
  static final long MAX_REQUEST_BYTES = 256 * 1024;
  /** Status lists are valid this long; verifiers refetch every ttl anyway. */
  static final Duration STATUS_LIST_VALIDITY = Duration.ofDays(1);

  private final Database db;
  private final ServerApp app;
  private final Entities entities;
  private final String url;
  private final ScheduledExecutorService sweeper;
  private final LogShipper log;

  private IssuerServer(Database db, ServerApp app, Entities entities, String url, ScheduledExecutorService sweeper, LogShipper log) {
    this.db = db;
    this.app = app;
    this.entities = entities;
    this.url = url;
    this.sweeper = sweeper;
    this.log = log;
  }

  public static IssuerServer start(IssuerConfig config) throws VesperException {
    Database db = Database.open(config.jdbcUrl(), config.dataDir(), "issuer.db", "db/issuer");
    LogShipper log = null;
    try {
      AtomicReference<String> url = new AtomicReference<>(config.issuerUrl());
      AtomicReference<IssuerKeys> keyRef = new AtomicReference<>();
      NumberLabeler labeler = config.logUrl() == null ? null : NumberLabeler.withKey(config.numberLabelKey());
      LogEntries logEntries = labeler == null ? null : new LogEntryFactory(() -> keyRef.get().signer(), url::get, labeler);
      IssuerStore store = new IssuerStore(db, logEntries);
      TokenStore tokenStore = new TokenStore(db, logEntries);
      IssuerKeys keys = new IssuerKeys(config.signingKey(), store, config.clock(), url::get);
      keyRef.set(keys);
      log = config.logUrl() == null ? null : new LogShipper(tokenStore, config.logUrl(), config.clock());
      Entities entities = new Entities(store, new KycAttestations(config.kycProviders()), config.clock(), config.kycValidity());
      RightToUse rightToUse = new RightToUse(store, entities, new AuthorityTokens(config.numberingAuthorities()), config.clock());
      PublishedStatusLists lists = new PublishedStatusLists(tokenStore, keys, config.clock(), url::get, config.statusTtl(), STATUS_LIST_VALIDITY);
      Issuance issuance = new Issuance(store, tokenStore, entities, keys, lists, url::get, config.clock(), config.randomness(),
          config.tokenValidity(), config.x5c(), log);
      Tokens tokens = new Tokens(tokenStore, store, lists, config.clock(), log);
      RateLimiter limiter = new RateLimiter(config.ratePerSecond(), config.burst(), System::nanoTime);
      IssuerRoutes routes = new IssuerRoutes(entities, rightToUse, issuance, tokens, keys, lists, store, limiter,
          config.registrationsPerMinute(), config.adminKey(), labeler);
      OfferStore offerStore = new OfferStore(db);
      DpopProofs dpop = new DpopProofs(config.clock());
      Oid4vciRoutes oid4vci = new Oid4vciRoutes(new CredentialOffers(offerStore, entities, url::get, config.clock(), config.randomness()),
          new PreAuthorizedGrant(offerStore, dpop, config.clock(), config.randomness()),
          new CredentialRequests(offerStore, issuance, dpop, config.clock()), issuance, limiter, url::get);
      ServerApp app = ServerApp.builder("issuer").host(config.host()).port(config.port()).maxRequestBytes(MAX_REQUEST_BYTES)
          .readiness(store::ping).openApi("/issuer-openapi.json").operatorKey(config.adminKey()).gate(routes::admit).routes(r -> {
            routes.register(r);
            routes.registerMetadataAlsoAt(r, config.issuerUrl() == null ? "" : URI.create(config.issuerUrl()).getRawPath());
            oid4vci.register(r);
          }).start();
      url.compareAndSet(null, "http://" + config.host() + ":" + app.port());
      ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "issuer-kyc-sweep");
        t.setDaemon(true);
        return t;
      });
      sweeper.scheduleWithFixedDelay(() -> {
        try {
          int n = entities.sweepExpired();
          if (n > 0) {
            LOG.info("KYC lapsed for {} entities; their tokens are revoked", n);
          }
        } catch (VesperException | RuntimeException e) {
          LOG.warn("KYC expiry sweep failed: {}", e.getMessage());
        }
      }, 1, 60, TimeUnit.SECONDS);
      return new IssuerServer(db, app, entities, url.get(), sweeper, log);
    } catch (RuntimeException | VesperException e) {
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

  /** The issuer identifier in use (the configured one, or http://host:port). */
  public String url() {
    return url;
  }

  /** Runs the KYC expiry sweep now (it also runs every minute). */
  public int sweepExpiredKyc() throws VesperException {
    return entities.sweepExpired();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    app.stop();
    if (log != null) {
      log.close();
    }
    db.close();
  }
}

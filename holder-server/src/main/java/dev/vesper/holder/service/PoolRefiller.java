package dev.vesper.holder.service;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.holder.outbound.Outbound;
import dev.vesper.holder.store.PoolStore;
import dev.vesper.holder.store.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps pools stocked without the tenant (docs/holder.md, "Token pools"). When a pool with a refill grant
 * has fewer than its low-water mark of tokens that could still go to a new audience (and live at least
 * {@link #MIN_REMAINING_SECONDS} more), the holder uses the grant — the DPoP-bound refresh token the issuer
 * gave at redemption (docs/openid4vc.md §1) — for a new access token and asks for a batch up to the
 * pool's target, each credential to a new key, verified before it joins the pool. One instance refills a
 * pool at a time (a lease in the store). Refills run on their own thread: when a presentation takes a
 * pool below its mark ({@link #request}), and every {@link #SWEEP_SECONDS} for every pool, which also
 * prunes tokens that can never be shown again. Outcomes are kept on the pool ({@code refill.last}); after
 * a failure the pool's automatic refills pause (1 minute, doubling up to an hour), so a revoked grant or
 * an unreachable issuer is not asked again on every presentation.
 */
public final class PoolRefiller implements AutoCloseable {
  /** A token that lapses sooner than this no longer counts as stock. */
  static final long MIN_REMAINING_SECONDS = 3600;
  static final long SWEEP_SECONDS = 60;
  /** Spent per-call tokens are deleted (with their keys) this long after their one presentation. */
  static final long SPENT_KEPT_MS = 3_600_000;
  /** Expired tokens are deleted this long after they lapse. */
  static final long EXPIRED_KEPT_SECONDS = 86_400;
  private static final long LEASE_MS = 120_000;
  private static final Logger LOG = LoggerFactory.getLogger(PoolRefiller.class);

  private final PoolStore store;
  private final Pools pools;
  private final TokenLibrary library;
  private final CredentialClient client;
  private final Outbound outbound;
  private final Clock clock;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final RefillBackoff backoff;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("vesper-pool-refill"));
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("vesper-pool-sweep"));

  PoolRefiller(PoolStore store, Pools pools, TokenLibrary library, CredentialClient client, Outbound outbound, Clock clock) {
    this.store = store;
    this.pools = pools;
    this.library = library;
    this.client = client;
    this.outbound = outbound;
    this.clock = clock;
    this.backoff = new RefillBackoff(clock);
  }

  public static PoolRefiller create(PoolStore store, Pools pools, TokenLibrary library, Tenants tenants,
      TrustedKeys issuers, Outbound outbound, Clock clock) {
    return new PoolRefiller(store, pools, library, new CredentialClient(tenants, issuers, outbound, clock), outbound, clock);
  }

  /** Starts the periodic sweep; returns this. */
  public PoolRefiller start() {
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        sweep();
      } catch (VesperException | RuntimeException e) {
        LOG.warn("pool sweep failed: {}", e.getMessage());
      }
    }, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /** Asks for a refill of the tenant's pool soon, on the refill thread; repeated asks while one waits are one. */
  public void request(String tenantId, String poolId) {
    if (!backoff.mayTry(poolId) || !pending.add(poolId)) {
      return; // a refill that failed lately is not retried on every presentation: the issuer is not hammered
    }
    try {
      worker.execute(() -> {
        pending.remove(poolId);
        try {
          refillIfLow(tenantId, poolId);
        } catch (VesperException | RuntimeException e) {
          LOG.warn("refill of pool {} failed: {}", poolId, e.getMessage());
        }
      });
    } catch (RejectedExecutionException e) {
      pending.remove(poolId); // closing
    }
  }

  /** Refills every pool below its mark and prunes dead tokens; returns how many tokens were pruned. */
  public int sweep() throws VesperException {
    long now = clock.instant().getEpochSecond();
    for (PoolStore.Stock s : store.refillableStock(now + MIN_REMAINING_SECONDS)) {
      if (s.available() < s.lowWater()) {
        request(s.tenantId(), s.poolId());
      }
    }
    return store.prune(now - EXPIRED_KEPT_SECONDS, clock.millis() - SPENT_KEPT_MS);
  }

  /** Refills the pool now if it is below its mark (the tenant may also force it: {@link #refillNow}). */
  void refillIfLow(String tenantId, String poolId) throws VesperException {
    PoolStore.Stock stock = store.stock(tenantId, poolId, clock.instant().getEpochSecond() + MIN_REMAINING_SECONDS).orElse(null);
    if (stock != null && stock.available() < stock.lowWater()) {
      refill(tenantId, poolId, stock);
    }
  }

  /** What a refill the tenant asked for did: the pool afterwards and how many tokens joined it. */
  public record Refilled(Pools.PoolView pool, int added) {}

  /** {@code POST /v1/pools/{id}/refill}: refills up to the target now; returns what happened. */
  public Refilled refillNow(Caller caller, String poolId) throws VesperException {
    PoolStore.Stock stock = store.stock(caller.tenantId(), poolId, clock.instant().getEpochSecond() + MIN_REMAINING_SECONDS)
        .orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such pool"));
    int added = refill(caller.tenantId(), poolId, stock);
    return new Refilled(pools.describe(caller, poolId), added);
  }

  /** Tops the pool up to its target with the refill grant; returns how many tokens joined. */
  private int refill(String tenantId, String poolId, PoolStore.Stock stock) throws VesperException {
    Rows.Pool row = store.pool(tenantId, poolId).orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such pool"));
    Pools.RefillGrant grant = pools.refill(row);
    if (grant == null) {
      throw new VesperException(ErrorCode.HOLDER_POOL_EXHAUSTED, "this pool has no refill grant: redeem a credential offer into it");
    }
    int wanted = stock.target() - stock.available();
    if (wanted <= 0 || !store.leaseRefill(poolId, clock.millis(), clock.millis() + LEASE_MS)) {
      return 0;
    }
    Caller caller = Caller.unauthenticatedForPoolUpkeep(tenantId);
    int added = 0;
    try {
      IssuerEndpoints issuer = IssuerEndpoints.discover(grant.credentialIssuer(), List.of(grant.configurationId()), outbound);
      String dpopKid = grant.dpopKid();
      while (added < wanted) {
        CredentialClient.Access access = client.refresh(caller, issuer, grant.refreshToken(), dpopKid);
        List<CredentialClient.Issued> batch = client.credentials(caller, issuer, access, dpopKid, wanted - added);
        for (CredentialClient.Issued c : batch) {
          library.importToken(caller, c.credential(), c.receipt(), poolId);
          added++;
        }
      }
      store.finishRefill(poolId, "ok " + Instant.ofEpochMilli(clock.millis()) + ": +" + added);
      backoff.succeeded(poolId);
      return added;
    } catch (VesperException | RuntimeException e) {
      // Whatever failed (a refusal, an outage, an answer we could not read), the pool backs off.
      String why = e instanceof VesperException v ? v.code().id() : "unexpected answer";
      store.finishRefill(poolId, "failed " + Instant.ofEpochMilli(clock.millis()) + " after +" + added + ": " + why + ": "
          + e.getMessage());
      backoff.failed(poolId);
      throw e;
    } finally {
      library.refreshHoldings(tenantId);
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    worker.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

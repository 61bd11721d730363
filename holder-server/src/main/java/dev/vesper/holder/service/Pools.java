package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.holder.store.PoolStore;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Token pools (docs/holder.md, "Token pools"): the tenant's interchangeable tokens — same issuer, entity
 * type and numbers — with the rotation that picks one per presentation, the disclosure policy they share,
 * and how they are refilled. A token joins the pool of its identity when imported; a pool is created with
 * the default rotation for its entity type. The pool's identity is a keyed tag and its numbers are sealed.
 */
public final class Pools {
  static final String POOLS_TABLE = "pools";
  /** Below this many tokens that could still go to a new audience, the pool is refilled ... */
  static final int DEFAULT_LOW_WATER = 3;
  /** ... back up to this many. */
  static final int DEFAULT_TARGET = 10;
  /** The most tokens a pool is refilled to. */
  static final int MAX_TARGET = 1000;

  private final PoolStore store;
  private final Tenants tenants;
  private final Clock clock;
  private final ConcurrentHashMap<String, View> views = new ConcurrentHashMap<>();
  private volatile Consumer<String> changed = tenantId -> { };

  public Pools(PoolStore store, Tenants tenants, Clock clock) {
    this.store = store;
    this.tenants = tenants;
    this.clock = clock;
  }

  /**
   * A pool as the call path uses it: its row, rotation, policy and numbers (unsealed; null for a pool made
   * from a token stored before pools existed). Immutable; replaced when the pool's version moves.
   */
  record View(Rows.Pool row, Rotation rotation, DisclosurePolicy policy, List<NumberEntry> numbers) {
    String id() {
      return row.id();
    }

    /** True when the pool's numbers cover {@code n}, or when it does not know its numbers (its tokens will tell). */
    boolean mayCover(TelephoneNumber n) {
      return numbers == null || numbers.stream().anyMatch(e -> e.covers(n));
    }
  }

  /**
   * A pool as the API shows it: its rotation ({@code per_call}, ...), how many tokens could still go to a
   * new audience, its refill marks, whether it has a refill grant and how the last refill went, its policy.
   */
  public record PoolView(String id, String issuer, String rotation, long available, int lowWater, int target, boolean refillGrant,
      String lastRefill, DisclosurePolicy policy) {}

  /**
   * An issuer's refill grant (docs/openid4vc.md §1), kept sealed with its pool: the DPoP-bound refresh
   * token, the key it is bound to, and where and what to ask for.
   */
  record RefillGrant(String credentialIssuer, String configurationId, String refreshToken, String dpopKid) {
    /** The sealed JSON form, members in this order. */
    String toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("credential_issuer", credentialIssuer);
      out.put("configuration_id", configurationId);
      out.put("refresh_token", refreshToken);
      out.put("dpop_kid", dpopKid);
      return Json.write(out);
    }

    static RefillGrant parse(String json) throws VesperException {
      Map<String, Object> m = Json.parseObject(json);
      return new RefillGrant((String) m.get("credential_issuer"), (String) m.get("configuration_id"), (String) m.get("refresh_token"),
          (String) m.get("dpop_kid"));
    }
  }

  /** {@code listener} hears the tenant id whenever this instance changes one of the tenant's pools. */
  void onChange(Consumer<String> listener) {
    this.changed = listener;
  }

  /** The pool a token of {@code identity} joins, created with the defaults for its entity type when the tenant has none. */
  Rows.Pool forIdentity(String tenantId, String issuer, Object entityType, List<NumberEntry> numbers) throws VesperException {
    List<String> forms = new ArrayList<>();
    numbers.forEach(n -> forms.add(n.toString()));
    forms.sort(Comparator.naturalOrder());
    String identity = issuer + "\n" + entityType + "\n" + String.join(",", forms);
    String tag = tenants.box(tenantId).tag("pool-identity", identity);
    String id = Ids.newId("pool");
    List<Object> json = new ArrayList<>();
    numbers.forEach(n -> json.add(n.toJson()));
    String sealed = tenants.box(tenantId).seal(POOLS_TABLE, id, Json.write(json));
    return store.insertIfAbsent(Rows.Pool.created(id, tenantId, issuer, tag, sealed, Rotation.defaultFor(entityType).id(),
        DEFAULT_LOW_WATER, DEFAULT_TARGET, clock.millis()));
  }

  /** The current view of {@code row}, from the cache while its version holds. */
  View view(Rows.Pool row) throws VesperException {
    View cached = views.get(row.id());
    if (cached != null && cached.row().version() == row.version() && cached.row().tenantId().equals(row.tenantId())) {
      // what the version covers (rotation, policy, numbers) is current; the rest (refill state) may have moved
      return cached.row().equals(row) ? cached : new View(row, cached.rotation(), cached.policy(), cached.numbers());
    }
    List<NumberEntry> numbers = null;
    if (row.numbersSealed() != null) {
      numbers = new ArrayList<>();
      for (Object o : (List<?>) Json.parse(tenants.box(row.tenantId()).open(POOLS_TABLE, row.id(), row.numbersSealed()))) {
        numbers.add(NumberEntry.fromCanonicalJson(o));
      }
    }
    DisclosurePolicy policy = row.policy() == null ? DisclosurePolicy.minimal() : DisclosurePolicy.fromJson(Json.parseObject(row.policy()));
    View view = new View(row, Rotation.parse(row.rotation()), policy, numbers);
    if (views.size() > 10_000) {
      views.clear();
    }
    views.put(row.id(), view);
    return view;
  }

  /** The caller's pool; 404 for anything not the caller's. */
  View get(String tenantId, String id) throws VesperException {
    return view(store.pool(tenantId, id).orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such pool")));
  }

  public List<PoolView> list(Caller caller) throws VesperException {
    List<PoolView> out = new ArrayList<>();
    for (Rows.Pool p : store.poolsOf(caller.tenantId())) {
      out.add(describe(view(p)));
    }
    return out;
  }

  public PoolView describe(Caller caller, String id) throws VesperException {
    return describe(get(caller.tenantId(), id));
  }

  /**
   * Changes a pool's {@code rotation}, {@code low_water}, {@code target} and {@code policy} (each optional).
   * The policy is the disclosure policy of every token of the pool (docs/holder.md).
   */
  public PoolView update(Caller caller, String id, String rotation, Long lowWater, Long target, DisclosurePolicy policy)
      throws VesperException {
    View current = get(caller.tenantId(), id);
    Rotation r = rotation == null ? current.rotation() : Rotation.parse(rotation);
    long low = lowWater == null ? current.row().lowWater() : lowWater;
    long high = target == null ? current.row().target() : target;
    if (low < 0 || high < 0 || high > MAX_TARGET || low > high) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "0 <= low_water <= target <= " + MAX_TARGET);
    }
    store.updateSettings(caller.tenantId(), id, r.id(), (int) low, (int) high);
    if (policy != null) {
      store.updatePolicy(caller.tenantId(), id, Json.write(policy.toJson()));
    }
    changed.accept(caller.tenantId());
    return describe(get(caller.tenantId(), id));
  }

  /** Sets the pool's disclosure policy (the policy of each of its tokens). */
  void setPolicy(String tenantId, String id, DisclosurePolicy policy) throws VesperException {
    if (!store.updatePolicy(tenantId, id, Json.write(policy.toJson()))) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such pool");
    }
    changed.accept(tenantId);
  }

  public void delete(Caller caller, String id) throws VesperException {
    if (!store.delete(caller.tenantId(), id)) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such pool");
    }
    changed.accept(caller.tenantId());
  }

  /** Keeps the issuer's refill grant (sealed) with the pool. */
  void setRefill(String tenantId, String id, RefillGrant grant) throws VesperException {
    store.setRefill(tenantId, id, tenants.box(tenantId).seal(POOLS_TABLE, id + "|refill", grant.toJson()));
    changed.accept(tenantId);
  }

  /** The pool's refill grant, unsealed, or null. */
  RefillGrant refill(Rows.Pool row) throws VesperException {
    return row.refillSealed() == null ? null
        : RefillGrant.parse(tenants.box(row.tenantId()).openText(POOLS_TABLE, row.id() + "|refill", row.refillSealed()));
  }

  private PoolView describe(View v) throws VesperException {
    Rows.Pool p = v.row();
    long liveUntil = clock.instant().getEpochSecond() + PoolRefiller.MIN_REMAINING_SECONDS;
    PoolStore.Stock stock = store.stock(p.tenantId(), p.id(), liveUntil).orElseThrow();
    return new PoolView(p.id(), p.issuer(), v.rotation().id(), stock.available(), p.lowWater(), p.target(), p.refillSealed() != null,
        p.refillState(), v.policy());
  }
}

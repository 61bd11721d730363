package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.holder.store.HolderStore;
import dev.vesper.holder.store.Rows;
import dev.vesper.server.store.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Delegation (use case 3 of the draft): an owner lets a platform tenant present the tokens of one of the
 * owner's pools (the pool of the token the grant names), only for some numbers and some claims, until
 * expiry or revocation; the owner's rotation still picks the token. The grantee never reads the tokens
 * or the keys; the numbers of a grant are sealed with the owner's data key.
 */
public final class Grants {
  static final String GRANTS_TABLE = "grants";

  private final HolderStore store;
  private final Tenants tenants;
  private final TokenLibrary library;
  private final Clock clock;

  public Grants(HolderStore store, Tenants tenants, TokenLibrary library, Clock clock) {
    this.store = store;
    this.tenants = tenants;
    this.library = library;
    this.clock = clock;
  }

  /** An active grant, unsealed. */
  record Active(Rows.Grant row, List<TelephoneNumber> numbers) {
    boolean covers(TelephoneNumber n) {
      return numbers.contains(n);
    }
  }

  /** A grant as the API shows it: the numbers in canonical digits; {@code revokedAt} null while it stands. */
  public record GrantView(String id, String ownerTenant, String granteeTenant, String tokenId, String poolId, List<String> numbers,
      List<String> claims, long expiresAt, Long revokedAt) {}

  public GrantView create(
      Caller owner, String grantee, String tokenId, List<String> numbers, List<String> claims, long expiresAt)
      throws VesperException {
    LoadedToken token = library.load(owner.tenantId(), tokenId);
    if (grantee.equals(owner.tenantId()) || !tenants.exists(grantee)) {
      throw bad("grantee_tenant must be another existing tenant");
    }
    long now = clock.instant().getEpochSecond();
    if (expiresAt <= now || expiresAt > token.expiresAt()) {
      throw bad("expires_at must be in the future and not after the token expires (" + token.expiresAt() + ")");
    }
    if (numbers.isEmpty() || numbers.size() > 1000) {
      throw bad("numbers must name 1 to 1000 numbers of the token");
    }
    List<String> canonical = new ArrayList<>();
    for (String n : numbers) {
      TelephoneNumber tn = TelephoneNumber.parse(n);
      if (!token.covers(tn)) {
        throw bad("the token does not cover " + tn);
      }
      canonical.add(tn.digits());
    }
    List<String> allowed = DisclosurePolicy.claims(claims, "claims");
    String id = Ids.newId("grt");
    String sealed = tenants.box(owner.tenantId()).seal(GRANTS_TABLE, id, Json.write(canonical));
    Rows.Grant row = Rows.Grant.issued(id, owner.tenantId(), grantee, tokenId, sealed, allowed, expiresAt, clock.millis(), token.poolId());
    store.insertGrant(row);
    return view(row, canonical);
  }

  public List<GrantView> list(Caller caller) throws VesperException {
    List<GrantView> out = new ArrayList<>();
    for (Rows.Grant g : store.grantsOf(caller.tenantId())) {
      out.add(view(g, digits(unseal(g))));
    }
    return out;
  }

  public void revoke(Caller owner, String id) throws VesperException {
    if (!store.revokeGrant(owner.tenantId(), id, clock.instant().getEpochSecond())) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such active grant of yours");
    }
  }

  /** The grants the caller received and may use now. */
  List<Active> activeFor(Caller grantee) throws VesperException {
    List<Active> out = new ArrayList<>();
    for (Rows.Grant g : store.activeGrantsTo(grantee.tenantId(), clock.instant().getEpochSecond())) {
      out.add(new Active(g, unseal(g)));
    }
    return out;
  }

  private List<TelephoneNumber> unseal(Rows.Grant g) throws VesperException {
    Object list = Json.parse(tenants.box(g.ownerTenant()).open(GRANTS_TABLE, g.id(), g.numbersSealed()));
    List<TelephoneNumber> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(new TelephoneNumber((String) o));
    }
    return out;
  }

  private static List<String> digits(List<TelephoneNumber> numbers) {
    List<String> out = new ArrayList<>();
    numbers.forEach(n -> out.add(n.digits()));
    return out;
  }

  private static GrantView view(Rows.Grant g, List<String> numbers) {
    return new GrantView(g.id(), g.ownerTenant(), g.granteeTenant(), g.tokenId(), g.poolId(), numbers, g.claims(), g.expiresAt(),
        g.revokedAt());
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.HOLDER_BAD_GRANT, message);
  }
}

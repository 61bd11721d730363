package dev.vesper.issuer.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.Rows;
import dev.vesper.issuer.vetting.AuthorityTokens;
import dev.vesper.core.phone.NumberCoverage;
import dev.vesper.server.store.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Right to use (TS2): validating authority tokens against an entity's claimed numbers, claiming more
 * numbers with them, and releasing numbers (which revokes the live tokens that carry them).
 */
public final class RightToUse {
  private final IssuerStore store;
  private final Entities entities;
  private final AuthorityTokens authorityTokens;
  private final Clock clock;

  public RightToUse(IssuerStore store, Entities entities, AuthorityTokens authorityTokens, Clock clock) {
    this.store = store;
    this.entities = entities;
    this.authorityTokens = authorityTokens;
    this.clock = clock;
  }

  /**
   * Validates an authority token for this entity; {@code claim} adds numbers to the entity's claim
   * (each must be covered once the token is counted). Refused when the token covers none of the
   * entity's claimed numbers.
   */
  public Entities.EntityView submitAuthorityToken(Caller caller, String id, String jwt, List<Object> claim) throws VesperException {
    Rows.Entity e = entities.entity(caller, id);
    Map<String, Object> claims = Entities.claims(e);
    AuthorityTokens.AuthorityToken token = authorityTokens.verify(jwt, id, Entities.accountKey(e), clock.instant());
    List<NumberEntry> claimed = new ArrayList<>(Entities.numbersOf(claims));
    NumberCoverage fromToken = NumberCoverage.of(token.numbers());
    List<Object> newClaims = new ArrayList<>();
    for (Object c : claim) {
      NumberEntry n = NumberEntry.fromInput(c);
      if (!fromToken.covers(n)) {
        throw new VesperException(ErrorCode.VETTING_NUMBER_NOT_COVERED, "the authority token does not cover " + n + " claimed with it");
      }
      newClaims.add(n.toJson());
    }
    boolean coversAClaim = !newClaims.isEmpty() || claimed.stream().anyMatch(fromToken::overlaps);
    if (!coversAClaim) {
      throw new VesperException(ErrorCode.VETTING_NUMBER_NOT_COVERED,
          "the authority token covers none of the entity's claimed numbers " + claimed);
    }
    long now = clock.instant().getEpochSecond();
    List<Object> entriesJson = new ArrayList<>();
    for (NumberEntry n : token.numbers()) {
      entriesJson.add(n.toJson());
    }
    Rows.RtuProof proof = new Rows.RtuProof(Ids.newId("rtu"), id, token.authority(), token.jti(), Json.write(entriesJson), now);
    Rows.Event validated = Events.of(clock.millis(), id, null, "rtu_validated", Map.of("authority", token.authority(), "numbers", entriesJson));
    if (newClaims.isEmpty()) {
      store.insertRtuProof(proof, validated);
    } else {
      List<Object> tn = new ArrayList<>((List<?>) claims.get("tn"));
      tn.addAll(newClaims);
      Map<String, Object> merged = new LinkedHashMap<>(claims);
      merged.put("tn", tn);
      Map<String, Object> canonical = IdentityAttributes.fromInput(merged).claims();
      store.insertRtuProof(proof, validated, Json.write(canonical), entities.state(e, canonical).state().id(),
          Events.of(clock.millis(), id, null, "numbers_claimed", Map.of("numbers", newClaims)));
    }
    return entities.describe(caller, id);
  }

  /**
   * Sets which claimed numbers the entity lists publicly in the transparency log (docs/transparency.md
   * §3.2): tokens issued from now on log those numbers in clear with the holder key's thumbprint, so
   * anyone can ask the registry who held them. An empty list stops listing for future tokens.
   */
  public Entities.EntityView setListing(Caller caller, String id, List<Object> numbers) throws VesperException {
    Rows.Entity e = entities.entity(caller, id);
    List<NumberEntry> claimed = Entities.numbersOf(Entities.claims(e));
    List<Object> listed = new ArrayList<>();
    for (Object n : numbers) {
      NumberEntry entry = NumberEntry.fromInput(n);
      if (!claimed.contains(entry)) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, entry + " is not one of the entity's claimed numbers " + claimed);
      }
      listed.add(entry.toJson());
    }
    store.setListed(id, listed.isEmpty() ? null : Json.write(listed),
        Events.of(clock.millis(), id, null, "listing_changed", Map.of("numbers", listed)));
    return entities.describe(caller, id);
  }

  /** Releases claimed numbers: they leave the claim and every proof, and live tokens carrying them are revoked. */
  public Entities.EntityView release(Caller caller, String id, List<Object> numbers, String reasonId) throws VesperException {
    Rows.Entity e = entities.entity(caller, id);
    Reason reason = Entities.requestedReason(reasonId);
    Map<String, Object> claims = Entities.claims(e);
    List<NumberEntry> released = new ArrayList<>();
    for (Object n : numbers) {
      released.add(NumberEntry.fromInput(n));
    }
    if (released.isEmpty()) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "name at least one number to release");
    }
    List<NumberEntry> claimed = Entities.numbersOf(claims);
    for (NumberEntry r : released) {
      if (!claimed.contains(r)) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, r + " is not one of the entity's claimed numbers " + claimed);
      }
    }
    List<Object> remaining = new ArrayList<>();
    for (NumberEntry n : claimed) {
      if (!released.contains(n)) {
        remaining.add(n.toJson());
      }
    }
    Map<String, Object> updated = new LinkedHashMap<>(claims);
    updated.put("tn", remaining);
    List<Rows.RtuProof> rewritten = new ArrayList<>();
    for (Rows.RtuProof p : store.rtuProofs(id)) {
      NumberCoverage cut = NumberCoverage.of(Entities.entries(p.entriesJson())).minus(released);
      List<Object> json = new ArrayList<>();
      for (NumberEntry n : cut.entries()) {
        json.add(n.toJson());
      }
      rewritten.add(new Rows.RtuProof(p.id(), p.entityId(), p.authority(), p.jti(), Json.write(json), p.validatedAt()));
    }
    NumberCoverage releasedSet = NumberCoverage.of(released);
    List<Object> releasedJson = released.stream().map(NumberEntry::toJson).toList();
    List<Object> stillListed = new ArrayList<>();
    List<Object> releasedListed = new ArrayList<>();
    if (e.listedJson() != null) {
      for (NumberEntry n : Entities.entries(e.listedJson())) {
        (released.contains(n) ? releasedListed : stillListed).add(n.toJson());
      }
    }
    store.release(id, Json.write(updated), stillListed.isEmpty() ? null : Json.write(stillListed),
        releasedListed.isEmpty() ? null : Json.write(releasedListed), rewritten, tn -> overlapsAny(tn, releasedSet), reason, clock.millis(),
        Events.of(clock.millis(), id, null, "numbers_released", Map.of("numbers", releasedJson, "reason", reason.id())));
    return entities.describe(caller, id);
  }

  private static boolean overlapsAny(String tnJson, NumberCoverage released) {
    try {
      for (NumberEntry n : Entities.entries(tnJson)) {
        if (released.overlaps(n)) {
          return true;
        }
      }
      return false;
    } catch (VesperException e) {
      return true; // an unreadable row is revoked rather than left live
    }
  }
}

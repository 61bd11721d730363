package dev.vesper.issuer.service;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.NumberLabeler;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.phone.NumberCoverage;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.Rows;
import dev.vesper.issuer.vetting.AccountKeyFingerprint;
import dev.vesper.issuer.vetting.KycAttestations;
import dev.vesper.server.store.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entities and their vetting (F2): registration with claimed attributes, KYC attestations, the
 * operator's review, the KYC expiry sweep, and the eligibility check issuance runs ({@link RightToUse}
 * handles numbers). Every decision is recorded with the state it produced, in one transaction.
 */
public final class Entities {
  private final IssuerStore store;
  private final KycAttestations attestations;
  private final Clock clock;
  private final Duration kycValidity;

  /**
   * An entity as the API shows it: its vetting state (and why, when rejected), the attributes it claims
   * and which of them attestations verify, each claimed number with whether a right-to-use covers it, the
   * numbers it lists publicly (a JSON array), its ACME account key (or null), every vetting decision.
   */
  public record EntityView(String id, Object entityType, KycState kycState, String reason, Map<String, Object> claimed,
      List<String> verifiedAttributes, List<String> unverifiedAttributes, List<NumberRight> numbers, Object listedPublicly,
      AccountKey accountKey, List<Rows.Decision> vetting, long createdAt) {}

  /** A claimed number and whether a validated right-to-use covers it. */
  public record NumberRight(NumberEntry number, boolean rightToUse) {}

  /** The entity's registered ACME account key and its RFC 9448 fingerprint. */
  public record AccountKey(PublicJwk jwk, String fingerprint) {}

  /** An entity just registered, with its API key: the one time the key is shown. */
  public record Registered(EntityView entity, String apiKey) {}

  /** The key {@code k_n} (base64url) of a number whose right-to-use the entity proved. */
  public record NumberKey(NumberEntry number, String key) {}

  public Entities(IssuerStore store, KycAttestations attestations, Clock clock, Duration kycValidity) {
    this.store = store;
    this.attestations = attestations;
    this.clock = clock;
    this.kycValidity = Objects.requireNonNull(kycValidity, "kycValidity == null");
  }

  /** The caller behind an entity API key; {@link ErrorCode#AUTH_UNAUTHENTICATED} for any other key. */
  public Caller authenticate(String apiKey) throws VesperException {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new VesperException(ErrorCode.AUTH_UNAUTHENTICATED, "send an API key as 'Authorization: Bearer <key>'");
    }
    return store.entityByKeyHash(Ids.hashApiKey(apiKey)).map(e -> Caller.entity(e.id()))
        .orElseThrow(() -> new VesperException(ErrorCode.AUTH_UNAUTHENTICATED, "unknown API key"));
  }

  /** Registers an entity claiming {@code attributes} (token-profile names, {@code tn} included; never {@code kyc}). */
  public Registered create(String entityType, Map<String, Object> attributes) throws VesperException {
    if (attributes.containsKey("kyc") || attributes.containsKey("entity_type")) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "attributes must not carry kyc (the issuer states it) or entity_type (give it on its own)");
    }
    Map<String, Object> input = new LinkedHashMap<>(attributes);
    input.put("entity_type", entityType);
    Map<String, Object> claims = IdentityAttributes.fromInput(input).claims();
    long now = clock.instant().getEpochSecond();
    String id = Ids.newId("ent");
    String apiKey = Ids.newApiKey();
    store.insertEntity(Rows.Entity.registered(id, Json.write(claims), KycState.PENDING.id(), now), Ids.hashApiKey(apiKey),
        Events.of(clock.millis(), id, null, "entity_created", Map.of("attributes", List.copyOf(claims.keySet()))));
    return new Registered(describe(Caller.entity(id), id), apiKey);
  }

  /** The entity's vetting state, claimed and verified attributes, and numbers with their right-to-use. */
  public EntityView describe(Caller caller, String id) throws VesperException {
    Rows.Entity e = entity(caller, id);
    Map<String, Object> claims = claims(e);
    List<Rows.Decision> decisions = store.decisions(id);
    VettingState state = VettingState.derive(claims, decisions, e.verifiedAt(), clock.millis(), kycValidity);
    NumberCoverage coverage = coverage(id);
    List<NumberRight> numbers = new ArrayList<>();
    for (NumberEntry n : numbersOf(claims)) {
      numbers.add(new NumberRight(n, coverage.covers(n)));
    }
    Object listed = e.listedJson() == null ? List.of() : Json.parse(e.listedJson().getBytes(StandardCharsets.UTF_8));
    PublicJwk accountKey = accountKey(e);
    return new EntityView(e.id(), claims.get("entity_type"), state.state(), state.rejectReason(), claims, List.copyOf(state.covered()),
        List.copyOf(state.uncovered()), numbers, listed,
        accountKey == null ? null : new AccountKey(accountKey, AccountKeyFingerprint.of(accountKey)), decisions, e.createdAt());
  }

  /**
   * The keys of the entity's numbers ({@code k_n}, docs/transparency.md §3.1): with them the entity
   * recognises every logged token naming one of its numbers, whoever it was issued to. Only numbers whose
   * right-to-use the entity proved get a key (claiming a number is not enough), so nobody learns to
   * follow another holder's tokens by claiming its number.
   */
  public List<NumberKey> numberKeys(Caller caller, String id, NumberLabeler labeler) throws VesperException {
    Rows.Entity e = entity(caller, id);
    if (labeler == null) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "this issuer reports to no transparency log, so its numbers have no keys");
    }
    NumberCoverage coverage = coverage(id);
    List<NumberKey> keys = new ArrayList<>();
    for (NumberEntry n : numbersOf(claims(e))) {
      if (coverage.covers(n)) {
        keys.add(new NumberKey(n, Base64Url.encode(labeler.numberKey(n))));
      }
    }
    return keys;
  }

  /**
   * Registers the entity's ACME account key (RFC 9448 §5.3), replacing an earlier one (RFC 8555 §7.3.5
   * key rollover): from now on its authority tokens must carry this key's fingerprint.
   */
  public EntityView setAccountKey(Caller caller, String id, Map<String, Object> jwk) throws VesperException {
    entity(caller, id);
    PublicJwk key = PublicJwk.fromJson(jwk).withoutKid();
    store.setAccountKey(id, Json.write(key.toJson()),
        Events.of(clock.millis(), id, null, "account_key_registered", Map.of("fingerprint", AccountKeyFingerprint.of(key))));
    return describe(caller, id);
  }

  /** The entity's registered account key, or null. */
  static PublicJwk accountKey(Rows.Entity e) throws VesperException {
    return e.accountKeyJson() == null ? null : PublicJwk.parse(e.accountKeyJson());
  }

  /** Accepts a KYC attestation for the attributes whose verified values equal the claimed ones. */
  public EntityView submitAttestation(Caller caller, String id, String jwt) throws VesperException {
    Rows.Entity e = entity(caller, id);
    Map<String, Object> claims = claims(e);
    KycAttestations.Attestation a = attestations.verify(jwt, id, clock.instant());
    List<String> covered = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (Map.Entry<String, Object> v : a.verifiedClaims().entrySet()) {
      (Objects.equals(claims.get(v.getKey()), v.getValue()) ? covered : mismatched).add(v.getKey());
    }
    if (covered.isEmpty()) {
      throw new VesperException(ErrorCode.VETTING_ATTRIBUTE_NOT_VETTED,
          "the attestation verifies none of the claimed attributes as claimed" + (mismatched.isEmpty() ? "" : " (differs: " + mismatched + ")"));
    }
    Rows.Decision d = Rows.Decision.attestation(Ids.newId("kyc"), id, a.provider(), a.method(), a.level(), covered, clock.millis());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("provider", a.provider());
    detail.put("method", a.method());
    detail.put("level", a.level());
    detail.put("attributes", covered);
    if (!mismatched.isEmpty()) {
      detail.put("not_matching_claims", mismatched);
    }
    record(e, claims, d, Events.of(clock.millis(), id, null, "kyc_attestation_accepted", detail));
    return describe(caller, id);
  }

  /** The operator's manual review: approve (covering every claimed attribute at {@code level}) or reject. */
  public EntityView review(Caller caller, String id, String decision, String reason, String level) throws VesperException {
    requireOperator(caller, "only the operator reviews entities");
    Rows.Entity e = entity(caller, id);
    Map<String, Object> claims = claims(e);
    long now = clock.millis();
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "a review needs a reason of 1 to 500 characters");
    }
    Rows.Decision d;
    switch (decision) {
      case "approve" -> {
        if (level == null || !IdentityAttributes.KYC_LEVELS.contains(level)) {
          throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "an approval needs level, one of " + IdentityAttributes.KYC_LEVELS_IN_ORDER);
        }
        d = Rows.Decision.approvedByOperator(Ids.newId("kyc"), id, level,
            List.copyOf(VettingState.derive(claims, List.of(), null, now, kycValidity).needed()), reason, now);
      }
      case "reject" -> d = Rows.Decision.rejectedByOperator(Ids.newId("kyc"), id, reason, now);
      default -> throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "decision must be approve or reject");
    }
    record(e, claims, d, Events.of(clock.millis(), id, null, "kyc_review_" + d.decision(), Map.of("reason", reason)));
    return describe(caller, id);
  }

  /** Moves entities whose KYC lapsed to {@code expired} and revokes their live tokens; returns how many. */
  public int sweepExpired() throws VesperException {
    int n = 0;
    for (Rows.Entity e : store.entitiesInState(KycState.VERIFIED.id())) {
      Map<String, Object> claims = claims(e);
      VettingState s = state(e, claims);
      if (s.state() != KycState.VERIFIED) {
        store.recordVetting(e.id(), null, e.claimsJson(), s.state().id(), "KYC validity lapsed", e.verifiedAt(), Reason.EXPIRY,
            clock.millis(), List.of(Events.of(clock.millis(), e.id(), null, "kyc_expired", Map.of())));
        n++;
      }
    }
    return n;
  }

  /** What issuance needs: the verified claims, the vetting behind them, and the right-to-use check. */
  record Eligible(Map<String, Object> claims, VettingState vetting, String listedJson) {}

  Eligible eligible(Caller caller, String id) throws VesperException {
    Rows.Entity e = entity(caller, id);
    Map<String, Object> claims = claims(e);
    VettingState s = state(e, claims);
    switch (s.state()) {
      case VERIFIED -> { }
      case REJECTED -> throw new VesperException(ErrorCode.VETTING_KYC_NOT_VERIFIED, "the entity's KYC was rejected: " + s.rejectReason());
      default -> {
        if (s.used().isEmpty()) {
          throw new VesperException(ErrorCode.VETTING_KYC_NOT_VERIFIED,
              "the entity's KYC is " + s.state().id() + ": submit an attestation from a trusted KYC provider");
        }
        throw new VesperException(ErrorCode.VETTING_ATTRIBUTE_NOT_VETTED, "no valid attestation covers " + s.uncovered());
      }
    }
    NumberCoverage coverage = coverage(id);
    List<String> uncovered = new ArrayList<>();
    for (NumberEntry n : numbersOf(claims)) {
      if (!coverage.covers(n)) {
        uncovered.add(n.toString());
      }
    }
    if (!uncovered.isEmpty()) {
      throw new VesperException(ErrorCode.VETTING_NUMBER_NOT_COVERED, "no validated right-to-use covers " + uncovered);
    }
    if (numbersOf(claims).isEmpty()) {
      throw new VesperException(ErrorCode.VETTING_NUMBER_NOT_COVERED, "the entity claims no numbers");
    }
    return new Eligible(claims, s, e.listedJson());
  }

  Duration kycValidity() {
    return kycValidity;
  }

  private void record(Rows.Entity e, Map<String, Object> claims, Rows.Decision d, Rows.Event event) throws VesperException {
    List<Rows.Decision> decisions = new ArrayList<>(store.decisions(e.id()));
    decisions.add(d);
    long now = clock.instant().getEpochSecond();
    VettingState after = VettingState.derive(claims, decisions, e.verifiedAt(), clock.millis(), kycValidity);
    boolean becameVerified = after.state() == KycState.VERIFIED && KycState.fromId(e.kycState()) != KycState.VERIFIED;
    Long verifiedAt = becameVerified ? Long.valueOf(now) : e.verifiedAt();
    Reason revoke = after.state() == KycState.REJECTED ? Reason.KYC_INVALIDATED : null;
    store.recordVetting(e.id(), d, Json.write(claims), after.state().id(), after.rejectReason(), verifiedAt, revoke, clock.millis(), List.of(event));
  }

  VettingState state(Rows.Entity e, Map<String, Object> claims) throws VesperException {
    return VettingState.derive(claims, store.decisions(e.id()), e.verifiedAt(), clock.millis(), kycValidity);
  }

  NumberCoverage coverage(String id) throws VesperException {
    List<NumberEntry> all = new ArrayList<>();
    for (Rows.RtuProof p : store.rtuProofs(id)) {
      all.addAll(entries(p.entriesJson()));
    }
    return NumberCoverage.of(all);
  }

  Rows.Entity entity(Caller caller, String id) throws VesperException {
    if (!caller.mayActFor(id)) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such entity");
    }
    return store.entity(id).orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such entity"));
  }

  static void requireOperator(Caller caller, String message) throws VesperException {
    if (!caller.isOperator()) {
      throw new VesperException(ErrorCode.AUTH_FORBIDDEN, message);
    }
  }

  static Map<String, Object> claims(Rows.Entity e) throws VesperException {
    return Json.parseObject(e.claimsJson());
  }

  static List<NumberEntry> numbersOf(Map<String, Object> claims) throws VesperException {
    List<NumberEntry> out = new ArrayList<>();
    for (Object o : (List<?>) claims.getOrDefault("tn", List.of())) {
      out.add(NumberEntry.fromCanonicalJson(o));
    }
    return out;
  }

  static List<NumberEntry> entries(String json) throws VesperException {
    List<NumberEntry> out = new ArrayList<>();
    for (Object o : (List<?>) Json.parse(json.getBytes(StandardCharsets.UTF_8))) {
      out.add(NumberEntry.fromCanonicalJson(o));
    }
    return out;
  }

  /** The reasons a client may give for revoking a token or releasing numbers. */
  static final Set<Reason> REQUESTABLE_REASONS =
      EnumSet.of(Reason.NUMBER_RELEASED, Reason.KYC_INVALIDATED, Reason.HOLDER_REQUEST, Reason.KEY_COMPROMISE);

  /** The reason a request names by its id; {@link ErrorCode#REQUEST_BAD_BODY} for any other. */
  static Reason requestedReason(String id) throws VesperException {
    for (Reason r : REQUESTABLE_REASONS) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    Set<String> ids = new TreeSet<>();
    REQUESTABLE_REASONS.forEach(r -> ids.add(r.id()));
    throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "reason must be one of " + ids);
  }
}

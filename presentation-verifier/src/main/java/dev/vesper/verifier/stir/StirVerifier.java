package dev.vesper.verifier.stir;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.Stage;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.stir.IdentityHeader;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.token.CallBinding;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.verifier.DelegationProof;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.VerificationPolicy;
import dev.vesper.verifier.VerifiedPresentation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The STI-VS (RFC 8224 §6.2, docs/stir-profile.md): picks the Identity header to verify (ppt vesper,
 * else shaken with the RFC 8588 claims, else a base RFC 8225 PASSporT without ppt), obtains and validates the signer's certificate chain at {@code iat} (x5c inline, or
 * x5u through a {@link CertificateFetcher}), checks freshness, the PASSporT signature, that {@code orig}
 * and {@code dest} are the call's, that the signer's TNAuthList covers {@code orig}, that the PASSporT
 * was not seen before, and, for VESPER, the presentation it carries, bound to this very call. Never
 * throws for a bad call: the outcome is a {@link StirResult}. Thread-safe.
 */
public final class StirVerifier {
  /** RFC 8224 §6.2 step 4: "sixty seconds is RECOMMENDED". */
  public static final Duration DEFAULT_FRESHNESS = Duration.ofSeconds(60);

  /** What a call is verified against; replaced whole by {@link #reload}, read once per call. */
  private volatile Trust trust;
  private final StatusLists statusLists;
  private final ReplayStore replays;
  private final PresentationVerifier presentations;
  private final Clock clock;
  private final Duration freshness;
  private final ReferenceFetcher references;
  private final RcdCheck rcd;
  private final OutOfBand outOfBand;

  private StirVerifier(Builder b) {
    this.trust = new Trust(b.credentials, b.trustedIssuers, b.fetcher);
    this.statusLists = b.statusLists;
    this.replays = b.replays != null ? b.replays : new ReplayCache(b.replayEntries);
    this.presentations = PresentationVerifier.create();
    this.clock = b.clock;
    this.freshness = b.freshness;
    this.references = b.references;
    this.rcd = new RcdCheck(b.references, b.clock);
    this.outOfBand = b.outOfBand;
  }

  /**
   * The trust a call is verified against: STI roots (with their SPC directory and CRL checking), the
   * VESPER issuers' keys, and where x5u chains may come from (its allow-list). Immutable.
   */
  public record Trust(StiCredentials credentials, IssuerTrust issuers, CertificateFetcher x5u) {
    public Trust {
      Objects.requireNonNull(credentials, "credentials == null");
      Objects.requireNonNull(issuers, "issuers == null");
      Objects.requireNonNull(x5u, "x5u == null");
    }
  }

  /** The trust in force. */
  public Trust trust() {
    return trust;
  }

  /**
   * Replaces the trust for every call that starts from now on (calls under way finish with the old one).
   * The caller validates the new set first ({@code TrustReloader}); this never fails.
   */
  public void reload(Trust replacement) {
    this.trust = Objects.requireNonNull(replacement, "replacement == null");
  }

  public static Builder builder(StiCredentials credentials, IssuerTrust trustedIssuers) {
    return new Builder(credentials, trustedIssuers);
  }

  /**
   * Verifies a call from {@code from} to {@code to} carrying {@code identityHeaders} (the values of its
   * Identity header fields; several are allowed).
   */
  public StirResult verify(List<String> identityHeaders, TelephoneNumber from, List<TelephoneNumber> to) {
    List<String> tolerated = new ArrayList<>();
    if (identityHeaders.isEmpty() && outOfBand != null) {
      List<String> retrieved;
      try {
        retrieved = outOfBand.retrieve(from, to.get(0));
      } catch (VesperException e) {
        return StirResult.failed(ErrorCode.STIR_IDENTITY_MISSING, "no Identity header, and the CPS gave none for this call ("
            + e.code().id() + ")", e.code());
      }
      StirResult r = retrieved.isEmpty()
          ? StirResult.failed(ErrorCode.STIR_IDENTITY_MISSING, "no Identity header, and the CPS holds none for this call",
              ErrorCode.STIR_IDENTITY_MISSING)
          : verify(retrieved, from, to);
      return r.retrievedOutOfBand();
    }
    try {
      Checked ok = check(identityHeaders, from, to, tolerated);
      return StirResult.passed(ok.vesper(), tolerated, ok.rcd().rcd(), ok.rcd().dropped());
    } catch (VesperException e) {
      // A failed VESPER presentation keeps its own id (status.revoked, key_binding.aud_mismatch, ...): 438.
      if (e.code().stage() != Stage.STIR) {
        return StirResult.failed(e.code(), "the VESPER presentation failed: " + e.getMessage(), e.code());
      }
      ErrorCode cause = e.getCause() instanceof VesperException underlying ? underlying.code() : e.code();
      return StirResult.failed(e.code(), e.getMessage(), cause);
    }
  }

  /** The Identity header to verify: ppt vesper, else shaken, else a base PASSporT (no ppt); others are ignored (RFC 8224 §6.2). */
  private static IdentityHeader choose(List<IdentityHeader> headers) throws VesperException {
    for (String ppt : new String[] {"vesper", "shaken", null}) {
      for (IdentityHeader h : headers) {
        if (Objects.equals(ppt, h.ppt())) {
          return h;
        }
      }
    }
    throw new VesperException(ErrorCode.STIR_IDENTITY_MISSING, "no Identity header with ppt vesper, shaken or none");
  }

  /** A verified call: the VESPER attributes (null for SHAKEN and base PASSporTs) and its Rich Call Data. */
  private record Checked(StirResult.VesperCall vesper, RcdCheck.Outcome rcd) {}

  private Checked check(List<String> identityHeaders, TelephoneNumber from, List<TelephoneNumber> to, List<String> tolerated)
      throws VesperException {
    if (identityHeaders.isEmpty()) {
      throw new VesperException(ErrorCode.STIR_IDENTITY_MISSING, "the call carries no Identity header");
    }
    List<IdentityHeader> headers = new ArrayList<>();
    for (String h : identityHeaders) {
      headers.add(IdentityHeader.parse(h));
    }
    IdentityHeader chosen = choose(headers);
    Trust t = trust;
    if (!"ES256".equals(chosen.algorithm())) {
      throw new VesperException(ErrorCode.STIR_UNSUPPORTED_CREDENTIAL, "only alg ES256 is supported");
    }
    Passport passport = Passport.parse(chosen.passport());
    if (!Objects.equals(passport.ppt().orElse(null), chosen.ppt())) {
      throw new VesperException(ErrorCode.STIR_IDENTITY_MALFORMED, "the PASSporT's ppt differs from the Identity header's");
    }
    boolean shaken = "shaken".equals(chosen.ppt());
    if (shaken) {
      passport.checkShakenClaims();
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - passport.iat()) > freshness.toSeconds()) {
      throw new VesperException(ErrorCode.STIR_STALE, "iat is " + (now - passport.iat()) + " s from now; the window is " + freshness.toSeconds() + " s");
    }
    if (!passport.orig().equals(from) || to.stream().noneMatch(passport.dest()::contains)) {
      throw new VesperException(ErrorCode.STIR_NUMBER_MISMATCH, "the PASSporT's orig/dest are not this call's From/To");
    }
    StiCredentials.Signer signer = t.credentials().verify(chain(passport, chosen, shaken, t), Instant.ofEpochSecond(passport.iat()));
    if (!passport.verifiedBy(signer.key())) {
      throw new VesperException(ErrorCode.STIR_SIGNATURE_INVALID, "the PASSporT signature does not verify with the certificate's key");
    }
    if (!t.credentials().covers(signer.numbers(), passport.orig())) {
      throw new VesperException(ErrorCode.STIR_ORIG_NOT_AUTHORIZED, "orig " + passport.orig() + " is not in the signer's TNAuthList");
    }
    if (!replays.firstSighting(Base64Url.encode(Sha256.digest(passport.signingInput())),
        passport.iat() + freshness.toSeconds(), now)) {
      throw new VesperException(ErrorCode.STIR_REPLAYED, "this PASSporT was seen before");
    }
    tolerated.addAll(passport.tolerated());
    if (!"vesper".equals(chosen.ppt())) {
      return new Checked(null, rcd.check(passport, false, null));
    }
    VerifiedPresentation verified = verifiedPresentation(passport, t);
    String name = verified.claims().get("name") instanceof String n ? n : null;
    RcdCheck.Outcome richCallData = rcd.check(passport, true, name);
    return new Checked(vesperCall(verified, name, richCallData.rcd()), richCallData);
  }

  /**
   * The presentation a {@code ppt=vesper} PASSporT carries: inline (a string), or by reference
   * ({@code {"url", "sha256"}}): fetched, and refused unless its SHA-256 is the signed one.
   */
  private String presentation(Passport passport) throws VesperException {
    Object claim = passport.claim("vesper").orElse(null);
    if (claim instanceof String inline) {
      return inline;
    }
    if (!isReference(claim)) {
      throw new VesperException(ErrorCode.STIR_IDENTITY_MALFORMED,
          "a ppt=vesper PASSporT carries its presentation as the vesper claim, inline or as {url, sha256}");
    }
    return dereference((Map<?, ?>) claim, "vesper");
  }

  /**
   * The {@code vesper_delegation} claim's document: inline (an object), or by reference
   * ({@code {"url", "sha256"}}, an {@code application/json} document fetched and checked as the
   * presentation is).
   */
  private Object delegation(Object claim) throws VesperException {
    if (!isReference(claim)) {
      return claim;
    }
    try {
      return Json.parseObject(dereference((Map<?, ?>) claim, "vesper_delegation"));
    } catch (VesperException e) {
      throw e.code() == ErrorCode.STIR_BAD_IDENTITY_INFO || e.code() == ErrorCode.STIR_REFERENCE_MISMATCH ? e
          : new VesperException(ErrorCode.STIR_IDENTITY_MALFORMED, "the referenced vesper_delegation is not a JSON object");
    }
  }

  private static boolean isReference(Object claim) {
    return claim instanceof Map<?, ?> ref && ref.size() == 2 && ref.get("url") instanceof String && ref.get("sha256") instanceof String;
  }

  /** Fetches a referenced document and checks it against the signed digest. */
  private String dereference(Map<?, ?> ref, String claim) throws VesperException {
    String url = (String) ref.get("url");
    byte[] bytes;
    try {
      bytes = references.fetch(url, Passport.MAX_CHARS);
    } catch (VesperException e) {
      throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "cannot obtain the " + claim + " document by reference: " + e.getMessage(), e);
    }
    if (!MessageDigest.isEqual(Sha256.digest(bytes), decodeDigest((String) ref.get("sha256"), claim))) {
      throw new VesperException(ErrorCode.STIR_REFERENCE_MISMATCH, "the " + claim + " document at " + url + " is not the one the PASSporT names");
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static byte[] decodeDigest(String digest, String claim) throws VesperException {
    try {
      return Base64Url.decode(digest, claim + ".sha256");
    } catch (VesperException e) {
      throw new VesperException(ErrorCode.STIR_IDENTITY_MALFORMED, claim + ".sha256 is not base64url");
    }
  }

  /**
   * The signer's chain: {@code x5c} inline, else fetched from {@code x5u} (or {@code info}) by the
   * fetcher, which checks the URL against its allow-list (scheme, host and port) and address rules before
   * connecting. Only a parsed, fresh PASSporT for this very call gets this far (docs/stir-profile.md §3).
   */
  private List<String> chain(Passport passport, IdentityHeader header, boolean shaken, Trust t) throws VesperException {
    if (!passport.x5c().isEmpty()) {
      return passport.x5c();
    }
    if (shaken && passport.x5u().isPresent() && !passport.x5u().get().equals(header.info())) {
      throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "a SHAKEN PASSporT's x5u must equal the Identity header's info (ATIS-1000074)");
    }
    try {
      return t.x5u().fetch(passport.x5u().orElse(header.info()));
    } catch (VesperException e) {
      throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "cannot obtain the signer's certificate chain: " + e.getMessage(), e);
    }
  }

  /** The presentation in the {@code vesper} claim, verified and bound to this call (docs/token-profile.md §4.1). */
  private VerifiedPresentation verifiedPresentation(Passport passport, Trust t) throws VesperException {
    String presentation = presentation(passport);
    CallBinding call = new CallBinding(passport.orig(), passport.dest(), passport.iat(), passport.origid().orElse(null));
    VerificationPolicy.Builder policy = VerificationPolicy.builder(t.issuers()).clock(clock)
        .expectAudience(call.audience()).expectNonce(call.nonce()).require(ClaimSelector.number(passport.orig()));
    if (statusLists != null) {
      policy.checkStatus(statusLists);
    }
    Object delegated = passport.claim("vesper_delegation").orElse(null);
    VerifiedPresentation verified = delegated == null ? presentations.verify(presentation, policy.build())
        : presentations.verify(presentation, null, delegationProof(delegation(delegated)), policy.build());
    return verified;
  }

  /** What the call says of its caller: {@code name} the disclosed one, {@code rcd} the RCD verified against it (or null). */
  private static StirResult.VesperCall vesperCall(VerifiedPresentation verified, String name, Map<String, Object> rcd) {
    Map<String, Object> claims = verified.claims();
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (String k : StirResult.VesperCall.REPORTED) {
      if (claims.containsKey(k)) {
        attributes.put(k, claims.get(k));
      }
    }
    Object kycLevel = claims.get("kyc") instanceof Map<?, ?> kyc ? kyc.get("level") : null;
    return new StirResult.VesperCall(name, rcd, attributes, kycLevel, verified.disclosedPaths(), verified.delegate().orElse(null));
  }

  /**
   * The {@code vesper_delegation} claim of a delegated call (docs/token-profile.md §6):
   * {@code {"assertion", "agent", "agent_receipt"?}}, strings.
   */
  private static DelegationProof delegationProof(Object claim) throws VesperException {
    if (!(claim instanceof Map<?, ?> d) || !(d.get("assertion") instanceof String assertion) || !(d.get("agent") instanceof String agent)
        || d.get("agent_receipt") != null && !(d.get("agent_receipt") instanceof String)
        || !Set.of("assertion", "agent", "agent_receipt").containsAll(d.keySet())) {
      throw new VesperException(ErrorCode.STIR_IDENTITY_MALFORMED, "vesper_delegation is {\"assertion\", \"agent\", \"agent_receipt\"?}");
    }
    return new DelegationProof(assertion, agent, (String) d.get("agent_receipt"));
  }

  /** Configures a {@link StirVerifier}; not thread-safe. */
  public static final class Builder {
    private final StiCredentials credentials;
    private final IssuerTrust trustedIssuers;
    private CertificateFetcher fetcher = CertificateFetcher.none();
    private StatusLists statusLists;
    private Clock clock = Clock.systemUTC();
    private Duration freshness = DEFAULT_FRESHNESS;
    /** About 30 MB at most; at 1,400 calls/s a 60 s window holds ~84,000 PASSporTs. */
    private int replayEntries = 200_000;
    private ReplayStore replays;
    private ReferenceFetcher references = ReferenceFetcher.none();
    private OutOfBand outOfBand;

    private Builder(StiCredentials credentials, IssuerTrust trustedIssuers) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      this.trustedIssuers = Objects.requireNonNull(trustedIssuers, "trustedIssuers == null");
    }

    /** Where x5u chains come from; by default none are fetched (x5c only). */
    public Builder fetchX5u(CertificateFetcher fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
      return this;
    }

    /**
     * Where presentations delivered by reference and RCD icons come from; by default nothing is fetched
     * (a by-reference call fails with 436, icons are dropped).
     */
    public Builder fetchReferences(ReferenceFetcher fetcher) {
      this.references = Objects.requireNonNull(fetcher, "fetcher == null");
      return this;
    }

    /**
     * When a call carries no Identity header, asks this Call Placement Service for its PASSporTs (RFC 8816)
     * and verifies them as in-band ones; none, or a CPS that is down, is No-TN-Validation (428).
     */
    public Builder retrieveOutOfBand(OutOfBand cps) {
      this.outOfBand = Objects.requireNonNull(cps, "cps == null");
      return this;
    }

    /** Checks the VESPER token's status too. */
    public Builder checkStatus(StatusLists lists) {
      this.statusLists = Objects.requireNonNull(lists, "lists == null");
      return this;
    }

    /** Shares replay detection across instances (a database-backed store); by default it is per instance. */
    public Builder replayStore(ReplayStore store) {
      this.replays = Objects.requireNonNull(store, "store == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The freshness window for {@code iat}, at most 5 minutes; default 60 s. */
    public Builder freshness(Duration window) {
      if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("freshness must be between 1 s and 5 minutes");
      }
      this.freshness = window;
      return this;
    }

    public StirVerifier build() {
      return new StirVerifier(this);
    }
  }
}

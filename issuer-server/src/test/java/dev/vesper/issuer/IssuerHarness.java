package dev.vesper.issuer;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.stir.StiPki.Credential;
import dev.vesper.issuer.vetting.RfcAuthorityTokens;
import dev.vesper.issuer.vetting.TrustedSources;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.TestDatabases;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An issuer server on a real port (SQLite or PostgreSQL) with one trusted KYC provider and one trusted
 * numbering authority whose keys the tests hold, so they can produce evidence, good and bad.
 */
final class IssuerHarness implements AutoCloseable {
  static final String ADMIN_KEY = "issuer-admin-key-for-tests-0123";
  static final String KYC_ISS = "https://kyc.example";
  static final String AUTHORITY_ISS = "https://numbering-authority.example";
  private static final SecureRandom RANDOM = new SecureRandom();

  final SigningKey issuerKey = SigningKey.generate(RANDOM, "issuer-key-1");
  final SigningKey kycProvider = SigningKey.generate(RANDOM, "kyc-1");
  final SigningKey authority = SigningKey.generate(RANDOM, "na-1");
  /** A second numbering authority, trusted by its certificate root; its certificate is fetched from RFC 9448's x5u. */
  static final StiPki AUTHORITY_PKI = StiPki.generate(RANDOM, "Numbering Authority");
  static final Credential CERTIFIED_AUTHORITY = AUTHORITY_PKI.issue("authority.example.org", acmeNumbers());
  /** Not trusted, but reusing the trusted KYC provider's kid: its signatures look like forgeries. */
  final SigningKey stranger = SigningKey.generate(RANDOM, "kyc-1");
  final IssuerServer server;
  final Api operator;
  final String base;

  IssuerHarness(String store, Path dataDir) throws Exception {
    this(store, dataDir, Duration.ofSeconds(1));
  }

  IssuerHarness(String store, Path dataDir, Duration statusTtl) throws Exception {
    this(store, dataDir, statusTtl, Clock.systemUTC(), Duration.ofDays(365));
  }

  final Clock clock;

  IssuerHarness(String store, Path dataDir, Duration statusTtl, Clock clock, Duration kycValidity) throws Exception {
    this(store, dataDir, statusTtl, clock, kycValidity, null, List.of());
  }

  /** {@code signingKey} null signs with {@link #issuerKey}; {@code x5c} goes into every token header. */
  IssuerHarness(String store, Path dataDir, Duration statusTtl, Clock clock, Duration kycValidity, Signer signingKey, List<String> x5c)
      throws Exception {
    this(store, dataDir, statusTtl, clock, kycValidity, signingKey, x5c, 100_000); // tests register many entities from loopback
  }

  /** An issuer that admits {@code registrationsPerMinute} anonymous self-registrations a minute. */
  IssuerHarness(String store, Path dataDir, int registrationsPerMinute) throws Exception {
    this(store, dataDir, Duration.ofSeconds(1), Clock.systemUTC(), Duration.ofDays(365), null, List.of(), registrationsPerMinute);
  }

  private IssuerHarness(String store, Path dataDir, Duration statusTtl, Clock clock, Duration kycValidity, Signer signingKey, List<String> x5c,
      int registrationsPerMinute) throws Exception {
    this.clock = clock;
    String jdbc = store.equals("postgres") ? TestDatabases.freshPostgres() : null;
    TrustedSources providers = TrustedSources.parse(List.of(pinned(kycProvider, KYC_ISS)));
    TrustedSources authorities = TrustedSources.parse(List.of(pinned(authority, AUTHORITY_ISS), RfcAuthorityTokens.rootPem(AUTHORITY_PKI)))
        .withX5u(List.of(RfcAuthorityTokens.ALLOWED), RfcAuthorityTokens.fetcher(CERTIFIED_AUTHORITY));
    server = IssuerServer.start(new IssuerConfig("127.0.0.1", 0, dataDir, jdbc, null, ADMIN_KEY, signingKey != null ? signingKey : issuerKey, x5c, providers,
        authorities, kycValidity, Duration.ofDays(30), statusTtl, 10_000, 20_000, clock, Randomness.secure(), null, null, registrationsPerMinute));
    base = server.url();
    operator = new Api(base, ADMIN_KEY);
  }

  private static String pinned(SigningKey key, String iss) {
    Map<String, Object> jwk = new LinkedHashMap<>(key.publicJwk().toJson());
    return Json.write(Map.of("iss", iss, "keys", List.of(jwk)));
  }

  static final String ACME = "{\"name\": \"Acme Widgets Inc.\", \"address\": {\"locality\": \"Washington\", \"country\": \"US\"},"
      + " \"tn\": [\"+1 202 555 0100\", {\"start\": \"12025550200\", \"count\": 100}]}";

  /** Registers Acme (self-registration); returns a client authenticated as it. */
  Api register(String attributesJson) {
    Api.Reply r = new Api(base, null).post("/v1/entities", "{\"entity_type\": \"organization\", \"attributes\": " + attributesJson + "}");
    if (r.status() != 201) {
      throw new AssertionError("registration failed: " + r.raw().body());
    }
    return new Api(base, r.string("api_key"), r.string("id"));
  }

  /** A KYC attestation by {@code signer} (iss {@link #KYC_ISS}) for {@code sub}. */
  String attestation(SigningKey signer, String sub, Map<String, Object> verified, long expInSeconds, Map<String, Object> overrides) {
    Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "ES256", "typ", "kyc-attestation+jwt", "kid", signer.publicJwk().kid().orElseThrow()));
    long now = clock.instant().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", KYC_ISS);
    claims.put("sub", sub);
    claims.put("iat", now);
    claims.put("exp", now + expInSeconds);
    claims.put("verified_claims", verified);
    claims.put("level", "substantial");
    claims.put("method", "document_and_registry");
    overrides.forEach((k, v) -> {
      if (k.startsWith("header.")) {
        header.put(k.substring(7), v);
      } else {
        claims.put(k, v);
      }
    });
    return CompactJws.sign(header, claims, signer);
  }

  /** An RFC 9448-shaped authority token by {@code signer} for {@code sub} covering {@code list}. */
  String authorityToken(SigningKey signer, String sub, TnAuthList list, String jti) {
    Map<String, Object> header = Map.of("alg", "ES256", "kid", signer.publicJwk().kid().orElseThrow());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", AUTHORITY_ISS);
    claims.put("sub", sub);
    claims.put("exp", clock.instant().getEpochSecond() + 3600);
    claims.put("jti", jti);
    claims.put("atc", Map.of("tktype", "TNAuthList", "tkvalue", Base64.getEncoder().encodeToString(list.encode()), "ca", false));
    return CompactJws.sign(header, claims, signer);
  }

  String authorityToken(String sub, TnAuthList list) {
    return authorityToken(authority, sub, list, UUID.randomUUID().toString());
  }

  static TnAuthList acmeNumbers() {
    return new TnAuthList(List.of(new TnAuthList.One("12025550100"), new TnAuthList.Range("12025550200", 100)));
  }

  static Map<String, Object> acmeVerified() {
    return Map.of("name", "Acme Widgets Inc.", "entity_type", "organization",
        "address", Map.of("locality", "Washington", "country", "US"));
  }

  /** A proof of possession of {@code holder} for this issuer. */
  String proof(SigningKey holder, String nonce) {
    return proof(holder, holder.publicJwk(), nonce, base, clock.instant().getEpochSecond());
  }

  static String proof(SigningKey signer, PublicJwk headerKey, String nonce, String aud, long iat) {
    Map<String, Object> header = Map.of("alg", "ES256", "typ", "openid4vci-proof+jwt", "jwk", headerKey.withoutKid().toJson());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", aud);
    claims.put("nonce", nonce);
    claims.put("iat", iat);
    return CompactJws.sign(header, claims, signer);
  }

  /** Takes an entity through KYC and right-to-use. */
  void vet(Api entity) {
    expect(entity.post("/v1/entities/" + entity.tenantId() + "/kyc",
        Map.of("attestation", attestation(kycProvider, entity.tenantId(), acmeVerified(), 3600, Map.of()))), 200);
    expect(entity.post("/v1/entities/" + entity.tenantId() + "/numbers",
        Map.of("authority_token", authorityToken(entity.tenantId(), acmeNumbers()))), 200);
  }

  String nonce(Api caller) {
    return expect(caller.get("/v1/nonce"), 200).string("nonce");
  }

  static Api.Reply expect(Api.Reply r, int status) {
    if (r.status() != status) {
      throw new AssertionError("expected " + status + ", got " + r.status() + ": " + r.raw().body());
    }
    return r;
  }

  static SigningKey newHolderKey() {
    return SigningKey.generate(RANDOM, null);
  }

  @Override
  public void close() {
    server.close();
  }

  /** A DPoP proof (RFC 9449) by {@code key} for a POST to {@code htu}, with {@code ath} when {@code accessToken} is not null. */
  String dpop(SigningKey key, String htu, String accessToken) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("htm", "POST");
    claims.put("htu", htu);
    claims.put("iat", clock.instant().getEpochSecond());
    if (accessToken != null) {
      claims.put("ath", Sha256.base64UrlOfAscii(accessToken));
    }
    return CompactJws.sign(Map.of("alg", "ES256", "typ", "dpop+jwt", "jwk", key.publicJwk().withoutKid().toJson()), claims, key);
  }
}

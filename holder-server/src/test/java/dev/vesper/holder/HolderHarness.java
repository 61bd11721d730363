package dev.vesper.holder;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.phone.TnAuthList.Range;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.stir.StiPki.Credential;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.TestDatabases;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A holder server on a real port, on SQLite or PostgreSQL, and a trusted test issuer. */
final class HolderHarness implements AutoCloseable {
  static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  static final String KEK = Base64.getEncoder().encodeToString(new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

  final HolderServer server;
  final Api admin;
  final String base;
  final TokenIssuer issuer =
      TokenIssuer.create(Fixtures.issuerKey(), "https://issuer.example", Clock.systemUTC(), Randomness.secure());

  static final TrustedKeys TRUST = TrustedKeys.ofIssuer("https://issuer.example", List.of(Fixtures.issuerKey().publicJwk()));

  HolderHarness(String store, Path dataDir) throws Exception {
    this(store, dataDir, 10_000, 20_000);
  }

  HolderHarness(String store, Path dataDir, double ratePerSecond, int burst) throws Exception {
    String jdbc = store.equals("postgres") ? TestDatabases.freshPostgres() : null;
    // The issuer is trusted as its metadata document names it: its key verifies only its own tokens.
    server = HolderServer.start(new HolderConfig("127.0.0.1", 0, dataDir, jdbc, TRUST,
        ADMIN_KEY, SoftwareKek.fromText(KEK), ratePerSecond, burst, Clock.systemUTC()));
    base = "http://127.0.0.1:" + server.port();
    admin = new Api(base, ADMIN_KEY);
  }

  /**
   * A holder that is also an STI-AS (a fresh test PKI; its certificate covers 12025550200 and the 99 after),
   * on SQLite under {@code dataDir}, with a SIP face on {@code sipPort} unless null.
   */
  static HolderServer stiServer(Path dataDir, double ratePerSecond, int burst, Integer sipPort) throws Exception {
    StiPki pki = StiPki.generate(new SecureRandom(), "Test");
    Credential carrier = pki.issue("Holder STI-AS",
        new TnAuthList(List.of(new Range("12025550200", 100))));
    return HolderServer.start(new HolderConfig("127.0.0.1", 0, dataDir, null, TrustedKeys.of(Fixtures.issuerKey().publicJwk()), ADMIN_KEY,
        SoftwareKek.fromText(KEK), ratePerSecond, burst, Clock.systemUTC(), null,
        new StiCredential(carrier.key(), carrier.x5c(), "https://cert.holder.example/sti.pem"), sipPort));
  }

  /** A new tenant; returns a client authenticated as it. */
  Api tenant(String name) {
    Api.Reply r = admin.post("/v1/tenants", Map.of("name", name));
    if (r.status() != 201) {
      throw new AssertionError("tenant creation failed: " + r.raw().body());
    }
    return new Api(base, r.string("api_key"), r.string("tenant_id"));
  }

  /** A new holder key of {@code tenant}. */
  static PublicJwk newKey(Api tenant) throws Exception {
    Api.Reply r = tenant.post("/v1/keys", Map.of());
    if (r.status() != 201) {
      throw new AssertionError("key creation failed: " + r.raw().body());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> jwk = (Map<String, Object>) r.body().get("jwk");
    return PublicJwk.fromJson(jwk);
  }

  /** Issues a token with {@code claims} (issuance input JSON) to {@code holder} and imports it; returns its id. */
  String importToken(Api tenant, PublicJwk holder, String claims) throws Exception {
    String token = issuer.issue(IdentityAttributes.fromInput(Json.parseObject(claims)), holder, Duration.ofDays(30));
    Api.Reply r = tenant.post("/v1/tokens", Map.of("token", token));
    if (r.status() != 201) {
      throw new AssertionError("import failed: " + r.raw().body());
    }
    return r.string("id");
  }

  @Override
  public void close() {
    server.close();
  }
}

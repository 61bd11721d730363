package dev.vesper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.entry.EntryType;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.issuer.IssuerConfig;
import dev.vesper.issuer.IssuerServer;
import dev.vesper.issuer.vetting.TrustedSources;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.Verification;
import dev.vesper.verifier.VerificationPolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer reporting to a real transparency log: a registrar registers the issuer key in the log;
 * an issued token comes back with its offline receipt, which the verifier checks against the log's key;
 * a revocation reaches the log as a status entry. (In the cli module because it is the one that
 * depends on both servers.)
 */
class IssuerLogIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String OPERATOR = "operator-key-0123456789abcdef";

  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void issuanceAndRevocationAreLoggedAndTheReceiptVerifies() throws Exception {
    Keys k = Keys.fresh("log.vesper.test/issuer-it", "issuer-it-1");
    NoteSigner logKey = k.log();
    SigningKey issuerKey = k.issuer();
    SigningKey kyc = k.kyc();
    SigningKey authority = k.authority();
    try (RegistryServer registry = registry(k, 0)) {
      String logUrl = "http://127.0.0.1:" + registry.port();
      String issuerUrl = "https://issuer.vesper.test";
      registerIssuer(k, logUrl, issuerUrl);

      try (IssuerServer issuer = issuer(k, issuerUrl, logUrl)) {
        String base = "http://127.0.0.1:" + issuer.port();
        SigningKey holder = SigningKey.generate(RANDOM, null);
        Map<String, Object> issued = vetAndIssue(base, issuerUrl, kyc, authority, holder);
        String token = (String) issued.get("token");
        String receipt = (String) issued.get("receipt");
        assertThat(receipt).as("the issuance response carries the log's receipt").isNotNull();

        // A verifier that pins the log accepts the presentation with its receipt.
        HolderToken held = HolderToken.fromTrustedStore(token, Limits.DEFAULT);
        Set<Disclosure> name = ClaimSelector.parse("name").select(held);
        String presentation = held.present(name, holder, new KeyBindingRequest("https://rp.test", "n", Instant.now().getEpochSecond()));
        NoteKey vkey = logKey.verifierKey();
        VerificationPolicy policy = VerificationPolicy.builder(TrustedKeys.of(issuerKey.publicJwk())).expectAudience("https://rp.test")
            .expectNonce("n").requireIssuanceReceipt(IssuanceReceipts.trusting(vkey.name(), List.of(vkey))).build();
        Verification v = PresentationVerifier.create().check(presentation, receipt, policy);
        assertThat(v.failure()).isEmpty();

        // A revocation reaches the log: the registry's token history shows it.
        json("POST", base + "/v1/tokens/" + issued.get("id") + "/revoke", OPERATOR, Map.of("reason", "key_compromise"));
        String sha = (String) json("GET", base + "/v1/tokens/" + issued.get("id"), OPERATOR, null).get("token_sha256");
        long deadline = System.currentTimeMillis() + 10_000;
        String history = "";
        while (System.currentTimeMillis() < deadline && !history.contains("REVOKED") && !history.contains("revoked")) {
          Thread.sleep(100);
          history = HTTP.send(HttpRequest.newBuilder(URI.create(logUrl + "/v1/tokens/" + sha)).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        }
        assertThat(history).containsIgnoringCase("revoked").containsIgnoringCase("key_compromise");
      }
    }
  }


  @Test
  @SuppressWarnings("unchecked")
  void aPubliclyListedNumberShowsItsHolderKeysInTheRegistry() throws Exception {
    Keys k = Keys.fresh("log.vesper.test/listing", "issuer-listing-1");
    NoteSigner logKey = k.log();
    SigningKey issuerKey = k.issuer();
    SigningKey kyc = k.kyc();
    SigningKey authority = k.authority();
    try (RegistryServer registry = registry(k, 0)) {
      String logUrl = "http://127.0.0.1:" + registry.port();
      String issuerUrl = "https://issuer-listing.vesper.test";
      registerIssuer(k, logUrl, issuerUrl);
      try (IssuerServer issuer = issuer(k, issuerUrl, logUrl)) {
        String base = "http://127.0.0.1:" + issuer.port();
        // Not listed: the registry knows nothing about the number.
        vetAndIssue(base, issuerUrl, kyc, authority, SigningKey.generate(RANDOM, null));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(logUrl + "/v1/numbers/+12025550100")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        SigningKey holder = SigningKey.generate(RANDOM, null);
        Map<String, Object> reg = json("POST", base + "/v1/entities", null, Map.of("entity_type", "organization",
            "attributes", Map.of("name", "Acme Widgets Inc.", "tn", List.of("+1 202 555 0100"))));
        String id = (String) reg.get("id");
        json("PUT", base + "/v1/entities/" + id + "/listing", (String) reg.get("api_key"), Map.of("numbers", List.of("+12025550100")));
        Map<String, Object> issued = issueTo(base, issuerUrl, kyc, authority, holder, id, (String) reg.get("api_key"));
        assertThat(issued).containsKey("receipt");
        String history = HTTP.send(HttpRequest.newBuilder(URI.create(logUrl + "/v1/numbers/+12025550100")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        String thumbprintHex = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(holder.publicJwk().thumbprint()));
        assertThat(history).contains("number_rtu_asserted").contains(thumbprintHex).contains("token_issued");

        json("POST", base + "/v1/entities/" + id + "/numbers/release", (String) reg.get("api_key"),
            Map.of("numbers", List.of("+12025550100"), "reason", "number_reassigned"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && !history.contains("number_rtu_released")) {
          Thread.sleep(100);
          history = HTTP.send(HttpRequest.newBuilder(URI.create(logUrl + "/v1/numbers/+12025550100")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        }
        assertThat(history).contains("number_rtu_released").contains("number_released");
      }
    }
  }

  /** Registers an entity, vets it with good evidence and issues one token bound to {@code holder}. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> vetAndIssue(String base, String issuerUrl, SigningKey kyc, SigningKey authority, SigningKey holder)
      throws Exception {
    Map<String, Object> reg = json("POST", base + "/v1/entities", null, Map.of("entity_type", "organization",
        "attributes", Map.of("name", "Acme Widgets Inc.", "tn", List.of("+1 202 555 0100"))));
    return issueTo(base, issuerUrl, kyc, authority, holder, (String) reg.get("id"), (String) reg.get("api_key"));
  }

  /** Vets the registered entity {@code id} with good evidence and issues one token bound to {@code holder}. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> issueTo(String base, String issuerUrl, SigningKey kyc, SigningKey authority, SigningKey holder,
      String id, String key) throws Exception {
    long now = Instant.now().getEpochSecond();
    json("POST", base + "/v1/entities/" + id + "/kyc", key, Map.of("attestation", CompactJws.sign(
        Map.of("alg", "ES256", "typ", "kyc-attestation+jwt", "kid", "kyc"),
        Map.of("iss", "https://kyc.test", "sub", id, "iat", now, "exp", now + 600, "level", "high", "method", "registry",
            "verified_claims", Map.of("name", "Acme Widgets Inc.", "entity_type", "organization")), kyc)));
    json("POST", base + "/v1/entities/" + id + "/numbers", key, Map.of("authority_token", CompactJws.sign(
        Map.of("alg", "ES256", "kid", "na"),
        Map.of("iss", "https://na.test", "sub", id, "exp", now + 600, "jti", "j-" + id, "atc", Map.of("tktype", "TNAuthList",
            "tkvalue", Base64.getEncoder().encodeToString(new TnAuthList(List.of(new TnAuthList.One("12025550100"))).encode()),
            "ca", false)), authority)));
    String nonce = (String) json("GET", base + "/v1/nonce", key, null).get("nonce");
    String proof = CompactJws.sign(Map.of("alg", "ES256", "typ", "openid4vci-proof+jwt", "jwk", holder.publicJwk().withoutKid().toJson()),
        Map.of("aud", issuerUrl, "nonce", nonce, "iat", now), holder);
    return ((List<Map<String, Object>>) json("POST", base + "/v1/entities/" + id + "/tokens", key,
        Map.of("proofs", List.of(proof))).get("tokens")).get(0);
  }

  @Test
  void entriesWaitInTheOutboxWhileTheLogIsDownAndShipOnceItIsUp() throws Exception {
    Keys k = Keys.fresh("log.vesper.test/outbox", "issuer-outbox-1");
    NoteSigner logKey = k.log();
    SigningKey issuerKey = k.issuer();
    SigningKey kyc = k.kyc();
    SigningKey authority = k.authority();
    int logPort;
    try (ServerSocket s = new ServerSocket(0)) {
      logPort = s.getLocalPort();
    }
    String logUrl = "http://127.0.0.1:" + logPort;
    String issuerUrl = "https://issuer-outbox.vesper.test";
    try (IssuerServer issuer = issuer(k, issuerUrl, logUrl)) {
      String base = "http://127.0.0.1:" + issuer.port();
      Map<String, Object> issued = vetAndIssue(base, issuerUrl, kyc, authority, SigningKey.generate(RANDOM, null));
      assertThat(issued).as("the log is down: the token is issued without a receipt").doesNotContainKey("receipt");
      assertThat(json("GET", base + "/v1/tokens/" + issued.get("id"), OPERATOR, null)).containsEntry("log_state", "pending");

      try (RegistryServer registry = registry(k, logPort)) {
        registerIssuer(k, logUrl, issuerUrl);
        long deadline = System.currentTimeMillis() + 20_000;
        Map<String, Object> t = Map.of();
        while (System.currentTimeMillis() < deadline && !"logged".equals(t.get("log_state"))) {
          Thread.sleep(200);
          t = json("GET", base + "/v1/tokens/" + issued.get("id"), OPERATOR, null);
        }
        assertThat(t).containsEntry("log_state", "logged").containsKey("issuance_receipt");
        String jwt = ((String) issued.get("token")).substring(0, ((String) issued.get("token")).indexOf('~'));
        NoteKey vkey = logKey.verifierKey();
        IssuanceReceipts.trusting(vkey.name(), List.of(vkey)).check((String) t.get("issuance_receipt"), jwt, issuerKey.publicJwk());
      }
    }
  }

  /** Every key one test needs: the log's, a registrar's, the issuer's, a KYC provider's, an authority's, the label key. */
  record Keys(NoteSigner log, SigningKey registrar, SigningKey issuer, SigningKey kyc, SigningKey authority, byte[] labelKey) {
    static Keys fresh(String origin, String issuerKid) {
      byte[] label = new byte[32];
      RANDOM.nextBytes(label);
      return new Keys(NoteSigner.generate(origin, RANDOM), SigningKey.generate(RANDOM, "registrar"), SigningKey.generate(RANDOM, issuerKid),
          SigningKey.generate(RANDOM, "kyc"), SigningKey.generate(RANDOM, "na"), label);
    }
  }

  private RegistryServer registry(Keys k, int port) throws Exception {
    return RegistryServer.start(new RegistryConfig("127.0.0.1", port, dir.resolve("log"), null, k.log(), List.of(k.registrar().publicJwk()),
        Clock.systemUTC()));
  }

  /** A registrar registers the issuer's key in the log, so the log accepts the issuer's entries. */
  static void registerIssuer(Keys k, String logUrl, String issuerUrl) throws Exception {
    IssuerKeyEvent register = new IssuerKeyEvent(EntryType.ISSUER_KEY_REGISTERED, issuerUrl, k.issuer().publicJwk(), 0, Reason.UNSPECIFIED);
    assertThat(post(logUrl + "/v1/entries", new LogEntry(0, Submission.sign(register, System.currentTimeMillis(), k.registrar())).encode()))
        .isEqualTo(201);
  }

  private IssuerServer issuer(Keys k, String issuerUrl, String logUrl) throws Exception {
    return IssuerServer.start(new IssuerConfig("127.0.0.1", 0, dir.resolve("issuer"), null, issuerUrl, OPERATOR, k.issuer(), List.of(),
        source(k.kyc()), source(k.authority()), Duration.ofDays(365), Duration.ofDays(30), Duration.ofSeconds(60), 1000, 2000,
        Clock.systemUTC(), Randomness.secure(), logUrl, k.labelKey()));
  }

  static TrustedSources source(SigningKey key) throws Exception {
    return TrustedSources.parse(List.of(Json.write(key.publicJwk().toJson())));
  }

  private static int post(String url, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static Map<String, Object> json(String method, String url, String key, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isBetween(200, 201);
    return new LinkedHashMap<>(Json.parseObject(r.body()));
  }
}

package dev.vesper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.issuer.IssuerConfig;
import dev.vesper.issuer.IssuerServer;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log labels that link no tokens (docs/transparency.md §3.1), on a real issuer reporting to a real log:
 * the TOKEN_ISSUED entries of one batch share no label (and each shows only the padded bucket of labels),
 * yet the entity finds every one of its tokens with the number keys its issuer gave it, and only its own;
 * a number claimed without a proven right to use gets no key.
 */
class LogLabelsUnlinkTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String OPERATOR = "operator-key-0123456789abcdef";

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aBatchSharesNoLabelAndTheEntityFindsItsOwnTokens() throws Exception {
    IssuerLogIntegrationTest.Keys k = IssuerLogIntegrationTest.Keys.fresh("log.vesper.test/unlink", "issuer-unlink-1");
    try (RegistryServer registry = RegistryServer.start(new RegistryConfig("127.0.0.1", 0, dir.resolve("log"), null, k.log(),
        List.of(k.registrar().publicJwk()), Clock.systemUTC()))) {
      String logUrl = "http://127.0.0.1:" + registry.port();
      String issuerUrl = "https://issuer-unlink.vesper.test";
      IssuerLogIntegrationTest.registerIssuer(k, logUrl, issuerUrl);
      try (IssuerServer issuer = IssuerServer.start(new IssuerConfig("127.0.0.1", 0, dir.resolve("issuer"), null, issuerUrl, OPERATOR,
          k.issuer(), List.of(), IssuerLogIntegrationTest.source(k.kyc()), IssuerLogIntegrationTest.source(k.authority()),
          Duration.ofDays(365), Duration.ofDays(30), Duration.ofSeconds(60), 1000, 2000, Clock.systemUTC(), Randomness.secure(), logUrl,
          k.labelKey()))) {
        String base = "http://127.0.0.1:" + issuer.port();
        Entity acme = vet(base, k, List.of("12025550100", "12025550101"));
        List<String> acmeTokens = issue(base, issuerUrl, acme, 3);
        Entity other = vet(base, k, List.of("13035550142"));
        List<String> otherTokens = issue(base, issuerUrl, other, 1);

        // In public, the batch's entries share no label, and each shows the bucket (8), not the 2 numbers.
        Set<String> labels = new HashSet<>();
        int total = 0;
        for (String token : acmeTokens) {
          Map<String, Object> entry = ((List<Map<String, Object>>) get(logUrl + "/v1/tokens/" + sha(token)).get("entries")).get(0);
          List<Map<String, Object>> numbers = (List<Map<String, Object>>) entry.get("numbers");
          assertThat(numbers).hasSize(8).allSatisfy(n -> assertThat(n).containsOnlyKeys("token_label"));
          for (Map<String, Object> n : numbers) {
            labels.add((String) n.get("token_label"));
            total++;
          }
        }
        assertThat(labels).as("no label repeats across the batch").hasSize(total);

        // The entity, with its own keys, finds exactly its three tokens, each naming both its numbers.
        Map<String, Object> keys = json("GET", base + "/v1/entities/" + acme.id() + "/number-keys", acme.key(), null);
        assertThat((List<?>) keys.get("numbers")).hasSize(2);
        Path keysFile = dir.resolve("acme-keys.json");
        Files.writeString(keysFile, Json.write(keys));
        String found = findTokens(logUrl, k, keysFile);
        for (String token : acmeTokens) {
          assertThat(found).contains(sha(token));
        }
        assertThat(found.lines().count()).isEqualTo(3);
        assertThat(found).contains("12025550100").contains("12025550101").doesNotContain(sha(otherTokens.get(0)));

        // A number claimed without a proven right to use gets no key: nobody follows another holder's tokens.
        Map<String, Object> claimant = json("POST", base + "/v1/entities", null, Map.of("entity_type", "organization",
            "attributes", Map.of("name", "Claimant", "tn", List.of("+12025550100"))));
        assertThat((List<?>) json("GET", base + "/v1/entities/" + claimant.get("id") + "/number-keys", (String) claimant.get("api_key"), null)
            .get("numbers")).isEmpty();
      }
    }
  }

  private record Entity(String id, String key) {}

  /** Registers an organisation with {@code numbers} and vets it (KYC and right to use of every number). */
  private static Entity vet(String base, IssuerLogIntegrationTest.Keys k, List<String> numbers) throws Exception {
    List<String> tn = numbers.stream().map(n -> "+" + n).toList();
    Map<String, Object> reg = json("POST", base + "/v1/entities", null, Map.of("entity_type", "organization",
        "attributes", Map.of("name", "Acme Widgets Inc.", "tn", tn)));
    String id = (String) reg.get("id");
    String key = (String) reg.get("api_key");
    long now = Instant.now().getEpochSecond();
    json("POST", base + "/v1/entities/" + id + "/kyc", key, Map.of("attestation", CompactJws.sign(
        Map.of("alg", "ES256", "typ", "kyc-attestation+jwt", "kid", "kyc"),
        Map.of("iss", "https://kyc.test", "sub", id, "iat", now, "exp", now + 600, "level", "high", "method", "registry",
            "verified_claims", Map.of("name", "Acme Widgets Inc.", "entity_type", "organization")), k.kyc())));
    List<TnAuthList.Entry> entries = new ArrayList<>();
    numbers.forEach(n -> entries.add(new TnAuthList.One(n)));
    json("POST", base + "/v1/entities/" + id + "/numbers", key, Map.of("authority_token", CompactJws.sign(Map.of("alg", "ES256", "kid", "na"),
        Map.of("iss", "https://na.test", "sub", id, "exp", now + 600, "jti", "j-" + id, "atc", Map.of("tktype", "TNAuthList",
            "tkvalue", Base64.getEncoder().encodeToString(new TnAuthList(entries).encode()), "ca", false)), k.authority())));
    return new Entity(id, key);
  }

  /** A batch of {@code count} tokens, each to its own new holder key; returns the tokens. */
  @SuppressWarnings("unchecked")
  private static List<String> issue(String base, String issuerUrl, Entity e, int count) throws Exception {
    String nonce = (String) json("GET", base + "/v1/nonce", e.key(), null).get("nonce");
    List<String> proofs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SigningKey holder = SigningKey.generate(RANDOM, null);
      proofs.add(CompactJws.sign(Map.of("alg", "ES256", "typ", "openid4vci-proof+jwt", "jwk", holder.publicJwk().withoutKid().toJson()),
          Map.of("aud", issuerUrl, "nonce", nonce, "iat", Instant.now().getEpochSecond()), holder));
    }
    List<String> out = new ArrayList<>();
    for (Map<String, Object> t : (List<Map<String, Object>>) json("POST", base + "/v1/entities/" + e.id() + "/tokens", e.key(),
        Map.of("proofs", proofs)).get("tokens")) {
      assertThat(t).as("logged, with a receipt").containsKey("receipt");
      out.add((String) t.get("token"));
    }
    return out;
  }

  private static String findTokens(String logUrl, IssuerLogIntegrationTest.Keys k, Path keysFile) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code = Main.run(new String[] {"log", "find-tokens", "--url", logUrl, "--log-key", k.log().verifierKey().vkey(),
          "--number-keys", keysFile.toString()});
      assertThat(code).isZero();
    } finally {
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static String sha(String token) {
    return HexFormat.of().formatHex(Sha256.digest(token.substring(0, token.indexOf('~')).getBytes(StandardCharsets.US_ASCII)));
  }

  private static Map<String, Object> get(String url) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return Json.parseObject(r.body());
  }

  private static Map<String, Object> json(String method, String url, String key, Object body) throws Exception {
    return IssuerLogIntegrationTest.json(method, url, key, body);
  }
}

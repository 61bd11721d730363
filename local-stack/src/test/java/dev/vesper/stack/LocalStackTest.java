package dev.vesper.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.server.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code vesper up}: the whole stack starts, seeds the demo personas through the real flows, writes
 * stack.json in the documented shape, answers a call end to end (holder presents, verifier verifies with
 * the status check), and a second start reuses the data instead of seeding again.
 */
class LocalStackTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  @SuppressWarnings("unchecked")
  void upSeedsOnceAndACallVerifies(String store) throws Exception {
    String postgres = store.equals("postgres") ? TestDatabases.freshPostgres() : null;
    // Fixed ports, as `vesper up` uses: the tokens name the issuer's URL, so it must not move between starts.
    LocalStack.Options options = new LocalStack.Options(dir, "127.0.0.1", freeBasePort(), postgres);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Map<String, Object> first;
    try (LocalStack stack = LocalStack.start(options, new PrintStream(progress, true, StandardCharsets.UTF_8))) {
      first = Json.parseObject(Files.readString(dir.resolve("stack.json")));
      assertThat(first).containsKeys("issuer", "holder", "verifier", "registry", "admin_key", "demo");
      assertThat((Map<String, Object>) first.get("issuer")).containsKeys("url", "jwks", "metadata_file");
      // Every component trusts the issuer through its metadata document, as the issuer serves it (issue 12 §1).
      Map<String, Object> issuerFacts = (Map<String, Object>) first.get("issuer");
      String metadata = Files.readString(Path.of((String) issuerFacts.get("metadata_file"))).strip();
      assertThat(metadata).isEqualTo(StackClient.text(issuerFacts.get("url") + "/.well-known/jwt-vc-issuer").strip());
      assertThat(TrustedKeys.parse(metadata).issuers()).containsExactly((String) issuerFacts.get("url"));
      assertThat((Map<String, Object>) first.get("holder")).containsKeys("url", "sip_port");
      assertThat((Map<String, Object>) first.get("verifier")).containsKeys("url", "sip_port");
      assertThat(((Map<String, Object>) first.get("verifier")).get("sip_port")).isInstanceOf(Long.class);
      assertThat(((Map<String, Object>) first.get("holder")).get("sip_port")).isInstanceOf(Long.class);
      assertThat((Map<String, Object>) first.get("registry")).containsKeys("url", "origin", "log_key");
      Map<String, Object> demo = (Map<String, Object>) first.get("demo");
      assertThat((Map<String, Object>) demo.get("enterprise")).containsKeys("api_key", "numbers");
      assertThat((Map<String, Object>) demo.get("consumer")).containsKeys("api_key", "numbers");
      Map<String, Object> contactCentre = (Map<String, Object>) demo.get("contact_centre");
      assertThat(contactCentre).containsKeys("api_key", "tenant_id", "numbers", "grant");
      assertThat((Map<String, Object>) contactCentre.get("grant")).containsEntry("numbers", List.of("12025550210"));
      assertThat(progress.toString(StandardCharsets.UTF_8)).contains("seeding").contains("logged in the registry")
          .contains("which the holder refills by itself");
      // The consumer's pool: at least 4 tokens, each shown to one callee only, refilled by the holder.
      Map<String, Object> pool = ((List<Map<String, Object>>) StackClient.call("GET", ((Map<String, Object>) first.get("holder")).get("url")
          + "/v1/pools", (String) ((Map<String, Object>) demo.get("consumer")).get("api_key"), null).get("pools")).get(0);
      assertThat(((Number) pool.get("available")).intValue()).isGreaterThanOrEqualTo(4);
      assertThat(pool).containsEntry("rotation", "per_call");
      assertThat((Map<String, Object>) pool.get("refill")).containsEntry("grant", true);
      // The contact centre calls for the enterprise: the verifier names the agent beside the client.
      Map<String, Object> delegated = call(first, "contact_centre", "+12025550210");
      assertThat(delegated).containsEntry("valid", true);
      assertThat((Map<String, Object>) delegated.get("claims")).containsEntry("name", "Acme Widgets Inc. (demo)");
      assertThat((Map<String, Object>) delegated.get("delegate")).containsEntry("name", "Dial Partners (demo contact centre)")
          .containsEntry("expires_at", ((Map<String, Object>) contactCentre.get("grant")).get("expires_at"));
      // Issue 11 §5: the issuer's key is registered under the identifier its entries name, its URL.
      String issuerUrl = (String) ((Map<String, Object>) first.get("issuer")).get("url");
      String registryUrl = (String) ((Map<String, Object>) first.get("registry")).get("url");
      assertThat((List<Map<String, Object>>) Json.parseObject(StackClient.text(registryUrl + "/v1/issuers")).get("issuers"))
          .extracting(i -> i.get("issuer")).containsExactly(issuerUrl);
      // "Also": /metrics of every service answers the stack's admin key, and nobody else.
      for (String service : List.of("issuer", "holder", "registry", "verifier", "cps")) {
        String metrics = ((Map<String, Object>) first.get(service)).get("url") + "/metrics";
        assertThat(catchThrowableOfType(() -> StackClient.text(metrics), StackClient.CallFailed.class).status()).as(service).isEqualTo(401);
        assertThat(StackClient.call("GET", metrics, (String) first.get("admin_key"), null)).as(service).isNotNull();
      }

      Map<String, Object> verdict = call(first, "consumer", "+13035550142");
      assertThat(verdict).containsEntry("valid", true);
      assertThat((Map<String, Object>) verdict.get("claims")).containsEntry("name", "Jane Roe (demo)").containsEntry("tn", List.of("13035550142"))
          .doesNotContainKeys("entity_type", "kyc", "address");
      assertThat(Json.write(verdict.get("checks"))).contains("{\"check\":\"status\",\"outcome\":\"passed\"}");
      // Over STIR: the holder's STI-AS signs a ppt=vesper PASSporT, the stack's STI-VS verifies it.
      Map<String, Object> sti = (Map<String, Object>) first.get("sti");
      long iat = Instant.now().getEpochSecond();
      Map<String, Object> signed = StackClient.call("POST", (String) sti.get("signing"),
          (String) ((Map<String, Object>) ((Map<String, Object>) first.get("demo")).get("enterprise")).get("api_key"),
          Map.of("signingRequest", Map.of("orig", Map.of("tn", "+12025550250"), "dest", Map.of("tn", List.of("+13035550199")), "iat", iat)));
      String identity = (String) ((Map<String, Object>) signed.get("signingResponse")).get("identity");
      Map<String, Object> verdict2 = StackClient.call("POST", (String) sti.get("verification"), null, Map.of("verificationRequest",
          Map.of("from", Map.of("tn", "+12025550250"), "to", Map.of("tn", List.of("+13035550199")), "time", iat, "identity", identity)));
      Map<String, Object> response = (Map<String, Object>) verdict2.get("verificationResponse");
      assertThat(response).as(String.valueOf(response)).containsEntry("verstat", "TN-Validation-Passed");
      assertThat((Map<String, Object>) response.get("vesper")).containsEntry("rcd", Map.of("nam", "Acme Widgets Inc. (demo)"));
      // The contact centre's call for the enterprise over STIR: the STI-VS names the agent beside the client.
      Map<String, Object> delegatedSigned = StackClient.call("POST", (String) sti.get("signing"), (String) contactCentre.get("api_key"),
          Map.of("signingRequest", Map.of("orig", Map.of("tn", "+12025550210"), "dest", Map.of("tn", List.of("+13035550199")), "iat", iat)));
      Map<String, Object> delegatedVerdict = (Map<String, Object>) StackClient.call("POST", (String) sti.get("verification"), null,
          Map.of("verificationRequest", Map.of("from", Map.of("tn", "+12025550210"), "to", Map.of("tn", List.of("+13035550199")), "time", iat,
              "identity", ((Map<String, Object>) delegatedSigned.get("signingResponse")).get("identity")))).get("verificationResponse");
      assertThat(delegatedVerdict).as(String.valueOf(delegatedVerdict)).containsEntry("verstat", "TN-Validation-Passed");
      assertThat((Map<String, Object>) ((Map<String, Object>) delegatedVerdict.get("vesper")).get("delegate"))
          .containsEntry("name", "Dial Partners (demo contact centre)");

      Map<String, Object> enterprise = call(first, "enterprise", "+12025550250");
      assertThat((Map<String, Object>) enterprise.get("claims")).containsEntry("name", "Acme Widgets Inc. (demo)")
          .containsKey("business_category").doesNotContainKeys("address", "business_ids");
    }
    progress.reset();
    try (LocalStack again = LocalStack.start(options, new PrintStream(progress, true, StandardCharsets.UTF_8))) {
      Map<String, Object> second = Json.parseObject(Files.readString(dir.resolve("stack.json")));
      assertThat(second.get("demo")).as("the second start reuses the seeded personas").isEqualTo(first.get("demo"));
      assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("seeding");
      assertThat(call(second, "consumer", "+13035550142")).containsEntry("valid", true);
    }
  }

  /** A port p with p..p+5 free on loopback (the SIP servers take p+4 and p+5). */
  private static int freeBasePort() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20000 + new Random().nextInt(30000);
      List<ServerSocket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          held.add(new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress()));
        }
        return base;
      } catch (IOException taken) {
        // try another range
      } finally {
        for (ServerSocket s : held) {
          s.close();
        }
      }
    }
    throw new IllegalStateException("no four consecutive free ports");
  }

  /** The persona presents for a call to a Denver number at the holder; the stack's verifier checks it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(Map<String, Object> facts, String persona, String orig) throws Exception {
    String holder = (String) ((Map<String, Object>) facts.get("holder")).get("url");
    String verifier = (String) ((Map<String, Object>) facts.get("verifier")).get("url");
    String key = (String) ((Map<String, Object>) ((Map<String, Object>) facts.get("demo")).get(persona)).get("api_key");
    Map<String, Object> presented = StackClient.call("POST", holder + "/v1/presentations/call", key,
        Map.of("orig", orig, "dest", List.of("+13035550199"), "iat", Instant.now().getEpochSecond()));
    Map<String, Object> request = new LinkedHashMap<>(Map.of(
        "presentation", presented.get("presentation"), "aud", presented.get("aud"), "nonce", presented.get("nonce")));
    if (presented.containsKey("delegation")) {
      request.put("delegation", presented.get("delegation"));
    }
    return StackClient.call("POST", verifier + "/v1/presentations/verify", null, request);
  }
}

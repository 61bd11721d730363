package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.server.testing.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Token pools and rotation (issue 14 §1, docs/holder.md "Token pools"): an individual's calls to two
 * callees share no issuer JWT, cnf key, salt, digest or status index; an organisation's calls to one
 * audience may share a token, another audience gets another; an empty pool refuses instead of reusing;
 * and no token is ever shown to two audiences, even by two instances racing on one store.
 */
class PoolRotationTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void anIndividualsCallsToTwoCalleesShareNothingThatLinks(String store) throws Exception {
    try (HolderHarness h = new HolderHarness(store, dir)) {
      Api consumer = h.tenant("Jane");
      for (int i = 0; i < 3; i++) {
        importWithStatus(h, consumer, JourneysTest.CONSUMER, 100 + i);
      }
      Map<String, Object> pool = consumer.get("/v1/pools").list("pools").get(0);
      assertThat(pool).containsEntry("rotation", "per_call").containsEntry("available", 3L);

      String first = call(consumer, "+12025550111", "+13035550199").string("presentation");
      String second = call(consumer, "+12025550111", "+14155550123").string("presentation");
      assertUnlinkable(first, second);
      // per call: even the same callee gets another token
      String third = call(consumer, "+12025550111", "+13035550199").string("presentation");
      assertUnlinkable(first, third);

      Api.Reply empty = call(consumer, "+12025550111", "+13035550199");
      assertThat(empty.status()).isEqualTo(409);
      assertThat(empty.error()).isEqualTo("holder.pool_exhausted");
      assertThat(empty.body()).doesNotContainKey("presentation");
      assertThat(consumer.get("/v1/pools").list("pools").get(0)).containsEntry("available", 0L);
      assertThat(consumer.get("/v1/audit").list("entries")).hasSize(3);
    }
  }

  @Test
  void anOrganisationsCallsToOneAudienceMayShareAndAnotherAudienceGetsAnotherToken() throws Exception {
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      Api acme = h.tenant("Acme");
      importWithStatus(h, acme, JourneysTest.ENTERPRISE, 1);
      importWithStatus(h, acme, JourneysTest.ENTERPRISE, 2);
      assertThat(acme.get("/v1/pools").list("pools")).singleElement().satisfies(p -> assertThat(p).containsEntry("rotation", "per_audience"));

      String a1 = jwt(call(acme, "+12025550100", "+13035550199").string("presentation"));
      String a2 = jwt(call(acme, "+12025550250", "+13035550199").string("presentation"));
      assertThat(a2).as("the same audience may see the same token").isEqualTo(a1);
      String b = jwt(call(acme, "+12025550100", "+14155550123").string("presentation"));
      assertThat(b).as("another audience gets another token").isNotEqualTo(a1);
      assertThat(jwt(call(acme, "+12025550100", "+14155550123").string("presentation"))).isEqualTo(b);
      assertThat(call(acme, "+12025550100", "+16175550100").error()).isEqualTo("holder.pool_exhausted");

      // fixed: one token for everyone, by the tenant's choice
      String poolId = (String) acme.get("/v1/pools").list("pools").get(0).get("id");
      assertThat(acme.put("/v1/pools/" + poolId, Map.of("rotation", "fixed")).body()).containsEntry("rotation", "fixed");
      String fixed = jwt(call(acme, "+12025550100", "+16175550100").string("presentation"));
      assertThat(jwt(call(acme, "+12025550100", "+18005550100").string("presentation"))).isEqualTo(fixed);
      assertThat(acme.put("/v1/pools/" + poolId, Map.of("rotation", "sometimes")).error()).isEqualTo("request.bad_body");
      assertThat(acme.put("/v1/pools/" + poolId, Map.of("low_water", 20, "target", 10)).error()).isEqualTo("request.bad_body");
      assertThat(h.tenant("Other").get("/v1/pools/" + poolId).status()).isEqualTo(404);
    }
  }

  @Test
  void aPoolUpdateWithABadPolicyChangesNothing() throws Exception {
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      Api acme = h.tenant("Acme");
      importWithStatus(h, acme, JourneysTest.ENTERPRISE, 1);
      String poolId = (String) acme.get("/v1/pools").list("pools").get(0).get("id");

      Map<String, Object> update = Map.of("rotation", "fixed", "low_water", 1, "policy", Map.of("default", List.of("no_such_claim")));
      assertThat(acme.put("/v1/pools/" + poolId, update).error()).isEqualTo("request.bad_body");
      assertThat(acme.get("/v1/pools/" + poolId).body()).containsEntry("rotation", "per_audience").containsEntry("low_water", 3L);
    }
  }

  @Test
  void twoInstancesOnOneStoreNeverShowATokenTwice() throws Exception {
    try (HolderHarness h = new HolderHarness("sqlite", dir); HolderHarness twin = new HolderHarness("sqlite", dir)) {
      Api consumer = h.tenant("Jane");
      for (int i = 0; i < 5; i++) {
        importWithStatus(h, consumer, JourneysTest.CONSUMER, 200 + i);
      }
      Api viaTwin = new Api(twin.base, consumer.bearerKey(), consumer.tenantId());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          Api client = i % 2 == 0 ? consumer : viaTwin;
          String dest = "+1303555" + String.format("%04d", i);
          replies.add(pool.submit(() -> call(client, "+12025550111", dest)));
        }
        Set<String> shown = new HashSet<>();
        int refused = 0;
        for (Future<Api.Reply> f : replies) {
          Api.Reply r = f.get();
          if (r.status() == 200) {
            assertThat(shown.add(jwt(r.string("presentation")))).as("a token shown twice").isTrue();
          } else {
            assertThat(r.error()).isEqualTo("holder.pool_exhausted");
            refused++;
          }
        }
        assertThat(shown).hasSize(5);
        assertThat(refused).isEqualTo(11);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void theAuditKeepsNoCalleeInClearYetTheTenantFindsItsCallsToOne() throws Exception {
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      Api acme = h.tenant("Acme");
      importWithStatus(h, acme, JourneysTest.ENTERPRISE, 1);
      importWithStatus(h, acme, JourneysTest.ENTERPRISE, 2);
      call(acme, "+12025550100", "+13035550199");
      call(acme, "+12025550100", "+13035550199");
      call(acme, "+12025550100", "+14155550123");
      List<Map<String, Object>> toOne = acme.get("/v1/audit?audience=" + URLEncoder.encode("tel:+13035550199",
          StandardCharsets.UTF_8)).list("entries");
      assertThat(toOne).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("audience", "tel:+13035550199"));
      assertThat(acme.get("/v1/audit").list("entries")).hasSize(3);
      assertThat(h.tenant("Other").get("/v1/audit?audience=tel%3A%2B13035550199").list("entries")).isEmpty();
      assertThat(AtRestAndLimitsTest.storeFilesContain(dir, "3035550199")).as("a callee in clear in the store").isFalse();
      assertThat(AtRestAndLimitsTest.storeFilesContain(dir, "4155550123")).isFalse();
    }
  }

  static Api.Reply call(Api tenant, String orig, String dest) {
    return tenant.post("/v1/presentations/call", Map.of("orig", orig, "dest", List.of(dest), "iat", Instant.now().getEpochSecond()));
  }

  /** Imports a token with a status list reference (index {@code idx}) bound to a new key of the tenant. */
  static String importWithStatus(HolderHarness h, Api tenant, String claims, int idx) throws Exception {
    PublicJwk key = HolderHarness.newKey(tenant);
    Instant now = Instant.now();
    String token = h.issuer.issue(IdentityAttributes.fromInput(Json.parseObject(claims)), key, now, now.plusSeconds(86_400),
        new StatusReference("https://issuer.example/status-lists/1", idx));
    Api.Reply r = tenant.post("/v1/tokens", Map.of("token", token));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.string("id");
  }

  private static String jwt(String presentation) {
    return presentation.substring(0, presentation.indexOf('~'));
  }

  /** Two presentations share no issuer JWT, cnf key, status index, salt or digest. */
  @SuppressWarnings("unchecked")
  static void assertUnlinkable(String a, String b) throws Exception {
    SdJwt x = SdJwt.parse(a, Limits.DEFAULT);
    SdJwt y = SdJwt.parse(b, Limits.DEFAULT);
    assertThat(x.issuerJwt().text()).isNotEqualTo(y.issuerJwt().text());
    Map<String, Object> px = x.issuerJwt().payload();
    Map<String, Object> py = y.issuerJwt().payload();
    assertThat(px.get("cnf")).isNotEqualTo(py.get("cnf"));
    assertThat(((Map<String, Object>) ((Map<String, Object>) px.get("status")).get("status_list")).get("idx"))
        .isNotEqualTo(((Map<String, Object>) ((Map<String, Object>) py.get("status")).get("status_list")).get("idx"));
    Set<String> seen = new HashSet<>();
    for (SdJwt t : List.of(x, y)) {
      Set<String> own = new HashSet<>();
      for (Disclosure d : t.disclosures()) {
        own.add(d.digest());
        own.add(String.valueOf(((List<?>) Json.parse(Base64Url.decode(d.encoded(), "d"))).get(0))); // the salt
      }
      own.addAll((List<String>) t.issuerJwt().payload().get("_sd"));
      for (String v : own) {
        assertThat(seen.add(v)).as("shared salt or digest " + v).isTrue();
      }
    }
  }
}

package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.server.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status list as the server publishes it, after one revocation and one suspension: checked here with
 * our decoder, and written to target/interop/status-list.json so that interop/interop.mjs decodes the
 * same token with @sd-jwt/jwt-status-list 0.19.0 and expects the same statuses.
 */
class StatusListExportTest {
  @TempDir
  Path dir;

  private static HttpResponse<String> get(String uri, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePublishedListCarriesTheStatusesSetAndIsExportedForThePeer() throws Exception {
    try (IssuerHarness h = new IssuerHarness("sqlite", dir, Duration.ofSeconds(300))) {
      Api acme = h.register(IssuerHarness.ACME);
      h.vet(acme);
      String nonce = h.nonce(acme);
      List<SigningKey> holders = List.of(IssuerHarness.newHolderKey(), IssuerHarness.newHolderKey(), IssuerHarness.newHolderKey());
      List<Map<String, Object>> tokens = expect(acme.post("/v1/entities/" + acme.tenantId() + "/tokens",
          Map.of("proofs", holders.stream().map(k -> h.proof(k, nonce)).toList())), 201).list("tokens");
      String revoked = (String) tokens.get(0).get("id");
      String suspended = (String) tokens.get(1).get("id");
      expect(h.operator.post("/v1/tokens/" + revoked + "/revoke", Map.of("reason", "key_compromise")), 200);
      expect(h.operator.post("/v1/tokens/" + suspended + "/suspend", Map.of("reason", "holder_request")), 200);

      Map<String, Object> expected = new LinkedHashMap<>();
      String uri = null;
      int i = 0;
      for (Map<String, Object> t : tokens) {
        Map<String, Object> ref = (Map<String, Object>) expect(acme.get("/v1/tokens/" + t.get("id")), 200).body().get("status_list");
        uri = (String) ref.get("uri");
        expected.put(String.valueOf(ref.get("idx")), i == 0 ? 1 : i == 1 ? 2 : 0);
        i++;
      }
      HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
          .header("Accept", "application/statuslist+jwt").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().allValues("Content-Type")).as("draft-ietf-oauth-status-list §8.1: no parameters")
          .containsExactly("application/statuslist+jwt");
      assertThat(get(uri, null).statusCode()).as("no Accept").isEqualTo(200);
      assertThat(get(uri, "application/jwt, */*;q=0.1").statusCode()).isEqualTo(200);
      assertThat(get(uri, "application/statuslist+cwt, application/statuslist+jwt;q=0.5").statusCode()).isEqualTo(200);
      HttpResponse<String> cwt = get(uri, "application/statuslist+cwt");
      assertThat(cwt.statusCode()).isEqualTo(406);
      assertThat(cwt.body()).contains("request.not_acceptable");
      assertThat(get(uri, "application/statuslist+jwt;q=0, */*").statusCode()).isEqualTo(406);
      HttpResponse<String> history = get(uri + "?time=1700000000", "application/statuslist+jwt");
      assertThat(history.statusCode()).as("§8.4: a server without history answers 501").isEqualTo(501);
      assertThat(history.body()).contains("request.not_implemented");
      TrustedKeys keys = TrustedKeys.parse(expect(h.operator.get("/jwks.json"), 200).raw().body());
      StatusListToken.Verified v = StatusListToken.verify(served.body(), uri, keys, Instant.now(), Duration.ofSeconds(60));
      for (Map.Entry<String, Object> e : expected.entrySet()) {
        assertThat(v.list().get(Long.parseLong(e.getKey()))).as("index " + e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(v.list().size()).isEqualTo(1 << 14);
      assertThat(v.ttl()).isEqualTo(Duration.ofSeconds(300));

      Path out = Path.of("target", "interop", "status-list.json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, Json.write(Map.of("uri", uri, "token", served.body(), "expect", expected)));
    }
  }
}

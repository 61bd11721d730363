package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same calls through {@code POST /stir/v1/verification} (ATIS-1000082 shape). */
class StirRestTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static VerifierServer server;

  @BeforeAll
  static void start() {
    server = VerifierServer.start(new VerifierConfig("127.0.0.1", 0, TrustedKeys.of(Fixtures.issuerKey().publicJwk()), null,
        Clock.systemUTC(), null, StirVerifierTest.verifier()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void verdictsComeBackAsVerificationResponses() throws Exception {
    StirCalls.Call good = new StirCalls.Call();
    Map<String, Object> passed = post(request("+" + good.orig, good.dest.get(0), good.identity()));
    assertThat(passed).containsEntry("verstat", "TN-Validation-Passed");
    assertThat((Map<String, Object>) passed.get("vesper")).containsEntry("rcd", Map.of("nam", "Acme Widgets Inc."));

    StirCalls.Call stale = new StirCalls.Call();
    stale.iat = Instant.now().getEpochSecond() - 300;
    assertThat(post(request("+" + stale.orig, stale.dest.get(0), stale.identity())))
        .containsEntry("verstat", "TN-Validation-Failed").containsEntry("reasoncode", 403L).containsEntry("reasontext", "Stale Date")
        .containsEntry("error", "stir.stale");

    StirCalls.Call revoked = new StirCalls.Call();
    revoked.tokenStatusIndex = 9;
    assertThat(post(request("+" + revoked.orig, revoked.dest.get(0), revoked.identity())))
        .containsEntry("reasoncode", 438L).containsEntry("error", "status.revoked");

    Map<String, Object> noIdentity = Map.of("verificationRequest", Map.of("from", Map.of("tn", "+12025550100"),
        "to", Map.of("tn", List.of("+14155550123")), "time", Instant.now().getEpochSecond()));
    assertThat(post(noIdentity)).containsEntry("verstat", "No-TN-Validation").containsEntry("reasoncode", 428L);

    HttpResponse<String> malformed = send(Map.of("verificationRequest", Map.of("from", Map.of("tn", "not a number"))));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("request.bad_body");
  }

  @Test
  void everyCaseGetsItsVerdictOverRest() throws Exception {
    List<StirCases.Case> cases = StirCases.all();
    Map<StirCalls.Call, String> signed = StirCases.sign(cases);
    for (StirCases.Case c : cases) {
      Map<String, Object> r = post(request("+" + c.call().orig, c.call().dest.get(0), signed.get(c.call())));
      assertThat(r.get("verstat")).as(c.name()).isEqualTo(c.verstat());
      assertThat(r.get("reasoncode") == null ? null : r.get("reasoncode").toString()).as(c.name() + " cause").isEqualTo(c.cause());
      Object error = r.containsKey("cause") ? r.get("cause") : r.get("error");
      assertThat(error).as(c.name() + " error").isEqualTo(c.error());
      assertThat(r.get("tolerated")).as(c.name() + " tolerated")
          .isEqualTo(c.call().signedOrig != null ? List.of("orig.tn.canonicalized") : null);
    }
  }

  private static Map<String, Object> request(String from, String to, String identity) {
    return Map.of("verificationRequest", Map.of("from", Map.of("tn", from), "to", Map.of("tn", List.of(to)),
        "time", Instant.now().getEpochSecond(), "identity", identity));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> post(Map<String, Object> body) throws Exception {
    HttpResponse<String> r = send(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return (Map<String, Object>) Json.parseObject(r.body()).get("verificationResponse");
  }

  private static HttpResponse<String> send(Object body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stir/v1/verification"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

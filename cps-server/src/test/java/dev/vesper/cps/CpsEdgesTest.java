package dev.vesper.cps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.stir.CpsToken;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.server.testing.AccessSweep;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.BadValues;
import dev.vesper.server.testing.OpenApiContract;
import dev.vesper.server.testing.RawHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CPS at its edges, like every other service: its OpenAPI document is true, no bad value gets a 5xx,
 * /metrics opens only to the operator key whatever the path's spelling, and a publish body is strict JSON
 * (application/json, no other member, no null).
 */
class CpsEdgesTest {
  private static final String OPERATOR_KEY = "cps-operator-key-0123456789";
  private static final TelephoneNumber ORIG = CpsServerTest.ORIG;
  private static final TelephoneNumber DEST = CpsServerTest.DEST;

  private final CpsServer server = CpsServer.start(new CpsConfig("127.0.0.1", 0, "cps.example",
      StiCredentials.trusting(List.of(CpsServerTest.PKI.root()), SpcDirectory.none()), CpsConfig.DEFAULT_RETENTION, 100, 200,
      Clock.systemUTC(), OPERATOR_KEY));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theOpenApiDocumentMatchesTheRoutes() throws Exception {
    OpenApiContract.assertMatches(new Api("http://127.0.0.1:" + server.port(), null),
        Path.of("src/main/java/dev/vesper/cps/CpsRoutes.java"));
  }

  @Test
  void noRouteAnswersAServerErrorToABadValue() throws Exception {
    Map<String, Object> body = Map.of("passports", List.of(passport()));
    String path = "/passports/" + DEST.digits() + "/" + ORIG.digits();
    List<BadValues.Route> routes = List.of(
        new BadValues.Route("GET", "/health", "/health", null, null),
        new BadValues.Route("POST", "/passports/{dest}/{orig}", path, token(CpsToken.Action.PUBLISH, body), Json.write(body)),
        new BadValues.Route("GET", "/passports/{dest}/{orig}", path, token(CpsToken.Action.RETRIEVE, null), null));
    String doc = RawHttp.send(server.port(), "GET", "/openapi.json", null, null).text();
    int sent = BadValues.assertNoServerErrors(server.port(), Json.parseObject(doc.substring(doc.indexOf("\r\n\r\n") + 4)), routes);
    assertThat(sent).isGreaterThan(30);
  }

  @Test
  void metricsOpenOnlyToTheOperatorKey() {
    AccessSweep.assertRefused(server.port(), List.of(new AccessSweep.Route("GET", "/metrics", null),
        new AccessSweep.Route("HEAD", "/metrics", null)), null, "not-the-key", token(CpsToken.Action.RETRIEVE, null));
    assertThat(RawHttp.send(server.port(), "GET", "/metrics", OPERATOR_KEY, null).status()).isEqualTo(200);
  }

  @Test
  void aPublishIsStrictJson() {
    Map<String, Object> body = Map.of("passports", List.of(passport()));
    String path = "/passports/" + DEST.digits() + "/" + ORIG.digits();
    assertThat(RawHttp.send(server.port(), "POST", path, token(CpsToken.Action.PUBLISH, body), "text/plain", Json.write(body)).status())
        .isEqualTo(415);
    Map<String, Object> extra = new LinkedHashMap<>(body);
    extra.put("note", "x");
    assertThat(RawHttp.send(server.port(), "POST", path, token(CpsToken.Action.PUBLISH, extra), Json.write(extra)).text())
        .startsWith("HTTP/1.1 400").contains("unknown member");
    String withNull = "{\"passports\":null}";
    assertThat(RawHttp.send(server.port(), "POST", path, token(CpsToken.Action.PUBLISH, body), withNull).status()).isEqualTo(400);
    assertThat(RawHttp.send(server.port(), "POST", path, token(CpsToken.Action.PUBLISH, body), Json.write(body)).status()).isEqualTo(201);
  }

  private static String token(CpsToken.Action action, Map<String, Object> body) {
    // The originating carrier publishes, the terminating one retrieves.
    StiPki.Credential signer = action == CpsToken.Action.PUBLISH ? CpsServerTest.ORIGINATING : CpsServerTest.TERMINATING;
    return CpsToken.sign(action, ORIG, DEST, "cps.example", body, signer.key(), signer.x5c(), Instant.now(), UUID.randomUUID().toString());
  }

  private static String passport() {
    return Passport.sign(Map.of("ppt", "shaken", "x5u", "https://cert.example/c.pem"), Map.of("attest", "A", "orig", Map.of("tn", ORIG.digits()),
        "dest", Map.of("tn", List.of(DEST.digits())), "iat", Instant.now().getEpochSecond(), "origid", UUID.randomUUID().toString()),
        CpsServerTest.ORIGINATING.key());
  }
}

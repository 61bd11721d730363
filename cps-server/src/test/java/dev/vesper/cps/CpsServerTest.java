package dev.vesper.cps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.CpsToken;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Call Placement Service against its attackers: publish and retrieve with valid access tokens, and
 * every way a token or request can be wrong (none, malformed, untrusted, expired, for another CPS, another
 * action, other numbers, another body, a number its signer does not hold, spent before), stale or foreign
 * PASSporTs, and retention: a set is gone once its time is up.
 */
class CpsServerTest {
  static final StiPki PKI = StiPki.generate(new SecureRandom(), "Test");
  static final StiPki.Credential ORIGINATING = PKI.issue("Originating carrier", new TnAuthList(List.of(new TnAuthList.Range("12025550000", 10000))));
  static final StiPki.Credential TERMINATING = PKI.issue("Terminating carrier", new TnAuthList(List.of(new TnAuthList.Range("14155550000", 10000))));
  static final TelephoneNumber ORIG = new TelephoneNumber("12025550100");
  static final TelephoneNumber DEST = new TelephoneNumber("14155550123");

  private final MutableClock clock = new MutableClock(Instant.now());
  private final CpsServer server = CpsServer.start(new CpsConfig("127.0.0.1", 0, "cps.example",
      StiCredentials.trusting(List.of(PKI.root()), SpcDirectory.none()), clock));
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aPublishedCallIsRetrievedByTheTerminatingSideUntilItsRetentionEnds() throws Exception {
    Map<String, Object> body = body(passport(ORIG, DEST, clock.instant()));
    assertThat(publish(token(CpsToken.Action.PUBLISH, ORIGINATING, ORIG, DEST, body), path(DEST, ORIG), body).statusCode()).isEqualTo(201);
    HttpResponse<String> got = retrieve(token(CpsToken.Action.RETRIEVE, TERMINATING, ORIG, DEST, null), path(DEST, ORIG));
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(got.body())).isEqualTo(body);
    assertThat(got.headers().firstValue("Cache-Control")).contains("no-store");
    clock.advance(Duration.ofSeconds(61));
    assertThat(retrieve(token(CpsToken.Action.RETRIEVE, TERMINATING, ORIG, DEST, null), path(DEST, ORIG)).statusCode())
        .as("gone after iat + 60 s").isEqualTo(404);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void everyBadTokenIs401Or403() throws Exception {
    Map<String, Object> body = body(passport(ORIG, DEST, clock.instant()));
    String path = path(DEST, ORIG);
    expect(publish(null, path, body), 401, "stir.cps_token_invalid");
    expect(publish("not.a.token", path, body), 401, "stir.cps_token_invalid");
    StiPki.Credential stranger = StiPki.generate(new SecureRandom(), "Stranger").issue("Stranger", new TnAuthList(List.of(new TnAuthList.One("12025550100"))));
    expect(publish(token(CpsToken.Action.PUBLISH, stranger, ORIG, DEST, body), path, body), 401, "stir.cps_token_invalid");
    expect(publish(CpsToken.sign(CpsToken.Action.PUBLISH, ORIG, DEST, "other-cps.example", body, ORIGINATING.key(), ORIGINATING.x5c(),
        clock.instant(), UUID.randomUUID().toString()), path, body), 401, "stir.cps_token_invalid");
    expect(publish(CpsToken.sign(CpsToken.Action.PUBLISH, ORIG, DEST, "cps.example", body, ORIGINATING.key(), ORIGINATING.x5c(),
        clock.instant().minus(Duration.ofMinutes(10)), UUID.randomUUID().toString()), path, body), 401, "stir.cps_token_invalid");
    expect(publish(token(CpsToken.Action.RETRIEVE, TERMINATING, ORIG, DEST, null), path, body), 403, "stir.cps_forbidden");
    expect(publish(token(CpsToken.Action.PUBLISH, ORIGINATING, ORIG, new TelephoneNumber("14155550999"), body), path, body), 403, "stir.cps_forbidden");
    Map<String, Object> other = body(passport(ORIG, DEST, clock.instant().minusSeconds(1)));
    expect(publish(token(CpsToken.Action.PUBLISH, ORIGINATING, ORIG, DEST, other), path, body), 403, "stir.cps_forbidden");
    expect(publish(token(CpsToken.Action.PUBLISH, TERMINATING, ORIG, DEST, body), path, body), 403, "stir.cps_forbidden");
    expect(retrieve(token(CpsToken.Action.RETRIEVE, ORIGINATING, ORIG, DEST, null), path), 403, "stir.cps_forbidden");
    String once = token(CpsToken.Action.PUBLISH, ORIGINATING, ORIG, DEST, body);
    assertThat(publish(once, path, body).statusCode()).isEqualTo(201);
    expect(publish(once, path, body), 401, "stir.cps_token_invalid");
  }

  @Test
  void staleForeignOrMalformedPassportsAre400() throws Exception {
    Map<String, Object> stale = body(passport(ORIG, DEST, clock.instant().minusSeconds(120)));
    expect(publish(token(CpsToken.Action.PUBLISH, ORIGINATING, ORIG, DEST, stale), path(DEST, ORIG), stale), 400, "request.bad_body");
    Map<String, Object> foreign = body(passport(ORIG, new TelephoneNumber("14155550999"), clock.instant()));
    expect(publish(token(CpsToken.Action.PUBLISH, ORIGINATING, ORIG, DEST, foreign), path(DEST, ORIG), foreign), 400, "request.bad_body");
    Map<String, Object> junk = Map.of("passports", List.of("not-a-passport"));
    expect(publish(token(CpsToken.Action.PUBLISH, ORIGINATING, ORIG, DEST, junk), path(DEST, ORIG), junk), 422, "stir.identity_malformed");
    Map<String, Object> tooMany = Map.of("passports", Collections.nCopies(6, passport(ORIG, DEST, clock.instant())));
    expect(publish(token(CpsToken.Action.PUBLISH, ORIGINATING, ORIG, DEST, tooMany), path(DEST, ORIG), tooMany), 400, "request.bad_body");
    expect(retrieve(token(CpsToken.Action.RETRIEVE, TERMINATING, ORIG, DEST, null), "/passports/14155550123/not-a-number"), 400, "request.bad_body");
  }

  private static void expect(HttpResponse<String> r, int status, String error) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(Json.parseObject(r.body())).containsEntry("error", error);
  }

  private String token(CpsToken.Action action, StiPki.Credential signer, TelephoneNumber orig, TelephoneNumber dest, Map<String, Object> body) {
    return CpsToken.sign(action, orig, dest, "cps.example", body, signer.key(), signer.x5c(), clock.instant(), UUID.randomUUID().toString());
  }

  private static String passport(TelephoneNumber orig, TelephoneNumber dest, Instant iat) {
    return Passport.sign(Map.of("ppt", "shaken", "x5u", "https://cert.example/c.pem"), Map.of("attest", "A", "orig", Map.of("tn", orig.digits()),
        "dest", Map.of("tn", List.of(dest.digits())), "iat", iat.getEpochSecond(), "origid", UUID.randomUUID().toString()), ORIGINATING.key());
  }

  private static Map<String, Object> body(String passport) {
    return Map.of("passports", List.of(passport));
  }

  private static String path(TelephoneNumber dest, TelephoneNumber orig) {
    return "/passports/" + dest.digits() + "/" + orig.digits();
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private HttpResponse<String> publish(String token, String path, Map<String, Object> body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> retrieve(String token, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

}

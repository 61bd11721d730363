package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.RichCallData;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.server.testing.Api;
import dev.vesper.verifier.stir.StirResult;
import dev.vesper.verifier.stir.StirVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The STI-AS's two deliveries: by reference (the default) keeps the Identity header within 1,024 bytes and
 * serves the presentation at the signed URL for the call's window only; inline carries it all. Both verify
 * at the STI-VS, with the vetted name and the caller's call reason and icon as Rich Call Data (RFC 9795).
 */
class StiDeliveryTest {
  static final String INFO = "https://sti.holder.example/stir/v1/certificate";
  static final byte[] ICON = "a PNG of Acme's logo".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void byReferenceTheHeaderFitsIn1024BytesAndVerifiesLikeInline() throws Exception {
    StiPki pki = StiPki.generate(new SecureRandom(), "Test");
    StiPki.Credential carrier = pki.issue("Holder STI-AS", new TnAuthList(List.of(new TnAuthList.Range("12025550200", 100))));
    try (HolderServer server = HolderServer.start(new HolderConfig("127.0.0.1", 0, dir, null, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        HolderHarness.ADMIN_KEY, SoftwareKek.fromText(HolderHarness.KEK), 1000, 1000, Clock.systemUTC(), null,
        new StiCredential(carrier.key(), carrier.x5c(), INFO)))) {
      String base = "http://127.0.0.1:" + server.port();
      Api.Reply created = new Api(base, HolderHarness.ADMIN_KEY).post("/v1/tenants", Map.of("name", "Acme"));
      Api acme = new Api(base, created.string("api_key"));
      assertThat(acme.post("/v1/tokens", Map.of("token", new TokenFactory().issue(JourneysTest.ENTERPRISE, HolderHarness.newKey(acme))))
          .status()).isEqualTo(201);
      StirVerifier vs = StirVerifier.builder(StiCredentials.trusting(List.of(pki.root()), SpcDirectory.none()),
          TrustedKeys.of(Fixtures.issuerKey().publicJwk()))
          .fetchX5u(uri -> carrier.x5c())
          .fetchReferences((url, max) -> get(url.replace("https://sti.holder.example", base)))
          .build();
      String icon = "https://cdn.acme.example/logo.png";
      Map<String, Object> rcd = Map.of("crn", "Your table is ready", "rcd", Map.of("icn", icon),
          "rcdi", Map.of("/icn", RichCallData.integrityOf(ICON)));

      long iat = Instant.now().getEpochSecond();
      String reference = sign(acme, iat, Map.of());
      String inline = sign(acme, iat, Map.of("vesper_delivery", "inline"));
      String referenceWithRcd = sign(acme, iat, rcd);
      System.out.printf("Identity header sizes: reference %d B, reference with crn and icon %d B, inline %d B%n",
          reference.length(), referenceWithRcd.length(), inline.length());
      assertThat(reference.length()).as("by reference").isLessThanOrEqualTo(1024);
      assertThat(referenceWithRcd.length()).as("by reference, with a call reason and an icon").isLessThanOrEqualTo(1024);
      assertThat(inline.length()).isGreaterThan(1024);
      Map<String, Object> header = Json.parseObject(Base64Url.decode(reference.substring(0, reference.indexOf('.')), "header"));
      assertThat(header).containsOnlyKeys("alg", "ppt", "typ", "x5u").containsEntry("x5u", INFO);

      for (String identity : List.of(reference, inline)) {
        StirResult r = vs.verify(List.of(identity), new TelephoneNumber("12025550250"), List.of(new TelephoneNumber("14155550123")));
        assertThat(r.passed()).as(String.valueOf(r.toJson())).isTrue();
        assertThat(r.rcd()).contains(Map.of("nam", "Acme Widgets Inc."));
      }
      StirVerifier withIcon = StirVerifier.builder(StiCredentials.trusting(List.of(pki.root()), SpcDirectory.none()),
          TrustedKeys.of(Fixtures.issuerKey().publicJwk())).fetchX5u(uri -> carrier.x5c())
          .fetchReferences((url, max) -> url.equals(icon) ? ICON : get(url.replace("https://sti.holder.example", base))).build();
      StirResult rich = withIcon.verify(List.of(referenceWithRcd), new TelephoneNumber("12025550250"), List.of(new TelephoneNumber("14155550123")));
      assertThat(rich.rcd()).contains(Map.of("nam", "Acme Widgets Inc.", "icn", icon, "crn", "Your table is ready"));

      // The name is the vetted one only: a caller cannot choose it, nor sign an icon without its digest.
      assertThat(acme.post("/stir/v1/signing", request(iat, Map.of("rcd", Map.of("nam", "Bank")))).error()).isEqualTo("request.bad_body");
      assertThat(acme.post("/stir/v1/signing", request(iat, Map.of("rcd", Map.of("icn", icon)))).error()).isEqualTo("request.bad_body");
      assertThat(acme.post("/stir/v1/signing", request(iat, Map.of("vesper_delivery", "carrier-pigeon"))).error()).isEqualTo("request.bad_body");
      // Unknown references are 404; the response is never cached.
      HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/stir/v1/presentations/nope")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  @SuppressWarnings("unchecked")
  private static String sign(Api acme, long iat, Map<String, Object> extra) throws Exception {
    Api.Reply signed = acme.post("/stir/v1/signing", request(iat, extra));
    assertThat(signed.status()).as(signed.raw().body()).isEqualTo(200);
    return (String) ((Map<String, Object>) signed.body().get("signingResponse")).get("identity");
  }

  private static Map<String, Object> request(long iat, Map<String, Object> extra) {
    Map<String, Object> req = new LinkedHashMap<>(Map.of("orig", Map.of("tn", "+12025550250"),
        "dest", Map.of("tn", List.of("+14155550123")), "iat", iat, "origid", "123e4567-e89b-12d3-a456-426655440000"));
    req.putAll(extra);
    return Map.of("signingRequest", req);
  }

  private static byte[] get(String url) throws VesperException {
    try {
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "HTTP " + r.statusCode());
      }
      assertThat(r.headers().firstValue("Content-Type")).contains("application/sd-jwt");
      return r.body();
    } catch (IOException | InterruptedException e) {
      throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, e.toString());
    }
  }
}

package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.server.testing.Api;
import dev.vesper.verifier.stir.StirResult;
import dev.vesper.verifier.stir.StirVerifier;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holder as STI-AS: POST /stir/v1/signing returns an Identity header the STI-VS accepts, with only the policy's attributes. */
class StiSigningTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aSignedCallVerifiesAtTheStiVsAndDisclosesOnlyWhatThePolicyAllows() throws Exception {
    StiPki pki = StiPki.generate(new SecureRandom(), "Test");
    StiPki.Credential carrier = pki.issue("Holder STI-AS", new TnAuthList(List.of(new TnAuthList.Range("12025550200", 100))));
    try (HolderServer server = HolderServer.start(new HolderConfig("127.0.0.1", 0, dir, null, TrustedKeys.of(Fixtures.issuerKey().publicJwk()),
        HolderHarness.ADMIN_KEY, SoftwareKek.fromText(HolderHarness.KEK), 1000, 1000, Clock.systemUTC(), null,
        new StiCredential(carrier.key(), carrier.x5c(), "https://cert.holder.example/sti.pem")))) {
      String base = "http://127.0.0.1:" + server.port();
      Api.Reply created = new Api(base, HolderHarness.ADMIN_KEY).post("/v1/tenants", Map.of("name", "Acme"));
      Api acme = new Api(base, created.string("api_key"));
      String token = new TokenFactory().issue(JourneysTest.ENTERPRISE, HolderHarness.newKey(acme));
      assertThat(acme.post("/v1/tokens", Map.of("token", token)).status()).isEqualTo(201);

      long iat = Instant.now().getEpochSecond();
      Api.Reply signed = acme.post("/stir/v1/signing", Map.of("signingRequest", Map.of("orig", Map.of("tn", "+12025550250"),
          "dest", Map.of("tn", List.of("+14155550123")), "iat", iat, "origid", "123e4567-e89b-12d3-a456-426655440000", "attest", "A",
          "vesper_delivery", "inline")));
      assertThat(signed.status()).as(signed.raw().body()).isEqualTo(200);
      String identity = (String) ((Map<String, Object>) signed.body().get("signingResponse")).get("identity");
      assertThat(identity).contains(";info=<https://cert.holder.example/sti.pem>").contains(";ppt=vesper");
      List<String> both = (List<String>) ((Map<String, Object>) signed.body().get("signingResponse")).get("identities");
      assertThat(both).hasSize(2);
      assertThat(both.get(1)).contains(";ppt=shaken");

      StirVerifier vs = StirVerifier.builder(StiCredentials.trusting(List.of(pki.root()), SpcDirectory.none()),
          TrustedKeys.of(Fixtures.issuerKey().publicJwk())).build();
      // The SHAKEN PASSporT as SHAKEN networks expect it: x5u (equal to info), no x5c.
      String shakenPassport = both.get(1).substring(0, both.get(1).indexOf(';'));
      Map<String, Object> shakenHeader = Json.parseObject(Base64Url.decode(
          shakenPassport.substring(0, shakenPassport.indexOf('.')), "header"));
      assertThat(shakenHeader).containsOnlyKeys("alg", "ppt", "typ", "x5u").containsEntry("x5u", "https://cert.holder.example/sti.pem");
      assertThat(both.get(1)).contains(";info=<https://cert.holder.example/sti.pem>");
      StirVerifier shakenOnly = StirVerifier.builder(StiCredentials.trusting(List.of(pki.root()), SpcDirectory.none()),
          TrustedKeys.of(Fixtures.issuerKey().publicJwk())).fetchX5u(uri -> {
            assertThat(uri).isEqualTo("https://cert.holder.example/sti.pem");
            return carrier.x5c();
          }).build();
      StirResult shaken = shakenOnly.verify(List.of(both.get(1)), new TelephoneNumber("12025550250"), List.of(new TelephoneNumber("14155550123")));
      assertThat(shaken.passed()).as(String.valueOf(shaken.toJson())).isTrue();
      assertThat(shaken.vesper()).isEmpty();
      StirResult r = vs.verify(List.of(identity), new TelephoneNumber("12025550250"), List.of(new TelephoneNumber("14155550123")));
      assertThat(r.passed()).as(String.valueOf(r.toJson())).isTrue();
      assertThat(r.vesper()).get().satisfies(v -> {
        assertThat(v.toJson()).containsEntry("rcd", Map.of("nam", "Acme Widgets Inc."));
        assertThat(v.toJson()).doesNotContainKeys("address", "business_ids");
      });

      // A number of the tenant's token outside the STI certificate: the STI-VS refuses the call.
      Api.Reply outside = acme.post("/stir/v1/signing", Map.of("signingRequest", Map.of("orig", Map.of("tn", "+12025550100"),
          "dest", Map.of("tn", List.of("+14155550123")), "iat", iat, "vesper_delivery", "inline")));
      String identity2 = (String) ((Map<String, Object>) outside.body().get("signingResponse")).get("identity");
      assertThat(vs.verify(List.of(identity2), new TelephoneNumber("12025550100"), List.of(new TelephoneNumber("14155550123"))).error())
          .hasValue("stir.orig_not_authorized");
      // A number no token of the tenant covers: refused before anything is signed.
      Api.Reply foreign = acme.post("/stir/v1/signing", Map.of("signingRequest", Map.of("orig", Map.of("tn", "+13035550100"),
          "dest", Map.of("tn", List.of("+14155550123")), "iat", iat)));
      assertThat(foreign.error()).isEqualTo("holder.no_token_for_number");
      assertThat(acme.post("/stir/v1/signing", Map.of("signingRequest", Map.of("orig", Map.of("tn", "+12025550250"),
          "dest", Map.of("tn", List.of("+14155550123")), "iat", iat, "attest", "Z"))).error()).isEqualTo("request.bad_body");
      assertThat(new Api(base, null).post("/stir/v1/signing", Map.of()).status()).isEqualTo(401);
      // The chain the info parameter names, served as PEM: an x5u-fetching verifier gets the same certificates.
      HttpResponse<String> served = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(base + "/stir/v1/certificate")).build(),
          BodyHandlers.ofString());
      assertThat(served.headers().allValues("Content-Type")).as("ATIS-1000080").containsExactly("application/pem-certificate-chain");
      String pem = served.body();
      Collection<Certificate> certs = (Collection<Certificate>) CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      assertThat(new ArrayList<Object>(certs)).isEqualTo(new ArrayList<Object>(carrier.chain()));
    }
  }
}

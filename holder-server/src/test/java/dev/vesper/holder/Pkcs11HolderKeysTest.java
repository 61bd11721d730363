package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.CallBinding;
import dev.vesper.server.store.Pkcs11SigningKeys;
import dev.vesper.server.store.Pkcs11Token;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.SoftHsm;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holder keys generated in, and signing inside, a PKCS#11 token (SoftHSM2); the store holds a reference. */
class Pkcs11HolderKeysTest {
  @TempDir Path dir;

  @Test
  void presentationsAreSignedByATokenKeyThatNeverLeavesIt() throws Exception {
    SoftHsm.freshToken("holder-keys");
    Pkcs11SigningKeys keys = new Pkcs11SigningKeys(Pkcs11Token.login(SoftHsm.LIBRARY, 0, SoftHsm.PIN.toCharArray()));
    try (HolderServer server = HolderServer.start(new HolderConfig("127.0.0.1", 0, dir, null,
        TrustedKeys.of(Fixtures.issuerKey().publicJwk()), HolderHarness.ADMIN_KEY, SoftwareKek.fromText(HolderHarness.KEK),
        1000, 1000, Clock.systemUTC(), keys))) {
      String base = "http://127.0.0.1:" + server.port();
      Api.Reply created = new Api(base, HolderHarness.ADMIN_KEY).post("/v1/tenants", Map.of("name", "hsm"));
      Api tenant = new Api(base, created.string("api_key"));
      PublicJwk key = HolderHarness.newKey(tenant);
      String token = new TokenFactory().issue(JourneysTest.CONSUMER, key);
      assertThat(tenant.post("/v1/tokens", Map.of("token", token)).status()).isEqualTo(201);
      long iat = Instant.now().getEpochSecond();
      Api.Reply r = tenant.post("/v1/presentations/call", Map.of("orig", "+12025550111", "dest", List.of("+13035550199"), "iat", iat));
      assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
      CallBinding call = new CallBinding(new TelephoneNumber("12025550111"), List.of(new TelephoneNumber("13035550199")), iat, null);
      Map<String, Object> claims = PresentationVerifier.create().verify(r.string("presentation"),
          VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk())).expectAudience(call.audience()).expectNonce(call.nonce()).build())
          .claims();
      assertThat(claims).containsEntry("name", "Jane Roe");
    }
    String db = new String(Files.readAllBytes(dir.resolve("holder.db")), StandardCharsets.ISO_8859_1);
    assertThat(db).contains("pkcs11:hk_").doesNotContain("\"d\"");
  }
}

package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.issuer.vetting.AccountKeyFingerprint;
import dev.vesper.issuer.vetting.RfcAuthorityTokens;
import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 9448 over HTTP, on SQLite and PostgreSQL: an entity registers its ACME account key, then proves its
 * right to use with an authority token exactly as the RFC's example is built (certificate by x5u,
 * fingerprint of the account key, no sub); from then on a token bound only by sub is refused.
 */
class AccountKeyBindingTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  void anRfcShapedTokenBoundByTheAccountKeyProvesTheNumbers(String store) throws Exception {
    try (IssuerHarness h = new IssuerHarness(store, dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      String path = "/v1/entities/" + acme.tenantId();
      SigningKey account = SigningKey.generate(new SecureRandom(), null);
      expect(acme.put(path + "/account-key", Map.of("jwk", Map.of("kty", "EC", "crv", "P-256", "x", "AAAA", "y", "AAAA"))), 400);
      Map<String, Object> described = expect(acme.put(path + "/account-key", Map.of("jwk", account.publicJwk().toJson())), 200).body();
      assertThat(described).extractingByKey("account_key").asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("fingerprint", AccountKeyFingerprint.of(account.publicJwk()));

      String bySubOnly = h.authorityToken(acme.tenantId(), IssuerHarness.acmeNumbers());
      assertThat(expect(acme.post(path + "/numbers", Map.of("authority_token", bySubOnly)), 422).error())
          .as("once an account key is registered, sub alone no longer binds").isEqualTo("vetting.authority_token_invalid");
      String rfc = RfcAuthorityTokens.example(IssuerHarness.acmeNumbers(), account.publicJwk(), IssuerHarness.CERTIFIED_AUTHORITY.key());
      Map<String, Object> proven = expect(acme.post(path + "/numbers", Map.of("authority_token", rfc)), 200).body();
      assertThat((List<?>) proven.get("numbers")).allSatisfy(n -> assertThat(((Map<?, ?>) n).get("right_to_use")).isEqualTo(true));
      assertThat(expect(acme.get(path + "/events"), 200).list("events").stream().map(e -> e.get("kind")))
          .contains("account_key_registered", "rtu_validated");
    }
  }
}

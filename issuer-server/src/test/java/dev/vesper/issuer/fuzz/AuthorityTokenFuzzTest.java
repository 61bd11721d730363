package dev.vesper.issuer.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import dev.vesper.issuer.vetting.AccountKeyFingerprint;
import dev.vesper.issuer.vetting.AuthorityTokens;
import dev.vesper.issuer.vetting.RfcAuthorityTokens;
import dev.vesper.issuer.vetting.TrustedSources;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/**
 * RFC 9448 authority tokens as an entity uploads them to the issuer. Input: the token; or {@code json}
 * (signed with a trusted authority's JWK) or {@code cert} (signed with a certified authority's key) on
 * the first line, then header and payload JSON sections divided by lines holding only {@code .}. In both
 * placeholders {@code @X5C} (the authority's chain) and {@code @FP} (the account key's fingerprint) are
 * filled in. Invariants: only {@code VesperException}; an accepted token covers at least one number.
 */
class AuthorityTokenFuzzTest {
  static final String ENTITY = KycAttestationFuzzTest.ENTITY;
  private static final SigningKey KEYED = Fixtures.attackerKey();
  private static final StiPki PKI = StiPki.generate(new SecureRandom(new byte[] {7}), "Fuzz Authority");
  private static final StiPki.Credential CERTIFIED = PKI.issue("authority.example.org",
      new TnAuthList(List.of(new TnAuthList.One("12025550100"))));
  private static final PublicJwk ACCOUNT = Fixtures.holderKey().publicJwk();
  private static final AuthorityTokens TOKENS = new AuthorityTokens(trusted());
  private static final Instant NOW = Instant.now();

  @FuzzTest
  void verify(byte[] data) {
    String input = Fuzz.utf8(data);
    String jwt = input;
    if (input.startsWith("json\n") || input.startsWith("cert\n")) {
      String filled = input.substring(5)
          .replace("@X5C", Json.write(CERTIFIED.x5c()))
          .replace("@FP", AccountKeyFingerprint.of(ACCOUNT));
      jwt = KycAttestationFuzzTest.signed(filled, input.startsWith("json") ? KEYED : CERTIFIED.key());
    }
    String token = jwt;
    for (PublicJwk accountKey : new PublicJwk[] {ACCOUNT, null}) {
      Fuzz.attempt(() -> TOKENS.verify(token, ENTITY, accountKey, NOW)).ifPresent(t ->
          require(!t.numbers().isEmpty() && !t.jti().isBlank(), "an accepted token names its numbers and its jti"));
    }
  }

  private static TrustedSources trusted() {
    try {
      return TrustedSources.parse(List.of(Json.write(KEYED.publicJwk().toJson()), RfcAuthorityTokens.rootPem(PKI)))
          .withX5u(List.of(RfcAuthorityTokens.ALLOWED), RfcAuthorityTokens.fetcher(CERTIFIED));
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }
}

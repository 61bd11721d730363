package dev.vesper.issuer.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.issuer.vetting.KycAttestations;
import dev.vesper.issuer.vetting.TrustedSources;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * KYC attestations as an entity uploads them to the issuer. Input: the attestation JWT, or {@code json}
 * on the first line and then header and payload JSON sections divided by lines holding only {@code .}
 * (signed with the trusted provider's key, so the claim rules are reached). Invariants: only
 * {@code VesperException}; an accepted attestation names only vettable attributes and a known level.
 */
class KycAttestationFuzzTest {
  static final String ENTITY = "ent_fuzz";
  private static final SigningKey PROVIDER = Fixtures.attackerKey();
  private static final KycAttestations ATTESTATIONS = new KycAttestations(trusted());

  @FuzzTest
  void verify(byte[] data) {
    String input = Fuzz.utf8(data);
    String jwt = input.startsWith("json\n") ? signed(input.substring(5), PROVIDER) : input;
    Fuzz.attempt(() -> ATTESTATIONS.verify(jwt, ENTITY, Fixtures.NOW)).ifPresent(a -> {
      require(KycAttestations.VETTABLE.containsAll(a.verifiedClaims().keySet()), "only vettable attributes are attested");
      require(IdentityAttributes.KYC_LEVELS.contains(a.level()), "the level is a known one");
      require(a.expiresAt() > Fixtures.NOW.getEpochSecond() - 60, "an accepted attestation has not expired");
    });
  }

  static String signed(String input, SigningKey key) {
    List<String> parts = Fuzz.sections(input, ".");
    return Fuzz.signRaw(
        parts.get(0).getBytes(StandardCharsets.UTF_8),
        (parts.size() > 1 ? parts.get(1) : "").getBytes(StandardCharsets.UTF_8),
        key);
  }

  private static TrustedSources trusted() {
    try {
      return TrustedSources.parse(List.of(Json.write(PROVIDER.publicJwk().toJson())));
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }
}

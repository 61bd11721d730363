package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.json.Json;
import dev.vesper.core.status.StatusList;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Status list tokens (draft-ietf-oauth-status-list), as a verifier fetches them, and the {@code status}
 * claim of a token. Input: a token; {@code json} on the first line and then header and payload JSON
 * sections divided by lines holding only {@code .} (signed with the issuer key, so the claim rules and the
 * ZLIB list are reached); or {@code ref } and a {@code status} claim's JSON. Invariants: only
 * {@code VesperException}; a verified list re-encodes to an equal list; every index inside it reads.
 */
class StatusListFuzzTest {
  static final String URI = "https://issuer.example/status/1";
  private static final SigningKey SIGNER = Fixtures.issuerKey();
  private static final TrustedKeys TRUSTED = TrustedKeys.of(SIGNER.publicJwk());

  @FuzzTest
  void verify(byte[] data) {
    String input = Fuzz.utf8(data);
    if (input.startsWith("ref ")) {
      Fuzz.attempt(() -> Json.parse(input.substring(4).getBytes(StandardCharsets.UTF_8)))
          .flatMap(json -> Fuzz.attempt(() -> StatusReference.fromClaim(json)))
          .ifPresent(ref -> require(Fuzz.attempt(() -> StatusReference.fromClaim(ref.toClaim())).equals(Optional.of(ref)),
              "a status reference writes back as read"));
      return;
    }
    String token = input.startsWith("json\n") ? signed(input.substring(5)) : input;
    Fuzz.attempt(() -> StatusListToken.verify(token, URI, TRUSTED, Fixtures.NOW, Duration.ofMinutes(1))).ifPresent(v -> {
      StatusList list = v.list();
      require(Fuzz.attempt(() -> StatusList.fromJson(list.toJson())).equals(Optional.of(list)),
          "a verified list re-encodes to an equal list");
      require(list.size() > 0, "a verified list is not empty");
      require(Fuzz.attempt(() -> list.get(list.size() - 1)).isPresent(), "the last index reads");
      require(Fuzz.attempt(() -> list.get(list.size())).isEmpty(), "the index past the end is refused");
    });
  }

  private static String signed(String input) {
    List<String> parts = Fuzz.sections(input, ".");
    return Fuzz.signRaw(
        parts.get(0).getBytes(StandardCharsets.UTF_8),
        (parts.size() > 1 ? parts.get(1) : "").getBytes(StandardCharsets.UTF_8),
        SIGNER);
  }
}

package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.ClaimPath;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwtEncoder;
import dev.vesper.core.sdjwt.SdJwtIssuer;
import dev.vesper.core.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random claim trees, issued with everything disclosable (generic profile, decoys on), a random choice
 * of what to reveal: the verifier returns exactly the chosen claims, and any one-character change of
 * the presentation is refused.
 */
class RoundTripPropertiesTest {
  private static final Set<String> VISIBLE = Set.of("iss", "iat", "exp", "cnf");

  /** A top-level claim and how much of it the holder reveals. */
  record Claim(String name, Object value, int reveal) {}

  @Provide
  Arbitrary<List<Claim>> claims() {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<Object> object =
        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6), scalar)
            .ofMaxSize(4)
            .map(m -> (Object) new LinkedHashMap<>(m));
    Arbitrary<Object> array = scalar.list().ofMaxSize(4).map(l -> (Object) l);
    Arbitrary<Object> value = Arbitraries.oneOf(scalar, object, array);
    Arbitrary<Claim> claim =
        Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> "c_" + s), value, Arbitraries.integers().between(0, 2))
            .as(Claim::new);
    return claim.list().ofMinSize(1).ofMaxSize(6).uniqueElements(Claim::name);
  }

  @Property(tries = 60)
  void verifierReturnsExactlyWhatWasPresented(@ForAll("claims") List<Claim> claims, @ForAll @IntRange(min = 0, max = 1000) int seed)
      throws Exception {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("iss", "https://issuer.example");
    tree.put("iat", Fixtures.NOW.getEpochSecond());
    tree.put("exp", Fixtures.NOW.getEpochSecond() + 3600);
    tree.put("cnf", Map.of("jwk", Fixtures.holderKey().publicJwk().withoutKid().toJson()));
    claims.forEach(c -> tree.put(c.name(), c.value()));
    String issued =
        SdJwtIssuer.issue(Map.of("typ", "example+sd-jwt"), tree, VISIBLE, SdJwtEncoder.withDecoys(Fixtures.randomness(seed)), Fixtures.issuerKey());

    HolderToken holder = HolderToken.fromTrustedStore(issued, Limits.DEFAULT);
    Set<Disclosure> chosen = new LinkedHashSet<>();
    Map<String, Object> expected = new LinkedHashMap<>();
    for (String v : VISIBLE) {
      expected.put(v, tree.get(v));
    }
    for (Claim c : claims) {
      if (c.reveal() == 0) {
        continue;
      }
      if (c.reveal() == 2 && c.value() instanceof Map<?, ?> m && !m.isEmpty()) {
        // Only the first member of the object.
        String first = (String) m.keySet().iterator().next();
        chosen.addAll(holder.disclosuresFor(ClaimPath.of(c.name(), first)));
        expected.put(c.name(), Map.of(first, m.get(first)));
      } else if (c.reveal() == 2 && c.value() instanceof List<?> l && !l.isEmpty()) {
        // Only the last element of the array.
        chosen.addAll(holder.disclosuresFor(ClaimPath.of(c.name(), l.size() - 1)));
        expected.put(c.name(), List.of(l.get(l.size() - 1)));
      } else {
        chosen.addAll(holder.disclosuresFor(ClaimPath.of(c.name())));
        expected.put(c.name(), c.value());
      }
    }
    String presentation =
        holder.present(chosen, Fixtures.holderKey(), new KeyBindingRequest(Forge.AUD, Forge.NONCE, Fixtures.NOW.getEpochSecond()));
    VerifiedPresentation verified = PresentationVerifier.create().verify(presentation, policy());
    assertThat(normalise(verified.claims())).isEqualTo(normalise(expected));
  }

  @Property(tries = 150)
  void anyChangedCharacterIsRefused(@ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 0, max = 65) int replacement)
      throws Exception {
    String presentation = Forge.build(Map.of());
    int i = position % presentation.length();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    char c = alphabet.charAt(replacement % alphabet.length());
    if (presentation.charAt(i) == c) {
      c = c == 'A' ? 'B' : 'A';
    }
    String damaged = presentation.substring(0, i) + c + presentation.substring(i + 1);
    try {
      PresentationVerifier.create().verify(damaged, policy());
      fail("accepted a presentation changed at " + i);
    } catch (VesperException expected) {
      assertThat(expected.code()).isNotNull();
    }
  }

  private static VerificationPolicy policy() {
    return VerificationPolicy.builder(TrustedKeys.of(Fixtures.issuerKey().publicJwk()))
        .profile(Profile.GENERIC)
        .expectAudience(Forge.AUD)
        .expectNonce(Forge.NONCE)
        .clock(Fixtures.clock())
        .build();
  }

  /** JSON equality: compare through the canonical serialisation. */
  private static String normalise(Map<String, Object> claims) {
    return Json.writeCanonical(claims);
  }

}

package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.sdjwt.DisclosedClaim;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.sdjwt.Steps;
import dev.vesper.core.sdjwt.TokenRules;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import dev.vesper.core.testing.FuzzSdJwt;
import dev.vesper.core.token.VesperProfile;
import java.util.Objects;
import java.util.Set;

/**
 * SD-JWT split, disclosures and RFC 9901 §7.1 processing, and the holder's import and presentation of
 * an issued token (input format: {@link FuzzSdJwt}). Invariants: the parts reassemble to the received
 * text; a disclosure rebuilt from its parts reads back the same; and every presentation the holder
 * builds from a token it accepted is one that processing accepts.
 */
class SdJwtFuzzTest {
  private static final SigningKey HOLDER = Fixtures.holderKey();
  private static final Limits LIMITS = new Limits(64 * 1024, 64, 16);
  private static final TokenRules GENERIC = TokenRules.generic(null, TokenRules.Expiry.OPTIONAL);

  @FuzzTest
  void splitAndProcess(byte[] data) {
    String text = FuzzSdJwt.build(Fuzz.utf8(data));
    Fuzz.attempt(() -> SdJwt.parse(text, LIMITS)).ifPresent(sdJwt -> {
      StringBuilder again = new StringBuilder(sdJwt.issuerJwt().text()).append('~');
      for (Disclosure d : sdJwt.disclosures()) {
        again.append(d.encoded()).append('~');
        Disclosure rebuilt = d.isArrayElement() ? Disclosure.ofElement(d.salt(), d.value()) : Disclosure.ofProperty(d.salt(), d.name(), d.value());
        Disclosure reread = Fuzz.attempt(() -> Disclosure.parse(rebuilt.encoded()))
            .orElseThrow(() -> new AssertionError("a rebuilt disclosure does not parse"));
        require(reread.salt().equals(d.salt()) && Objects.equals(reread.name(), d.name())
            && Fuzz.sameJson(reread.value(), d.value()), "a disclosure rebuilt from its parts reads back the same");
      }
      require(sdJwt.sdHashInput().equals(again.toString()), "the sd_hash input is the issuer JWT and disclosures as received");
      sdJwt.keyBindingJwt().ifPresent(kb -> again.append(kb.text()));
      require(again.toString().equals(text), "the parts reassemble to the received text");
      if (sdJwt.keyBindingJwt().isPresent()) {
        Fuzz.attempt(() -> Steps.process(sdJwt, LIMITS, VesperProfile.RULES))
            .ifPresent(processed -> {
              Fuzz.passes(() -> Steps.validity(processed, Fixtures.NOW.getEpochSecond(), 60));
              Fuzz.passes(() -> Steps.claimCheck(VesperProfile.RULES, sdJwt, processed));
            });
      } else {
        Fuzz.attempt(() -> HolderToken.fromTrustedStore(text, LIMITS)).ifPresent(SdJwtFuzzTest::presentEachClaim);
      }
    });
  }

  /** Each disclosed claim, presented alone, must give a presentation that processes cleanly. */
  private static void presentEachClaim(HolderToken token) {
    if (!Fuzz.attempt(token::holderKey).map(k -> k.sameKeyAs(HOLDER.publicJwk())).orElse(false)) {
      return;
    }
    KeyBindingRequest binding = new KeyBindingRequest("aud", "nonce", Fixtures.NOW.getEpochSecond());
    for (DisclosedClaim claim : token.disclosed()) {
      Set<Disclosure> selected = Fuzz.attempt(() -> token.disclosuresFor(claim.path())).orElseThrow(
          () -> new AssertionError("a disclosed claim cannot be selected: " + claim.path()));
      String presentation = Fuzz.attempt(() -> token.present(selected, HOLDER, binding))
          .orElseThrow(() -> new AssertionError("the holder cannot present " + claim.path()));
      require(Fuzz.attempt(() -> {
        SdJwt presented = SdJwt.parse(presentation, LIMITS);
        return Steps.process(presented, LIMITS, GENERIC);
      }).isPresent(), "a presentation of " + claim.path() + " processes cleanly");
    }
  }
}

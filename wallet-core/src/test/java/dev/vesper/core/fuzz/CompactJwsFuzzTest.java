package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.sdjwt.Steps;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Compact JWS, as the issuer JWT and the KB-JWT of every presentation arrive (network-facing): the parse
 * keeps the received text, the signing input is its prefix, and the header and key-binding checks refuse
 * only with {@code VesperException}. Input: the JWS text, or {@code json} on the first line and then
 * header, payload and signature sections divided by lines holding only {@code .} (the builder encodes
 * them, signing with the issuer key when the signature section is empty).
 */
class CompactJwsFuzzTest {
  private static final SigningKey SIGNER = Fixtures.issuerKey();
  private static final TrustedKeys ISSUER = TrustedKeys.of(SIGNER.publicJwk());
  private static final PublicJwk HOLDER = Fixtures.holderKey().publicJwk();

  @FuzzTest
  void parse(byte[] data) {
    String text = jws(Fuzz.utf8(data));
    Fuzz.attempt(() -> CompactJws.parse(text, "fuzzed JWS")).ifPresent(jws -> {
      require(jws.text().equals(text), "the received text is kept");
      String input = new String(jws.signingInput(), StandardCharsets.US_ASCII);
      require(text.equals(input + "." + Base64Url.encode(jws.signature())), "signing input and signature make up the text");
      Fuzz.passes(() -> Steps.checkIssuerHeader(jws, "dc+sd-jwt"));
      Fuzz.attempt(() -> Steps.selectIssuerKey(jws, ISSUER)).ifPresent(key -> Fuzz.passes(() -> Steps.checkIssuerSignature(jws, key)));
      Fuzz.passes(() -> Steps.verifyKeyBinding(jws, HOLDER, "a~",
          "aud", "nonce", Fixtures.NOW.getEpochSecond(), Duration.ofMinutes(5), Duration.ofMinutes(1)));
    });
  }

  private static String jws(String input) {
    if (!input.startsWith("json\n")) {
      return input;
    }
    List<String> parts = Fuzz.sections(input.substring(5), ".");
    byte[] header = parts.get(0).getBytes(StandardCharsets.UTF_8);
    byte[] payload = (parts.size() > 1 ? parts.get(1) : "").getBytes(StandardCharsets.UTF_8);
    String signed = Fuzz.signRaw(header, payload, SIGNER);
    if (parts.size() > 2 && !parts.get(2).isEmpty()) {
      return signed.substring(0, signed.lastIndexOf('.') + 1) + parts.get(2);
    }
    return signed;
  }
}

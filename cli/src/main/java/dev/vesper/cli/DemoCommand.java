package dev.vesper.cli;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.KeyBindingRequest;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.core.token.TokenIssuer;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.VerificationPolicy;
import dev.vesper.verifier.VerifiedPresentation;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Walk through VESPER end to end in memory: generate keys, issue a token to a demo enterprise,",
      "present only the verified name and the calling number for one call, verify it, and print every",
      "artefact decoded."
    },
    footer = {"", "Example:  vesper demo", "(For the whole stack with servers, run `vesper up`.)"})
final class DemoCommand implements Callable<Integer> {
  private static final String CALLING_NUMBER = "12025550142";

  @Override
  public Integer call() throws VesperException {
    PrintStream out = System.out;
    SecureRandom random = new SecureRandom();
    SigningKey issuerKey = SigningKey.generate(random, "demo-issuer-1");
    SigningKey holderKey = SigningKey.generate(random, null);
    step(out, 1, "Keys (ES256, P-256)");
    out.println("issuer public key: " + Json.write(issuerKey.publicJwk().toJson()));
    out.println("holder public key: " + Json.write(holderKey.publicJwk().toJson()));

    Map<String, Object> claims =
        Json.parseObject(
            "{\"name\":\"Acme Widgets Inc.\",\"entity_type\":\"organization\","
                + "\"address\":{\"street_address\":\"1600 Example Ave NW\",\"locality\":\"Washington\","
                + "\"region\":\"DC\",\"postal_code\":\"20500\",\"country\":\"US\"},"
                + "\"business_category\":\"retail\",\"business_ids\":{\"ein\":\"12-3456789\",\"lei\":\"5493001KJTIIGC8Y1R12\"},"
                + "\"kyc\":{\"level\":\"substantial\",\"method\":\"document_and_registry\",\"vetted_at\":1764288000},"
                + "\"tn\":[\"+1 202 555 0142\",\"+1 202 555 0143\",{\"start\":\"+12025550200\",\"count\":100}]}");
    TokenIssuer issuer =
        TokenIssuer.create(issuerKey, "https://issuer.vesper.example", Clock.systemUTC(), Randomness.from(random));
    String token = issuer.issue(IdentityAttributes.fromInput(claims), holderKey.publicJwk(), Duration.ofDays(365));
    step(out, 2, "The issuer vets Acme and issues a VESPER token (every attribute hidden behind a salted digest)");
    describe(out, SdJwt.parse(token, Limits.DEFAULT));

    String aud = "sip:verifier.terminating-carrier.example";
    String nonce = "call-" + Long.toHexString(random.nextLong());
    HolderToken holder = HolderToken.fromTrustedStore(token, Limits.DEFAULT);
    Set<Disclosure> chosen = new LinkedHashSet<>();
    for (String path : List.of("name", "tn=" + CALLING_NUMBER)) {
      chosen.addAll(ClaimSelector.parse(path).select(holder));
    }
    String presentation =
        holder.present(chosen, holderKey, new KeyBindingRequest(aud, nonce, Clock.systemUTC().instant().getEpochSecond()));
    step(out, 3, "For one call from " + CALLING_NUMBER + ", the holder presents only the name and that number");
    out.println("audience " + aud + ", nonce " + nonce);
    describe(out, SdJwt.parse(presentation, Limits.DEFAULT));

    VerificationPolicy policy =
        VerificationPolicy.builder(TrustedKeys.of(issuerKey.publicJwk()))
            .expectAudience(aud)
            .expectNonce(nonce)
            .require(ClaimSelector.parse("name"))
            .require(ClaimSelector.parse("tn=" + CALLING_NUMBER))
            .build();
    VerifiedPresentation verified = PresentationVerifier.create().verify(presentation, policy);
    step(out, 4, "The verifier checks issuer signature, digests, key binding, validity and the number");
    out.println(Json.writePretty(verified.claims()));

    step(out, 5, "The same presentation replayed to another verifier is refused");
    try {
      PresentationVerifier.create()
          .verify(
              presentation,
              VerificationPolicy.builder(TrustedKeys.of(issuerKey.publicJwk()))
                  .expectAudience("sip:someone-else.example")
                  .expectNonce(nonce)
                  .build());
      out.println("UNEXPECTED: accepted");
      return Errors.FAILED;
    } catch (VesperException e) {
      out.println("refused: " + e.code().id() + " (" + e.getMessage() + ")");
    }
    out.println();
    out.println("Done. The verifier learned the name and one number; address, IDs, KYC and the other numbers stayed hidden.");
    return 0;
  }

  private static void step(PrintStream out, int n, String title) {
    out.println();
    out.println("== " + n + ". " + title);
  }

  private static void describe(PrintStream out, SdJwt sdJwt) {
    CompactJws jwt = sdJwt.issuerJwt();
    out.println("compact form (" + sdJwt.text().length() + " characters):");
    out.println("  " + sdJwt.text());
    out.println("issuer JWT header:  " + Json.write(jwt.header()));
    out.println("issuer JWT payload: " + Json.writePretty(jwt.payload()).replace("\n", "\n  "));
    out.println("disclosures (" + sdJwt.disclosures().size() + "):");
    for (Disclosure d : sdJwt.disclosures()) {
      out.println("  " + d.digest() + "  " + (d.isArrayElement() ? "[array element]" : d.name()) + " = " + Json.write(d.value()));
    }
    sdJwt.keyBindingJwt().ifPresent(kb -> {
      out.println("KB-JWT header:  " + Json.write(kb.header()));
      out.println("KB-JWT payload: " + Json.write(kb.payload()));
    });
  }
}

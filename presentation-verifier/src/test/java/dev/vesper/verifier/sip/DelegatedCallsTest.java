package dev.vesper.verifier.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.IdentityHeader;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.CallBinding;
import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.verifier.ForgeAccess;
import dev.vesper.verifier.stir.StirResult;
import dev.vesper.verifier.stir.StirVerifier;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A contact centre's call for its client over STIR (docs/token-profile.md §6, docs/stir-profile.md): the
 * ppt=vesper PASSporT carries the client's presentation and, as {@code vesper_delegation}, the delegation
 * and the agent's presentation; the STI-VS reports the agent as {@code delegate} and the SIP 302 as
 * {@code X-Vesper-Delegate}; an expired grant fails the call.
 */
class DelegatedCallsTest {
  private static final StiPki PKI = StiPki.generate(new SecureRandom(), "Delegation test");
  private static final StiPki.Credential CARRIER = PKI.issue("Contact centre's carrier",
      new TnAuthList(List.of(new TnAuthList.Range("12025550200", 100), new TnAuthList.One("12025550100"))));
  private static final StirVerifier VERIFIER = StirVerifier.builder(StiCredentials.trusting(List.of(PKI.root()), SpcDirectory.none()),
      TrustedKeys.of(Fixtures.issuerKey().publicJwk())).build();
  private static final TelephoneNumber ORIG = new TelephoneNumber("12025550100");
  private static final TelephoneNumber DEST = new TelephoneNumber("13035550199");

  @SuppressWarnings("unchecked")
  @Test
  void theStiVsNamesTheAgentBesideTheClientAndSoDoesTheRedirect() throws Exception {
    long iat = Instant.now().getEpochSecond();
    String identity = identity(iat, Map.of(), null);
    StirResult result = VERIFIER.verify(List.of(identity), ORIG, List.of(DEST));
    assertThat(result.passed()).as(String.valueOf(result.toJson())).isTrue();
    Map<String, Object> vesper = result.vesper().orElseThrow().toJson();
    assertThat(vesper).containsEntry("rcd", Map.of("nam", "Acme Widgets Inc."));
    assertThat((Map<String, Object>) vesper.get("delegate")).containsEntry("name", "Dial Partners").containsKey("expires_at");
    assertThat((Map<String, Object>) ((Map<String, Object>) result.toJson().get("vesper")).get("delegate")).containsEntry("name", "Dial Partners");

    SipRedirectServer.Answer answer = SipVerificationServer.answer(new SipRedirectServer.Invite("sip:+13035550199@127.0.0.1;user=phone",
        "sip:+12025550100@carrier.example;user=phone", headers(List.of(identity(iat, Map.of(), null)))), VERIFIER, "127.0.0.1");
    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.headers()).contains(Map.entry("X-Vesper-Name", "\"Acme Widgets Inc.\""));
    assertThat(answer.headers()).anySatisfy(h -> {
      assertThat(h.getKey()).isEqualTo("X-Vesper-Delegate");
      assertThat(h.getValue()).matches("\"Dial Partners\";expires=[0-9]+");
    });
  }

  @Test
  void anEndedGrantOrAMalformedClaimFailsTheCall() throws Exception {
    long iat = Instant.now().getEpochSecond();
    StirResult expired = VERIFIER.verify(List.of(identity(iat, Map.of("claims", Map.of("exp", iat - 600)), null)), ORIG, List.of(DEST));
    assertThat(expired.passed()).isFalse();
    assertThat(expired.cause()).contains("delegation.expired");
    StirResult malformed = VERIFIER.verify(List.of(identity(iat, Map.of(), "not an object")), ORIG, List.of(DEST));
    assertThat(malformed.passed()).isFalse();
    assertThat(malformed.error()).contains("stir.identity_malformed");
    SipRedirectServer.Answer answer = SipVerificationServer.answer(new SipRedirectServer.Invite("sip:+13035550199@127.0.0.1;user=phone",
        "sip:+12025550100@carrier.example;user=phone", headers(List.of(identity(iat, Map.of("claims", Map.of("exp", iat - 600)), null)))),
        VERIFIER, "127.0.0.1");
    assertThat(answer.headers()).contains(Map.entry("X-Vesper-Error", "delegation.expired"));
    assertThat(answer.headers()).noneSatisfy(h -> assertThat(h.getKey()).isEqualTo("X-Vesper-Delegate"));
  }

  /** An Identity header for the call from ORIG to DEST at {@code iat}: the delegated call of {@code recipe}, or {@code claim} as-is. */
  private static String identity(long iat, Map<String, Object> recipe, Object claim) throws Exception {
    CallBinding call = new CallBinding(ORIG, List.of(DEST), iat, null);
    List<String> parts = ForgeAccess.delegatedCall(recipe, call.audience(), call.nonce(), iat);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("orig", Map.of("tn", ORIG.digits()));
    payload.put("dest", Map.of("tn", List.of(DEST.digits())));
    payload.put("iat", iat);
    payload.put("vesper", parts.get(0));
    payload.put("vesper_delegation", claim != null ? claim : Map.of("assertion", parts.get(1), "agent", parts.get(2)));
    String passport = Passport.sign(Map.of("ppt", "vesper", "x5c", CARRIER.x5c()), payload, CARRIER.key());
    return IdentityHeader.of(passport, "https://cert.carrier.example/cc.pem", "vesper").toString();
  }

  /** An INVITE's headers: only Identity, case-insensitively. */
  private static Function<String, List<String>> headers(List<String> identity) {
    return name -> name.equalsIgnoreCase("identity") ? identity : List.of();
  }
}

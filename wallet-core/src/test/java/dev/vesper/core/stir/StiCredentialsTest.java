package dev.vesper.core.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** STI certificate chains from our own test PKI: trust, validity at iat, TNAuthList coverage, delegate scope. */
class StiCredentialsTest {
  private static final StiPki PKI = StiPki.generate(new SecureRandom(), "Test");
  private static final TnAuthList ACME = new TnAuthList(List.of(new TnAuthList.One("12025550100"), new TnAuthList.Range("12025550200", 100)));

  private final StiCredentials credentials = StiCredentials.trusting(List.of(PKI.root()),
      new SpcDirectory(Map.of("1234", List.of(NumberEntry.of(rangeOf("13035550000", 1000))))));

  @Test
  void aValidChainYieldsTheSignerAndItsNumbers() throws Exception {
    StiPki.Credential acme = PKI.issue("Acme", ACME);
    StiCredentials.Signer signer = credentials.verify(acme.x5c(), Instant.now());
    assertThat(signer.key().sameKeyAs(acme.key().publicJwk())).isTrue();
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("12025550100"))).isTrue();
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("12025550299"))).isTrue();
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("12025550300"))).isFalse();
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("12025550101"))).isFalse();
  }

  @Test
  void anSpcCoversWhatTheDirectorySays() throws Exception {
    StiPki.Credential carrier = PKI.issue("Carrier", new TnAuthList(List.of(new TnAuthList.Spc("1234"))));
    StiCredentials.Signer signer = credentials.verify(carrier.x5c(), Instant.now());
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("13035550142"))).isTrue();
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("14155550142"))).isFalse();
    StiCredentials noDirectory = StiCredentials.trusting(List.of(PKI.root()), SpcDirectory.none());
    assertThat(noDirectory.covers(signer.numbers(), new TelephoneNumber("13035550142"))).isFalse();
  }

  @Test
  void untrustedExpiredOrNumberlessChainsAreRefused() {
    StiPki other = StiPki.generate(new SecureRandom(), "Other");
    assertRefused(other.issue("Mallory", ACME).x5c(), Instant.now(), ErrorCode.STIR_UNSUPPORTED_CREDENTIAL);
    Instant now = Instant.now();
    StiPki.Credential expired = PKI.issue("Acme", ACME, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    assertRefused(expired.x5c(), now, ErrorCode.STIR_UNSUPPORTED_CREDENTIAL);
    assertRefused(PKI.issue("Acme", ACME).x5c(), now.plus(Duration.ofDays(400)), ErrorCode.STIR_UNSUPPORTED_CREDENTIAL);
    assertRefused(List.of(), now, ErrorCode.STIR_BAD_IDENTITY_INFO);
    assertRefused(List.of("!!not base64!!"), now, ErrorCode.STIR_IDENTITY_MALFORMED);
  }

  @Test
  void delegateCertificatesMustStayWithinTheirIssuersNumbers() throws Exception {
    StiPki.Credential acmeCa = PKI.issueDelegatingCa("Acme (delegating)", ACME);
    StiPki.Credential inside = PKI.delegate(acmeCa, "Acme sales", new TnAuthList(List.of(new TnAuthList.Range("12025550210", 10))));
    StiCredentials.Signer signer = credentials.verify(inside.x5c(), Instant.now());
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("12025550215"))).isTrue();
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("12025550100"))).as("the delegate's own scope only").isFalse();

    StiPki.Credential outside = PKI.delegate(acmeCa, "Mallory", new TnAuthList(List.of(new TnAuthList.One("14155550123"))));
    assertRefused(outside.x5c(), Instant.now(), ErrorCode.STIR_UNSUPPORTED_CREDENTIAL);
  }

  private void assertRefused(List<String> x5c, Instant at, ErrorCode code) {
    assertThatThrownBy(() -> credentials.verify(x5c, at)).isInstanceOf(VesperException.class)
        .extracting(e -> ((VesperException) e).code()).isEqualTo(code);
  }

  private static NumberRange rangeOf(String start, long count) {
    try {
      return NumberRange.of(start, count);
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }
}

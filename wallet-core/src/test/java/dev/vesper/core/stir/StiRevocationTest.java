package dev.vesper.core.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TnAuthList;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * CRL checking of STI chains (ATIS-1000080): a certificate its CA's current CRL lists is refused with
 * stir.certificate_revoked (437), as is one whose CRL is stale, forged, issued by another CA or cannot be
 * had (fail closed); certificates without a distribution point are not checked; a chain validated before is
 * still checked against the CRL of the moment.
 */
class StiRevocationTest {
  private static final String CRL_URL = "https://crl.sti-pa.example/sti-ca.crl";
  private static final StiPki PKI = StiPki.generate(new SecureRandom(), "Test").withCrlDistributionPoint(CRL_URL);
  private static final TnAuthList ACME = new TnAuthList(List.of(new TnAuthList.One("12025550100")));

  private final Instant now = Instant.now();
  private final StiPki.Credential good = PKI.issue("Good", ACME);
  private final StiPki.Credential revoked = PKI.issue("Revoked", ACME);
  private final AtomicReference<X509CRL> published = new AtomicReference<>(
      PKI.crl(List.of(revoked.chain().get(0)), now.minusSeconds(60), now.plus(Duration.ofDays(1))));
  private final StiCredentials credentials = StiCredentials.trusting(List.of(PKI.root()), SpcDirectory.none())
      .checkingRevocation(url -> {
        assertThat(url).isEqualTo(CRL_URL);
        return published.get();
      });

  @Test
  void aCertificateOnItsCasCrlIsRefused437() throws Exception {
    assertThat(credentials.verify(good.x5c(), now).certificate()).isEqualTo(good.chain().get(0));
    assertThatThrownBy(() -> credentials.verify(revoked.x5c(), now))
        .isInstanceOfSatisfying(VesperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STIR_CERTIFICATE_REVOKED))
        .hasMessageContaining("revoked");
  }

  @Test
  void aChainValidatedBeforeIsCheckedAgainstTheCrlOfTheMoment() throws Exception {
    credentials.verify(good.x5c(), now);
    published.set(PKI.crl(List.of(good.chain().get(0)), now.minusSeconds(1), now.plus(Duration.ofDays(1))));
    assertThatThrownBy(() -> credentials.verify(good.x5c(), now)).hasMessageContaining("revoked");
  }

  @Test
  void aStaleForgedOrForeignCrlOrNoneAtAllFailsClosed() {
    published.set(PKI.crl(List.of(), now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))));
    expectRevoked(good, "nextUpdate");
    StiPki other = StiPki.generate(new SecureRandom(), "Other");
    published.set(other.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(1))));
    expectRevoked(good, "issuer");
    StiCredentials unreachable = StiCredentials.trusting(List.of(PKI.root()), SpcDirectory.none()).checkingRevocation(url -> {
      throw new VesperException(ErrorCode.STIR_CERTIFICATE_REVOKED, "no current CRL from " + url);
    });
    assertThatThrownBy(() -> unreachable.verify(good.x5c(), now))
        .isInstanceOfSatisfying(VesperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STIR_CERTIFICATE_REVOKED));
  }

  @Test
  void certificatesWithoutADistributionPointAreNotChecked() throws Exception {
    StiPki plain = StiPki.generate(new SecureRandom(), "Plain");
    StiCredentials c = StiCredentials.trusting(List.of(plain.root()), SpcDirectory.none()).checkingRevocation(url -> {
      throw new AssertionError("no CRL should be asked for");
    });
    assertThat(c.verify(plain.issue("No CDP", ACME).x5c(), now)).isNotNull();
    assertThat(Revocation.distributionPoints(good.chain().get(0))).containsExactly(CRL_URL);
  }

  private void expectRevoked(StiPki.Credential credential, String why) {
    assertThatThrownBy(() -> credentials.verify(credential.x5c(), now))
        .isInstanceOfSatisfying(VesperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STIR_CERTIFICATE_REVOKED))
        .hasMessageContaining(why);
  }
}

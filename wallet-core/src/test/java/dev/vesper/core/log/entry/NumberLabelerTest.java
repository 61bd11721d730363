package dev.vesper.core.log.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** Number pseudonyms and holder commitments, checked against BouncyCastle's HMAC and the JDK's SHA-256. */
class NumberLabelerTest {
  private static final byte[] KEY = Entries.filled(32, 7);

  @Test
  void aLabelIsHmacSha256OfTheDocumentedInput() throws Exception {
    NumberEntry number = NumberEntry.of(new TelephoneNumber("12025550100"));
    NumberEntry range = NumberEntry.of(NumberRange.of("12025550200", 100));
    assertThat(NumberLabeler.withKey(KEY).label(number).bytes()).isEqualTo(bcHmac("vesper/tn-label/v1\0" + "12025550100"));
    assertThat(NumberLabeler.withKey(KEY).label(range).bytes()).isEqualTo(bcHmac("vesper/tn-label/v1\0" + "12025550200+100"));
  }

  @Test
  void labelsDifferAcrossNumbersAndKeys() {
    NumberLabeler a = NumberLabeler.withKey(KEY);
    NumberLabeler b = NumberLabeler.withKey(Entries.filled(32, 8));
    Set<Hash32> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      NumberEntry n = NumberEntry.of(new TelephoneNumber("1202555" + String.format("%04d", i)));
      assertThat(seen.add(a.label(n))).isTrue();
      assertThat(b.label(n)).isNotEqualTo(a.label(n));
      assertThat(a.label(n)).isEqualTo(NumberLabeler.withKey(KEY).label(n));
    }
    assertThatThrownBy(() -> NumberLabeler.withKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listedNumbersStayInClearAndPseudonymsDoNot() {
    NumberEntry n = NumberEntry.of(new TelephoneNumber("12025550100"));
    NumberLabel listed = NumberLabeler.withKey(KEY).labelFor(n, true);
    NumberLabel hidden = NumberLabeler.withKey(KEY).labelFor(n, false);
    assertThat(listed.listedEntry()).contains(n);
    assertThat(hidden.listedEntry()).isEmpty();
    assertThat(hidden.pseudonym().orElseThrow().hex()).doesNotContain("12025550100");
  }

  @Test
  void aCommitmentIsSha256OfContextNonceAndThumbprint() throws Exception {
    byte[] nonce = Entries.filled(32, 1);
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(
        concat("vesper/commit/v1\0".getBytes(StandardCharsets.US_ASCII), nonce, "thumb".getBytes(StandardCharsets.US_ASCII)));
    assertThat(NumberRightToUse.commitment(nonce, "thumb").bytes()).isEqualTo(expected);
    assertThat(NumberRightToUse.commitment(Entries.filled(32, 2), "thumb")).isNotEqualTo(NumberRightToUse.commitment(nonce, "thumb"));
    assertThatThrownBy(() -> NumberRightToUse.commitment(new byte[16], "thumb")).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bcHmac(String input) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(KEY));
    byte[] in = input.getBytes(StandardCharsets.US_ASCII);
    mac.update(in, 0, in.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}

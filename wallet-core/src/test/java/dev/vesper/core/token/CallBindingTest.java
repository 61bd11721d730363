package dev.vesper.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.phone.TelephoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call binding of docs/token-profile.md §4.1, computed independently from the documented JSON. */
class CallBindingTest {
  private static String expectedNonce(String json) {
    return Base64Url.encode(Sha256.digest(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void matchesTheDocumentedExample() {
    CallBinding call = new CallBinding(new TelephoneNumber("12025550111"), List.of(new TelephoneNumber("13035550199")), 1795824000L, null);
    assertThat(call.audience()).isEqualTo("tel:+13035550199");
    assertThat(call.nonce()).isEqualTo(expectedNonce("{\"dest\":[\"13035550199\"],\"iat\":1795824000,\"orig\":\"12025550111\"}"));
  }

  @Test
  void everyCallParameterChangesTheNonce() {
    TelephoneNumber a = new TelephoneNumber("12025550111");
    TelephoneNumber b = new TelephoneNumber("13035550199");
    TelephoneNumber c = new TelephoneNumber("14155550123");
    String base = new CallBinding(a, List.of(b), 100, "abc").nonce();
    assertThat(base).isEqualTo(expectedNonce("{\"dest\":[\"13035550199\"],\"iat\":100,\"orig\":\"12025550111\",\"origid\":\"abc\"}"));
    assertThat(new CallBinding(a, List.of(b), 101, "abc").nonce()).isNotEqualTo(base);
    assertThat(new CallBinding(c, List.of(b), 100, "abc").nonce()).isNotEqualTo(base);
    assertThat(new CallBinding(a, List.of(c), 100, "abc").nonce()).isNotEqualTo(base);
    assertThat(new CallBinding(a, List.of(b, c), 100, "abc").nonce()).isNotEqualTo(base);
    assertThat(new CallBinding(a, List.of(b), 100, null).nonce()).isNotEqualTo(base);
  }
}

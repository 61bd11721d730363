package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The STI-AS info URL (also the SHAKEN x5u): https, or plain http only on loopback for local stacks. */
class StiCredentialTest {
  private static final List<String> CHAIN = List.of("MIIB");

  @Test
  void infoIsHttpsOrLoopbackHttp() {
    for (String ok : List.of("https://cert.example/sti.pem", "http://127.0.0.1:8082/stir/v1/certificate", "http://localhost/c",
        "http://[::1]:8082/c")) {
      assertThatCode(() -> new StiCredential(Fixtures.issuerKey(), CHAIN, ok)).as(ok).doesNotThrowAnyException();
    }
    for (String bad : List.of("http://cert.example/sti.pem", "http://0.0.0.0:8082/c", "http://10.0.0.7/c", "ftp://cert.example/c",
        "https:/nohost", "https://", "not a url")) {
      assertThatThrownBy(() -> new StiCredential(Fixtures.issuerKey(), CHAIN, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}

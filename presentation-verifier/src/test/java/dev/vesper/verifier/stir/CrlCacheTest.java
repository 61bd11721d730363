package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** CRLs are fetched once, served from memory, refreshed when due, and the last good copy outlives a failed refresh until its nextUpdate. */
class CrlCacheTest {
  private static final String URL = "https://crl.sti-pa.example/sti-ca.crl";
  private final StiPki pki = StiPki.generate(new SecureRandom(), "Test");
  private final MutableClock clock = new MutableClock(Instant.now());
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<byte[]> served = new AtomicReference<>();

  private final CrlCache cache = new CrlCache((url, max) -> {
    fetches.incrementAndGet();
    byte[] b = served.get();
    if (b == null) {
      throw new VesperException(ErrorCode.FETCH_FAILED, "the CRL could not be fetched");
    }
    return b;
  }, clock);

  @Test
  void fetchedOnceThenFromMemoryAndRefreshedWhenDue() throws Exception {
    served.set(pki.crl(List.of(), clock.instant(), clock.instant().plus(Duration.ofHours(6))).getEncoded());
    cache.crl(URL);
    cache.crl(URL);
    assertThat(fetches).hasValue(1);
    clock.advance(CrlCache.REFRESH.plusSeconds(1));
    cache.refresh();
    assertThat(fetches).hasValue(2);
    assertThat(cache.held()).containsOnlyKeys(URL);
  }

  @Test
  void aFailedRefreshKeepsTheLastGoodCopyUntilItsNextUpdateThenFailsClosed() throws Exception {
    served.set(pki.crl(List.of(), clock.instant(), clock.instant().plus(Duration.ofHours(1))).getEncoded());
    cache.crl(URL);
    served.set(null);
    clock.advance(CrlCache.REFRESH.plusSeconds(1));
    cache.refresh();
    assertThat(cache.crl(URL)).as("the last good copy").isNotNull();
    clock.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> cache.crl(URL))
        .isInstanceOfSatisfying(VesperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STIR_CERTIFICATE_REVOKED));
  }

  @Test
  void bytesThatAreNotACrlAreNoCrl() {
    served.set("<html>maintenance</html>".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> cache.crl(URL)).hasMessageContaining("not a CRL");
  }
}

package dev.vesper.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.Check;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.status.Status;
import dev.vesper.core.status.StatusList;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.core.status.StatusReference;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The verifier's status cache: ttl from the fetch, refetch after it, fail closed, the named grace. */
class StatusCachingTest {
  private static final String URI = "https://issuer.example/status-lists/9";
  private static final TrustedKeys TRUSTED = TrustedKeys.of(Fixtures.issuerKey().publicJwk());
  private static final StatusReference REF = new StatusReference(URI, 3);

  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private final StatusList served = StatusList.allValid(2, 16);
  private final AtomicInteger fetches = new AtomicInteger();
  private boolean reachable = true;

  private String fetch(String uri) throws VesperException {
    fetches.incrementAndGet();
    if (!reachable) {
      throw new VesperException(ErrorCode.STATUS_UNAVAILABLE, "down");
    }
    Instant now = clock.instant();
    return StatusListToken.sign(StatusList.ofBytes(2, served.rawBytes()), uri, now, now.plusSeconds(3600),
        Duration.ofSeconds(10), Fixtures.issuerKey());
  }

  @Test
  void aRevocationIsSeenOnceTheTtlHasPassedAndAReinstatementLikewise() throws Exception {
    StatusLists lists = StatusLists.using(this::fetch, clock);
    lists.check(REF, TRUSTED);
    served.set(3, Status.SUSPENDED.code());
    clock.advance(Duration.ofSeconds(9));
    lists.check(REF, TRUSTED); // still within ttl: the cached list answers
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofSeconds(2));
    assertCode(() -> lists.check(REF, TRUSTED), ErrorCode.STATUS_SUSPENDED);
    assertThat(fetches).hasValue(2);
    served.set(3, Status.VALID.code());
    clock.advance(Duration.ofSeconds(11));
    lists.check(REF, TRUSTED);
    served.set(3, Status.INVALID.code());
    clock.advance(Duration.ofSeconds(11));
    assertCode(() -> lists.check(REF, TRUSTED), ErrorCode.STATUS_REVOKED);
  }

  @Test
  void anUnreachableListFailsClosedUnlessGraceWasGranted() throws Exception {
    StatusLists strict = StatusLists.using(this::fetch, clock);
    StatusLists lenient = StatusLists.using(this::fetch, clock).withGraceOnUnavailable(Duration.ofMinutes(5));
    strict.check(REF, TRUSTED);
    lenient.check(REF, TRUSTED);
    reachable = false;
    clock.advance(Duration.ofSeconds(11));
    assertCode(() -> strict.check(REF, TRUSTED), ErrorCode.STATUS_UNAVAILABLE);
    lenient.check(REF, TRUSTED);
    clock.advance(Duration.ofMinutes(5));
    assertCode(() -> lenient.check(REF, TRUSTED), ErrorCode.STATUS_UNAVAILABLE);
  }

  @Test
  void aValidStatusPassesThroughTheWholeVerifier() throws Exception {
    Map<String, Object> recipe = Fixtures.json(
        "{\"claims\": {\"status\": {\"status_list\": {\"idx\": 7, \"uri\": \"" + StatusServer.URI + "\"}}},"
            + " \"statusList\": {\"set\": {\"6\": 1, \"8\": 2}}}");
    Verification v = PresentationVerifier.create().check(Forge.build(recipe), Forge.policy(recipe));
    assertThat(v.verified()).isPresent();
    assertThat(v.checks()).contains(new Verification.CheckReport(Check.STATUS, Verification.Outcome.PASSED, null));
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOf(VesperException.class)
        .extracting(e -> ((VesperException) e).code()).isEqualTo(code);
  }
}

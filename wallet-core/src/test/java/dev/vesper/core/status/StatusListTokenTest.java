package dev.vesper.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StatusListTokenTest {
  private static final String URI = "https://issuer.example/status-lists/1";
  private static final Instant NOW = Fixtures.NOW;
  private static final TrustedKeys TRUSTED = TrustedKeys.of(Fixtures.issuerKey().publicJwk());

  private static StatusList list() {
    StatusList list = StatusList.allValid(2, 64);
    list.set(5, Status.INVALID.code());
    list.set(9, Status.SUSPENDED.code());
    return list;
  }

  @Test
  void signsAndVerifies() throws Exception {
    String token = StatusListToken.sign(list(), URI, NOW, NOW.plus(Duration.ofHours(1)), Duration.ofMinutes(5), Fixtures.issuerKey());
    StatusListToken.Verified v = StatusListToken.verify(token, URI, TRUSTED, NOW, Duration.ofSeconds(60));
    assertThat(v.list()).isEqualTo(list());
    assertThat(v.ttl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(v.issuedAt()).isEqualTo(NOW);
    CompactJws jws = CompactJws.parse(token, "t");
    assertThat(jws.header()).containsEntry("typ", "statuslist+jwt").containsEntry("alg", "ES256");
    assertThat(jws.payload()).containsEntry("sub", URI).containsKeys("iat", "exp", "ttl", "status_list");
  }

  @Test
  void refusesEveryDeviation() throws Exception {
    Map<String, Consumer<Map<String, Object>[]>> cases = new LinkedHashMap<>();
    cases.put("sub is another uri", t -> put(t, 1, "sub", "https://issuer.example/status-lists/2"));
    cases.put("typ is JWT", t -> put(t, 0, "typ", "JWT"));
    cases.put("alg is none", t -> put(t, 0, "alg", "none"));
    cases.put("expired", t -> put(t, 1, "exp", NOW.minusSeconds(3600).getEpochSecond()));
    cases.put("issued in the future", t -> put(t, 1, "iat", NOW.plusSeconds(3600).getEpochSecond()));
    cases.put("ttl zero", t -> put(t, 1, "ttl", 0L));
    cases.put("iat missing", t -> remove(t, 1, "iat"));
    cases.put("status_list missing", t -> remove(t, 1, "status_list"));
    cases.put("bits 3", t -> put(t, 1, "status_list", Map.of("bits", 3L, "lst", "eNrbuRgAAhcBXQ")));
    for (var c : cases.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object>[] parts = new Map[] {base(true), base(false)};
      c.getValue().accept(parts);
      String token = CompactJws.sign(parts[0], parts[1], Fixtures.issuerKey());
      assertRefused(c.getKey(), token, TRUSTED);
    }
    String good = StatusListToken.sign(list(), URI, NOW, NOW.plusSeconds(3600), Duration.ofMinutes(5), Fixtures.issuerKey());
    assertRefused("signed by an untrusted key", good, TrustedKeys.of(Fixtures.attackerKey().publicJwk()));
    String attacker = StatusListToken.sign(list(), URI, NOW, NOW.plusSeconds(3600), Duration.ofMinutes(5), Fixtures.attackerKey());
    String forged = good.substring(0, good.lastIndexOf('.')) + attacker.substring(attacker.lastIndexOf('.'));
    assertRefused("signature by another key", forged, TRUSTED);
    assertRefused("not a JWS", "garbage", TRUSTED);
    assertRefused("oversized", "a".repeat(StatusListToken.MAX_CHARS + 1), TRUSTED);
  }

  private static Map<String, Object> base(boolean header) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (header) {
      m.put("alg", "ES256");
      m.put("typ", StatusListToken.TYP);
    } else {
      m.put("sub", URI);
      m.put("iat", NOW.getEpochSecond());
      m.put("exp", NOW.plusSeconds(3600).getEpochSecond());
      m.put("ttl", 300L);
      m.put("status_list", list().toJson());
    }
    return m;
  }

  private static void put(Map<String, Object>[] parts, int i, String k, Object v) {
    parts[i].put(k, v);
  }

  private static void remove(Map<String, Object>[] parts, int i, String k) {
    parts[i].remove(k);
  }

  private static void assertRefused(String desc, String token, TrustedKeys trusted) {
    assertThatThrownBy(() -> StatusListToken.verify(token, URI, trusted, NOW, Duration.ofSeconds(60)))
        .as(desc).isInstanceOf(VesperException.class)
        .extracting(e -> ((VesperException) e).code()).isEqualTo(ErrorCode.STATUS_LIST_INVALID);
  }
}

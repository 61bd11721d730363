package dev.vesper.verifier;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.status.StatusList;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.core.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A status list "served" from a test recipe: {@code bits}, {@code size}, {@code set} (index → code) and
 * {@code serve}, which makes the response deviate in one way ({@code ok}, {@code unreachable},
 * {@code wrong_sub}, {@code wrong_typ}, {@code attacker}, {@code expired}, {@code garbage}).
 */
final class StatusServer {
  static final String URI = "https://issuer.example/status-lists/1";

  private StatusServer() {}

  static StatusLists lists(Map<String, Object> recipe) {
    return StatusLists.using(uri -> serve(recipe, uri), Fixtures.clock());
  }

  @SuppressWarnings("unchecked")
  static String serve(Map<String, Object> recipe, String uri) throws VesperException {
    String mode = (String) recipe.getOrDefault("serve", "ok");
    if (mode.equals("unreachable")) {
      throw new VesperException(ErrorCode.STATUS_UNAVAILABLE, "connection refused");
    }
    StatusList list = StatusList.allValid(((Number) recipe.getOrDefault("bits", 2)).intValue(),
        ((Number) recipe.getOrDefault("size", 64)).intValue());
    for (var e : ((Map<String, Object>) recipe.getOrDefault("set", Map.of())).entrySet()) {
      list.set(Long.parseLong(e.getKey()), ((Number) e.getValue()).intValue());
    }
    Instant now = Fixtures.NOW;
    SigningKey key = mode.equals("attacker") ? Fixtures.attackerKey() : Fixtures.issuerKey();
    boolean expired = mode.equals("expired");
    String token = StatusListToken.sign(list, mode.equals("wrong_sub") ? uri + "x" : uri,
        now.minusSeconds(expired ? 7200 : 10), expired ? now.minusSeconds(3600) : now.plusSeconds(3600), Duration.ofSeconds(300), key);
    return switch (mode) {
      case "ok", "wrong_sub", "attacker", "expired" -> token;
      case "wrong_typ" -> {
        CompactJws jws = CompactJws.parse(token, "t");
        Map<String, Object> header = new LinkedHashMap<>(jws.header());
        header.put("typ", "JWT");
        yield CompactJws.sign(header, jws.payload(), key);
      }
      case "garbage" -> "<html>not a token</html>";
      default -> throw new IllegalArgumentException("unknown serve mode " + mode);
    };
  }
}

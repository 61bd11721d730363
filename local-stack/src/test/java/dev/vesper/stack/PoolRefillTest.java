package dev.vesper.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holder refills a pool from the issuer without the tenant (issue 14 §1): a pool redeemed from an
 * offer carries a DPoP-bound refresh token; calls that take it below its low-water mark make the holder
 * ask the issuer for more, each new token to a new key; once the entity revokes its refresh tokens the
 * refill fails (and says so on the pool) and the pool runs dry with a clear refusal, never reusing.
 */
class PoolRefillTest {
  @TempDir
  static Path dir;
  static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start(new LocalStack.Options(dir, "127.0.0.1", 0, null, Duration.ofSeconds(60)),
        new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> pool(LocalStack.Persona p) throws Exception {
    return ((List<Map<String, Object>>) StackClient.call("GET", stack.holderUrl() + "/v1/pools", p.apiKey(), null).get("pools")).get(0);
  }

  static Map<String, Object> call(LocalStack.Persona p, String dest) throws Exception {
    return StackClient.call("POST", stack.holderUrl() + "/v1/presentations/call", p.apiKey(),
        Map.of("orig", "+13035550142", "dest", List.of(dest), "iat", Instant.now().getEpochSecond()));
  }

  @Test
  void theConsumersPoolRefillsItselfUntilTheEntityRevokesTheGrant() throws Exception {
    LocalStack.Persona jane = stack.persona("consumer");
    Map<String, Object> before = pool(jane);
    assertThat(before).containsEntry("rotation", "per_call").containsEntry("low_water", 3L).containsEntry("target", 10L);
    int available = ((Number) before.get("available")).intValue();
    assertThat(available).isGreaterThanOrEqualTo(4);

    Set<String> shown = new HashSet<>();
    for (int i = 0; i < available - 2; i++) { // down to 2, below the mark of 3
      String vp = (String) call(jane, "+1415555" + String.format("%04d", i)).get("presentation");
      assertThat(shown.add(vp.substring(0, vp.indexOf('~')))).isTrue();
    }
    Map<String, Object> refilled = awaitAvailable(jane, 10);
    assertThat((String) ((Map<String, Object>) refilled.get("refill")).get("last")).startsWith("ok ");
    for (int i = 0; i < 5; i++) { // the refilled tokens are new ones, never shown before
      String vp = (String) call(jane, "+1617555" + String.format("%04d", i)).get("presentation");
      assertThat(shown.add(vp.substring(0, vp.indexOf('~')))).isTrue();
    }

    // The entity revokes its refresh tokens: refills fail, and the pool runs dry with a refusal.
    StackClient.call("POST", stack.issuerUrl() + "/v1/entities/" + jane.entityId() + "/refresh-tokens/revoke", jane.entityApiKey(), Map.of());
    String poolId = (String) refilled.get("id");
    assertThatThrownBy(() -> StackClient.call("POST", stack.holderUrl() + "/v1/pools/" + poolId + "/refill", jane.apiKey(), Map.of()))
        .hasMessageContaining("502").hasMessageContaining("invalid_grant");
    assertThat((String) ((Map<String, Object>) pool(jane).get("refill")).get("last")).startsWith("failed ").contains("invalid_grant");
    int left = ((Number) pool(jane).get("available")).intValue();
    for (int i = 0; i < left; i++) {
      call(jane, "+1212555" + String.format("%04d", i));
    }
    assertThatThrownBy(() -> call(jane, "+12125559999")).hasMessageContaining("409").hasMessageContaining("holder.pool_exhausted");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitAvailable(LocalStack.Persona p, int wanted) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    Map<String, Object> pool = pool(p);
    while ((((Number) pool.get("available")).intValue() < wanted || ((Map<String, Object>) pool.get("refill")).get("last") == null)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      pool = pool(p);
    }
    assertThat(((Number) pool.get("available")).intValue()).as("refilled to its target: " + pool).isEqualTo(wanted);
    return pool;
  }
}

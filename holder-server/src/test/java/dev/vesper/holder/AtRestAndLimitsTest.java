package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwt;
import dev.vesper.core.token.IdentityAttributes;
import dev.vesper.server.testing.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtRestAndLimitsTest {
  @TempDir Path dir;

  /** The database files hold none of the plaintext claim values, disclosures or salts of imported tokens. */
  @Test
  void theDatabaseHoldsNoPlaintextOfImportedTokens() throws Exception {
    String token;
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      Api t = h.tenant("Acme");
      token = h.issuer.issue(IdentityAttributes.fromInput(Json.parseObject(JourneysTest.ENTERPRISE)), HolderHarness.newKey(t), Duration.ofDays(1));
      assertThat(t.post("/v1/tokens", Map.of("token", token)).status()).isEqualTo(201);
    }
    List<String> secrets = new ArrayList<>(List.of("Acme Widgets", "12025550100", "12-3456789", "Washington", token.substring(0, 40)));
    for (Disclosure d : SdJwt.parse(token, Limits.DEFAULT).disclosures()) {
      List<?> array = (List<?>) Json.parse(Base64Url.decode(d.encoded(), "d"));
      secrets.add((String) array.get(0));
      secrets.add(d.encoded());
    }
    String files = storeFiles(dir);
    assertThat(files.length()).isGreaterThan(10_000);
    for (String secret : secrets) {
      assertThat(files.indexOf(secret)).as("plaintext at rest: " + secret).isEqualTo(-1);
    }
  }

  /** Every file of the store under {@code dir} (database, WAL), as bytes in a string. */
  static String storeFiles(Path dir) throws IOException {
    StringBuilder files = new StringBuilder();
    try (Stream<Path> all = Files.list(dir)) {
      for (Path p : all.toList()) {
        if (Files.isRegularFile(p)) {
          files.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return files.toString();
  }

  static boolean storeFilesContain(Path dir, String text) throws IOException {
    return storeFiles(dir).contains(text);
  }

  @Test
  void aTenantOverItsRateGets429WithRetryAfter() throws Exception {
    try (HolderHarness h = new HolderHarness("sqlite", dir, 1, 3)) {
      Api t = h.tenant("Busy");
      int limited = 0;
      String retryAfter = null;
      for (int i = 0; i < 10; i++) {
        Api.Reply r = t.get("/v1/tokens");
        if (r.status() == 429) {
          limited++;
          retryAfter = r.raw().headers().firstValue("Retry-After").orElse(null);
          assertThat(r.error()).isEqualTo("request.rate_limited");
        }
      }
      assertThat(limited).isGreaterThanOrEqualTo(5);
      assertThat(retryAfter).isEqualTo("1");
    }
  }
}

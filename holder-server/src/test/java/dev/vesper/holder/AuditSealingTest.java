package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit entries written before audiences were sealed (a callee's number in clear) are sealed when the
 * service starts: the tenant still reads and searches them, and the number is gone from the store files.
 */
class AuditSealingTest {
  @TempDir Path dir;

  @Test
  void legacyClearAudiencesAreSealedAtStart() throws Exception {
    String apiKey;
    String tenantId;
    String tokenId;
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      Api acme = h.tenant("Acme");
      apiKey = acme.bearerKey();
      tenantId = acme.tenantId();
      tokenId = h.importToken(acme, HolderHarness.newKey(acme), JourneysTest.ENTERPRISE);
    }
    // An entry as the audit stored it before: the audience in clear, no tag, nothing sealed.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("holder.db"));
        PreparedStatement s = c.prepareStatement("INSERT INTO audit (id, owner_tenant, actor_tenant, grant_id, token_id, claim_paths, audience, at_ms)"
            + " VALUES ('aud_legacy', ?, ?, NULL, ?, '[\"name\",\"tn\"]', 'tel:+15105550123', 1)")) {
      s.setString(1, tenantId);
      s.setString(2, tenantId);
      s.setString(3, tokenId);
      s.executeUpdate();
    }
    assertThat(AtRestAndLimitsTest.storeFilesContain(dir, "5105550123")).isTrue();

    try (HolderHarness again = new HolderHarness("sqlite", dir)) {
      Api acme = new Api(again.base, apiKey, tenantId);
      List<Map<String, Object>> found = acme.get("/v1/audit?audience=tel%3A%2B15105550123").list("entries");
      assertThat(found).singleElement().satisfies(e -> assertThat(e).containsEntry("id", "aud_legacy")
          .containsEntry("audience", "tel:+15105550123"));
    }
    assertThat(AtRestAndLimitsTest.storeFilesContain(dir, "5105550123")).as("the clear number left on disk").isFalse();
  }
}

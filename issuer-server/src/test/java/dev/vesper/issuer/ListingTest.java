package dev.vesper.issuer;

import static dev.vesper.issuer.IssuerHarness.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.server.testing.Api;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Also" of issue 11: {@code {"numbers": null}} (or no numbers at all) must not clear a public listing; {@code []} does. */
class ListingTest {
  @TempDir Path dir;

  @Test
  void aNullOrMissingListLeavesTheListingAlone() throws Exception {
    try (IssuerHarness h = new IssuerHarness("sqlite", dir)) {
      Api acme = h.register(IssuerHarness.ACME);
      h.vet(acme);
      String listing = "/v1/entities/" + acme.tenantId() + "/listing";
      expect(acme.put(listing, Map.of("numbers", List.of("+12025550100"))), 200);
      for (String body : List.of("{\"numbers\":null}", "{}")) {
        Api.Reply r = acme.put(listing, body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.error()).isEqualTo("request.bad_body");
      }
      assertThat(expect(acme.get("/v1/entities/" + acme.tenantId()), 200).body().get("listed_publicly")).asList().hasSize(1);
      expect(acme.put(listing, Map.of("numbers", List.of())), 200);
      assertThat(expect(acme.get("/v1/entities/" + acme.tenantId()), 200).body().get("listed_publicly")).asList().isEmpty();
    }
  }
}

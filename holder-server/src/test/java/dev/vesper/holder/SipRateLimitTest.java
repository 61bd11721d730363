package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.SipProbe;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §9: calls signed over SIP count against the tenant's rate limit like its HTTP requests;
 * beyond it a call goes on unsigned with {@code X-Vesper-Error: request.rate_limited}.
 */
class SipRateLimitTest {
  @TempDir Path dir;

  @Test
  void sipSigningSharesTheTenantsRateLimit() throws Exception {
    int sipPort;
    try (DatagramSocket s = new DatagramSocket(0)) {
      sipPort = s.getLocalPort();
    }
    // A burst of 4 and next to no refill: the two setup requests leave two calls.
    try (HolderServer server = HolderHarness.stiServer(dir, 0.001, 4, sipPort)) {
      String base = "http://127.0.0.1:" + server.port();
      Api.Reply created = new Api(base, HolderHarness.ADMIN_KEY).post("/v1/tenants", Map.of("name", "Acme"));
      Api acme = new Api(base, created.string("api_key"));
      assertThat(acme.post("/v1/tokens", Map.of("token", new TokenFactory().issue(JourneysTest.ENTERPRISE, HolderHarness.newKey(acme))))
          .status()).isEqualTo(201);
      Map<String, String> key = Map.of("X-Vesper-Api-Key", created.string("api_key"));
      for (int i = 0; i < 2; i++) {
        String signed = SipProbe.invite(sipPort, "12025550250", "14155550123", key, 10_000);
        assertThat(signed).as("call " + i).startsWith("SIP/2.0 302").containsIgnoringCase("\nIdentity:");
      }
      String limited = SipProbe.invite(sipPort, "12025550250", "14155550123", key, 10_000);
      assertThat(limited).startsWith("SIP/2.0 302").contains("X-Vesper-Error: request.rate_limited").doesNotContainIgnoringCase("\nIdentity:");
      assertThat(acme.get("/v1/tokens").status()).as("and HTTP is over the same limit").isEqualTo(429);
    }
  }
}

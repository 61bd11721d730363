package dev.vesper.holder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.server.testing.AccessSweep;
import dev.vesper.server.testing.AccessSweep.Route;
import dev.vesper.server.testing.Api;
import dev.vesper.server.testing.RawHttp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §1: the holder's operator-only routes refuse every spelling of their path with a tenant's key,
 * a wrong key or none; its tenant routes refuse every spelling without a tenant key.
 */
class RouteAccessTest {
  static final List<Route> OPERATOR_ROUTES = List.of(
      new Route("POST", "/v1/tenants", "{\"name\":\"intruder\"}"),
      new Route("GET", "/metrics", null),
      new Route("HEAD", "/metrics", null));

  @TempDir Path dir;
  HolderHarness h;
  Api tenant;

  @BeforeEach
  void setUp() throws Exception {
    h = new HolderHarness("sqlite", dir);
    tenant = h.tenant("A");
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void operatorRoutesRefuseEverySpellingWithoutTheAdminKey() {
    AccessSweep.assertRefused(h.server.port(), OPERATOR_ROUTES, null, tenant.bearerKey(), "vsk_not-a-key");
    assertThat(RawHttp.send(h.server.port(), "POST", "/v1/tenants", HolderHarness.ADMIN_KEY, "{\"name\":\"B\"}").status()).isEqualTo(201);
    assertThat(RawHttp.send(h.server.port(), "GET", "/metrics", HolderHarness.ADMIN_KEY, null).status()).isEqualTo(200);
  }

  @Test
  void tenantRoutesRefuseEverySpellingWithoutATenantKey() {
    List<Route> tenantRoutes = List.of(
        new Route("GET", "/v1/tokens", null),
        new Route("POST", "/v1/keys", "{}"),
        new Route("POST", "/v1/presentations/call", "{\"orig\":\"+12025550100\",\"dest\":[\"+13035550100\"],\"iat\":1}"),
        new Route("POST", "/stir/v1/signing", "{}"));
    AccessSweep.assertRefused(h.server.port(), tenantRoutes, null, "vsk_not-a-key", HolderHarness.ADMIN_KEY);
  }
}

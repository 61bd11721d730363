package dev.vesper.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.server.testing.AccessSweep;
import dev.vesper.server.testing.RawHttp;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authorization follows the matched route's {@link Access}, whatever the path's spelling (issue 11 §1). */
class RouteAccessTest {
  static final String OPERATOR_KEY = "operator-key-0123456789";
  static final String TENANT_KEY = "tenant-key-0123456789";

  final AtomicInteger adminCalls = new AtomicInteger();
  final AtomicInteger tenantCalls = new AtomicInteger();
  ServerApp app;

  @BeforeEach
  void start() {
    app = ServerApp.builder("kit-test").operatorKey(OPERATOR_KEY).page("/pages", "/web/kit-test").gate((ctx, access) -> {
      if (access == Access.TENANT && !TENANT_KEY.equals(BearerKeys.of(ctx))) {
        throw new VesperException(ErrorCode.AUTH_UNAUTHENTICATED, "unknown key");
      }
      ctx.attribute("who", access.name());
    }).routes(r -> {
      r.post("/v1/tenants", ctx -> ctx.status(201).result("{\"created\":" + adminCalls.incrementAndGet() + "}"), Access.OPERATOR);
      r.get("/v1/things/{id}", ctx -> ctx.result("{\"n\":" + tenantCalls.incrementAndGet() + "}"), Access.TENANT);
      r.get("/v1/open", ctx -> ctx.result("{}"), Access.PUBLIC);
    }).start();
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void everySpellingOfAnOperatorRouteIsRefusedWithoutTheOperatorKey() {
    List<AccessSweep.Route> routes = List.of(new AccessSweep.Route("POST", "/v1/tenants", "{\"name\":\"x\"}"),
        new AccessSweep.Route("GET", "/metrics", null), new AccessSweep.Route("HEAD", "/metrics", null));
    int sent = AccessSweep.assertRefused(app.port(), routes, null, TENANT_KEY, "not-a-key");
    assertThat(sent).isGreaterThan(100);
    assertThat(adminCalls).hasValue(0);
    assertThat(post("/v1/tenants", OPERATOR_KEY).status()).isEqualTo(201);
    assertThat(adminCalls).hasValue(1);
  }

  @Test
  void everySpellingOfATenantRouteIsRefusedWithoutATenantKey() {
    AccessSweep.assertRefused(app.port(), List.of(new AccessSweep.Route("GET", "/v1/things/abc", null)), null, "not-a-key");
    assertThat(tenantCalls).hasValue(0);
    assertThat(RawHttp.send(app.port(), "GET", "/v1/things/abc", TENANT_KEY, null).status()).isEqualTo(200);
  }

  @Test
  void aTenantOnAnOperatorRouteIsForbiddenAndAStrangerUnauthenticated() {
    RawHttp.Answer tenant = post("/v1/tenants", TENANT_KEY);
    assertThat(tenant.status()).isEqualTo(403);
    assertThat(tenant.text()).contains("auth.forbidden");
    assertThat(post("/v1/tenants", null).text()).contains("auth.unauthenticated");
    assertThat(post("/v1/tenants", "x" + OPERATOR_KEY).status()).isEqualTo(401);
  }

  @Test
  void metricsNeedTheOperatorKeyWhileHealthPagesAndPublicRoutesStayOpen() {
    assertThat(RawHttp.send(app.port(), "GET", "/metrics", null, null).status()).isEqualTo(401);
    RawHttp.Answer metrics = RawHttp.send(app.port(), "GET", "/metrics", OPERATOR_KEY, null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("http_server_requests");
    assertThat(RawHttp.send(app.port(), "GET", "/health/live", null, null).status()).isEqualTo(200);
    assertThat(RawHttp.send(app.port(), "GET", "/v1/open", null, null).status()).isEqualTo(200);
    assertThat(RawHttp.send(app.port(), "GET", "/pages/", null, null).status()).isEqualTo(200);
  }

  @Test
  void withoutAnOperatorKeyOperatorRoutesAnswer401() {
    ServerApp bare = ServerApp.builder("bare").start();
    try {
      assertThat(RawHttp.send(bare.port(), "GET", "/metrics", OPERATOR_KEY, null).status()).isEqualTo(401);
      assertThat(RawHttp.send(bare.port(), "GET", "/health/live", null, null).status()).isEqualTo(200);
    } finally {
      bare.stop();
    }
  }

  @Test
  void aRouteWithoutExactlyOneAccessFailsTheStart() {
    assertThatThrownBy(() -> ServerApp.builder("undeclared").routes(r -> r.get("/v1/forgotten", ctx -> ctx.result("{}"))).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /v1/forgotten");
    assertThatThrownBy(() -> ServerApp.builder("twice")
        .routes(r -> r.get("/v1/both", ctx -> ctx.result("{}"), Access.PUBLIC, Access.OPERATOR)).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /v1/both");
  }

  private RawHttp.Answer post(String path, String key) {
    return RawHttp.send(app.port(), "POST", path, key, "{\"name\":\"x\"}");
  }
}

package dev.vesper.server.http;

import dev.vesper.core.crypto.CryptoProvider;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vesper HTTP server with what every one of them needs: request ids, a JSON access log (no bodies,
 * no query strings), Prometheus metrics per route template, {@code /health/live},
 * {@code /health/ready}, {@code /metrics} (operator key), {@code /openapi.json}, a front door at {@code /}
 * (the service's first page for a browser, the OpenAPI document for a script: {@link FrontDoor}), request size limits,
 * bodies read in full before dispatch with idle timeouts and a minimum data rate ({@link SlowClientLimits}),
 * authorization per route ({@link Access}, checked before every handler), and every error as
 * problem+json through {@link Problems}. The module adds its own routes, each with its {@link Access}.
 */
public final class ServerApp {
  private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);
  private static final String STARTED = "vesper.started";

  private final Javalin javalin;
  private final ServerMetrics metrics;

  private ServerApp(Javalin javalin, ServerMetrics metrics) {
    this.javalin = javalin;
    this.metrics = metrics;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The bound port (useful after starting on port 0). */
  public int port() {
    return javalin.port();
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  public void stop() {
    javalin.stop();
  }

  /** Configures and starts a {@link ServerApp}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private String host = "127.0.0.1";
    private int port = 0;
    private long maxRequestBytes = 1 << 20;
    private BooleanSupplier ready = () -> true;
    private String openApiResource;
    private Consumer<RoutesConfig> routes = r -> { };
    private final Map<String, String> pages = new LinkedHashMap<>();
    private final ServerMetrics metrics = new ServerMetrics();
    private final AccessLog accessLog;
    private String operatorKey;
    private Gate gate;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
      this.accessLog = new AccessLog(name);
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder maxRequestBytes(long bytes) {
      this.maxRequestBytes = bytes;
      return this;
    }

    /** What {@code /health/ready} checks (the store, typically). */
    public Builder readiness(BooleanSupplier ready) {
      this.ready = Objects.requireNonNull(ready, "ready == null");
      return this;
    }

    /** A classpath resource served at {@code /openapi.json}. */
    public Builder openApi(String resource) {
      this.openApiResource = resource;
      return this;
    }

    /**
     * Serves the static page in classpath directory {@code classpathDir} at {@code hostedPath} (its
     * {@code index.html} at {@code hostedPath + "/"}); the first page is where {@code GET /} sends a
     * browser. Every server also serves the shared
     * {@code /assets}. Pages load nothing from other origins (a strict Content-Security-Policy says so).
     */
    public Builder page(String hostedPath, String classpathDir) {
      pages.put(hostedPath, classpathDir);
      return this;
    }

    /**
     * The operator (admin) key: what {@link Access#OPERATOR} routes, {@code /metrics} among them, require.
     * Without one those routes answer 401.
     */
    public Builder operatorKey(String key) {
      this.operatorKey = Objects.requireNonNull(key, "key == null");
      return this;
    }

    /** How {@link Access#TENANT} routes are authenticated (and operators recorded); without one they answer 401. */
    public Builder gate(Gate gate) {
      this.gate = Objects.requireNonNull(gate, "gate == null");
      return this;
    }

    /** The service's routes; each names its {@link Access} (the server does not start otherwise). */
    public Builder routes(Consumer<RoutesConfig> routes) {
      this.routes = Objects.requireNonNull(routes, "routes == null");
      return this;
    }

    /** The metrics the routes may count into, before the server starts. */
    public ServerMetrics metrics() {
      return metrics;
    }

    public ServerApp start() {
      String openApi = openApiResource == null ? null : resource(openApiResource);
      RouteAccess access = new RouteAccess(operatorKey, gate);
      Javalin app =
          Javalin.create(
              config -> {
                config.http.maxRequestSize = maxRequestBytes;
                SlowClientLimits.apply(config, host, port, maxRequestBytes);
                config.router.handlerWrapper(access::wrap);
                config.http.defaultContentType = "application/json";
                config.startup.showJavalinBanner = false;
                Map<String, String> served = new LinkedHashMap<>(pages);
                if (!served.isEmpty()) {
                  served.put("/assets", "/web/assets");
                }
                served.forEach((hosted, dir) -> config.staticFiles.add(files -> {
                  files.hostedPath = hosted;
                  files.directory = dir;
                  files.location = Location.CLASSPATH;
                  files.headers = Map.of(
                      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
                      "X-Content-Type-Options", "nosniff",
                      "Referrer-Policy", "no-referrer",
                      "Cache-Control", "no-cache");
                }));
                config.routes.before(ctx -> {
                  ctx.attribute(STARTED, System.nanoTime());
                  RequestIds.assign(ctx);
                  access.checkHead(ctx);
                });
                config.routes.after(this::observe);
                config.routes.exception(VesperException.class, (e, ctx) -> Problems.write(ctx, e));
                config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, e));
                config.routes.exception(RateLimitExceeded.class, (e, ctx) -> {
                  ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                  Problems.write(ctx, 429, ErrorCode.REQUEST_RATE_LIMITED.id(), e.getMessage());
                });
                config.routes.exception(IllegalArgumentException.class, (e, ctx) -> {
                  // A value object refused a value from the request (an iat below 0, an overlong origid...):
                  // the caller's mistake, never a 500 (issue 11 §6). Logged: the edge should have said so itself.
                  LOG.warn("{} request {}: a value was refused late, at {}: {}", name, ctx.attribute(RequestIds.ATTRIBUTE),
                      e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?", e.getMessage());
                  Problems.write(ctx, 400, ErrorCode.REQUEST_BAD_BODY.id(), e.getMessage());
                });
                config.routes.exception(Exception.class, (e, ctx) -> {
                  LOG.error("{} request {} failed", name, ctx.attribute(RequestIds.ATTRIBUTE), e);
                  Problems.write(ctx, 500, "internal", "internal error; quote request id " + ctx.attribute(RequestIds.ATTRIBUTE));
                });
                config.routes.error(404, ctx -> {
                  if (ctx.attribute(Problems.WRITTEN) == null) {
                    Problems.write(ctx, 404, ErrorCode.REQUEST_NOT_FOUND.id(), "no such resource: " + ctx.method() + " " + clip(ctx.path()));
                  }
                });
                config.routes.get("/health/live", ctx -> ctx.result("{\"status\":\"up\"}"), Access.PUBLIC);
                config.routes.get("/health/ready", ctx -> {
                  boolean ok;
                  try {
                    ok = ready.getAsBoolean();
                  } catch (RuntimeException e) {
                    ok = false;
                  }
                  ctx.status(ok ? 200 : 503).result(ok ? "{\"status\":\"ready\"}" : "{\"status\":\"unavailable\"}");
                }, Access.PUBLIC);
                config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()), Access.OPERATOR);
                if (openApi != null) {
                  config.routes.get("/openapi.json", ctx -> ctx.result(openApi), Access.PUBLIC);
                }
                FrontDoor door = new FrontDoor(name, pages.isEmpty() ? null : pages.keySet().iterator().next(), openApi);
                config.routes.get("/", door::answer, Access.PUBLIC);
                routes.accept(config.routes);
              });
      access.bind(app.unsafe.internalRouter);
      app.start(host, port);
      LOG.info("{} listening on http://{}:{} (crypto provider {})", name, host, app.port(), CryptoProvider.describeInUse());
      return new ServerApp(app, metrics);
    }

    private void observe(Context ctx) {
      Long started = ctx.attribute(STARTED);
      long nanos = started == null ? 0 : System.nanoTime() - started;
      String route = ctx.endpoints().lastHttpEndpoint() != null ? ctx.endpoints().lastHttpEndpoint().path : "unmatched";
      int status = ctx.status().getCode();
      metrics.recordRequest(ctx.method().name(), route, status, Duration.ofNanos(nanos));
      if (accessLog.enabled()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.now().toString());
        line.put("server", name);
        line.put("request_id", ctx.attribute(RequestIds.ATTRIBUTE));
        line.put("method", ctx.method().name());
        line.put("route", route);
        line.put("status", status);
        line.put("ms", Math.round(nanos / 10_000.0) / 100.0);
        accessLog.write(Json.write(line));
      }
    }

    private static void httpError(Context ctx, HttpResponseException e) {
      int status = e.getStatus();
      ErrorCode code = switch (status) {
        case 413 -> ErrorCode.REQUEST_TOO_LARGE;
        case 404 -> ErrorCode.REQUEST_NOT_FOUND;
        case 415 -> ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE;
        default -> ErrorCode.REQUEST_BAD_BODY;
      };
      Problems.write(ctx, Problems.status(code), code.id(), e.getMessage());
    }

    private static String resource(String name) {
      try (InputStream in = ServerApp.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing classpath resource " + name);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String clip(String s) {
      return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
  }
}

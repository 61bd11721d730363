package dev.vesper.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Prometheus metrics of one server, Micrometer kept behind this class. Labels are bounded by design:
 * route templates (never raw paths), methods, status codes and outcome names chosen by the code —
 * never tenant ids, numbers or other request data.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Counts one {@code outcome} of {@code name} (e.g. presentations by outcome). */
  public void count(String name, String outcome) {
    Counter.builder(name).tag("outcome", outcome).register(registry).increment();
  }

  void recordRequest(String method, String route, int status, Duration elapsed) {
    Timer.builder("http_server_requests")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(elapsed);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}

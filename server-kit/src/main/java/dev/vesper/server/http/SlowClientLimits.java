package dev.vesper.server.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The Jetty settings every server shares so that a slow or silent client costs a connection, never a
 * thread (issue 11 §3): bodies are read in full before dispatch ({@link BufferedBodies}) at a minimum
 * rate, a connection idle for {@link #IDLE} is closed (whether it is sending headers, a body, or
 * nothing between requests), and a blocking read or write of a handler gives up after
 * {@link #BLOCKING}.
 */
final class SlowClientLimits {
  /** A connection that sends nothing for this long is closed (its request, if any, answered 408). */
  static final Duration IDLE = Duration.ofSeconds(20);
  /** The longest a handler's blocking read or write waits on the network. */
  static final Duration BLOCKING = Duration.ofSeconds(10);
  /**
   * The slowest a body may arrive once its first second has passed. Real clients send these small JSON
   * bodies in one or two packets; a trickle of a byte every few seconds is cut off at its second byte.
   */
  static final long MIN_BYTES_PER_SECOND = 256;

  private SlowClientLimits() {}

  /** Applies the limits to a server listening on {@code host:port} with bodies of at most {@code maxRequestBytes}. */
  static void apply(JavalinConfig config, String host, int port, long maxRequestBytes) {
    config.jetty.modifyServer(server -> server.setHandler(new BufferedBodies(maxRequestBytes, MIN_BYTES_PER_SECOND, System::nanoTime)));
    config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(BLOCKING.toMillis()));
    config.jetty.addConnector((server, http) -> {
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(host);
      connector.setPort(port);
      connector.setIdleTimeout(IDLE.toMillis());
      return connector;
    });
  }
}

package dev.vesper.server.fetch;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Vesper services fetch what a token, PASSporT or configuration points at (x5u chains, status
 * lists, issuer metadata). For each URL, and again for each redirect hop:
 * <ol>
 *   <li>{@code https} only, no user info; the origin (scheme, host, port) on the caller's allow-list when
 *       it has one;</li>
 *   <li>the host resolved once through the injected {@link Resolver}; every address must be public
 *       ({@link PublicAddresses}), else {@link ErrorCode#FETCH_REFUSED} before any connection;</li>
 *   <li>the connection made to one of exactly those addresses (no second resolution, so DNS rebinding
 *       cannot swap in an internal address), TLS verifying the host name (SNI and RFC 6125 checks);</li>
 *   <li>one GET under the rules' time and size limits ({@link Http11}); a redirect (301, 302, 303, 307,
 *       308) is followed only as the rules allow; any other non-2xx, or a media type the rules do not
 *       accept, is {@link ErrorCode#FETCH_FAILED}.</li>
 * </ol>
 * Every failure after the decision to connect has the same id and text, so answers cannot serve as a port
 * scanner; the detail goes to the log. A failure is remembered for {@link FetchRules#rememberFailures()}.
 * {@link #forLocalTesting()} is the named relaxation for local stacks and tests: plain http and
 * loopback addresses allowed (allow-lists still apply; other non-public addresses stay refused). Thread-safe.
 */
public final class OutboundFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundFetcher.class);
  private static final int REMEMBERED = 4096;

  private final Resolver resolver;
  private final Clock clock;
  private final SSLContext tls;
  private final boolean localTesting;
  private final Connector connector;
  private final Map<String, Remembered> failures = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
      return size() > REMEMBERED;
    }
  };

  private record Remembered(VesperException failure, Instant until) {}

  /** Opens the TCP connection to a checked address; a seam so tests can see (and stop) every connection. */
  @FunctionalInterface
  interface Connector {
    Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException;

    Connector PLAIN = (address, timeout) -> {
      Socket socket = new Socket();
      try {
        socket.connect(address, timeout);
        return socket;
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    };
  }

  private OutboundFetcher(Resolver resolver, Clock clock, SSLContext tls, boolean localTesting, Connector connector) {
    this.resolver = Objects.requireNonNull(resolver, "resolver == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.tls = Objects.requireNonNull(tls, "tls == null");
    this.localTesting = localTesting;
    this.connector = Objects.requireNonNull(connector, "connector == null");
  }

  /** A strict fetcher: public https only, the JDK's trust store. */
  public static OutboundFetcher create(Resolver resolver, Clock clock) {
    try {
      return new OutboundFetcher(resolver, clock, SSLContext.getDefault(), false, Connector.PLAIN);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  /**
   * Relaxation for local stacks and tests: plain http and loopback addresses are fetched too. Private,
   * link-local and every other non-public address stay refused, so a local stack never reaches into the
   * network it runs in.
   */
  public OutboundFetcher forLocalTesting() {
    return new OutboundFetcher(resolver, clock, tls, true, connector);
  }

  /** The same rules with server certificates checked against {@code context}'s trust (a private CA). */
  public OutboundFetcher trusting(SSLContext context) {
    return new OutboundFetcher(resolver, clock, context, localTesting, connector);
  }

  /** The same rules with connections opened by {@code c} (tests). */
  OutboundFetcher connectingWith(Connector c) {
    return new OutboundFetcher(resolver, clock, tls, localTesting, c);
  }

  /** What a caller makes of a fetched body; its failure counts as the fetch's. */
  @FunctionalInterface
  public interface Content<T> {
    T read(Fetched fetched) throws VesperException;
  }

  /**
   * Fetches {@code url} under {@code rules}.
   *
   * @throws VesperException {@link ErrorCode#FETCH_REFUSED} or {@link ErrorCode#FETCH_FAILED}
   */
  public Fetched fetch(String url, FetchRules rules) throws VesperException {
    return fetch(url, rules, f -> f);
  }

  /**
   * Fetches {@code url} under {@code rules} and reads it with {@code content}: a body the caller cannot
   * use (no PEM, not the metadata expected) is {@link ErrorCode#FETCH_FAILED} with the same text as any
   * other failure, and remembered like one.
   */
  public <T> T fetch(String url, FetchRules rules, Content<T> content) throws VesperException {
    String key = rules.what() + '\n' + url;
    Instant now = clock.instant();
    synchronized (failures) {
      Remembered r = failures.get(key);
      if (r != null && now.isBefore(r.until())) {
        throw r.failure();
      }
    }
    try {
      Fetched fetched = follow(url, rules);
      try {
        return content.read(fetched);
      } catch (VesperException e) {
        throw failed(rules, fetched.uri(), "unusable content: " + e.getMessage());
      }
    } catch (VesperException e) {
      if (!rules.rememberFailures().isZero()) {
        synchronized (failures) {
          failures.put(key, new Remembered(e, now.plus(rules.rememberFailures())));
        }
      }
      throw e;
    }
  }

  /**
   * One protocol exchange (OAuth, OpenID4VCI/VP) under {@code rules}: the same URL and address checks as
   * {@link #fetch}, the request sent as given ({@code body} null for none), and the final response
   * returned <em>whatever its status</em>, since such protocols answer errors in the body. Redirects are
   * never followed (a 3xx is returned as is) and the media type is not checked; size and time limits
   * apply, and failures are remembered as {@code rules} say.
   *
   * @throws VesperException {@link ErrorCode#FETCH_REFUSED} before any connection, {@link ErrorCode#FETCH_FAILED} after
   */
  public Fetched exchange(String method, String url, Map<String, String> headers, byte[] body, FetchRules rules)
      throws VesperException {
    if (!method.equals("GET") && !method.equals("POST")) {
      throw new IllegalArgumentException("GET or POST, not " + method);
    }
    String key = rules.what() + '\n' + method + ' ' + url;
    Instant now = clock.instant();
    synchronized (failures) {
      Remembered r = failures.get(key);
      if (r != null && now.isBefore(r.until())) {
        throw r.failure();
      }
    }
    try {
      URI target = parse(url, rules);
      Origin origin = check(target, rules);
      Http11.Response r = exchange(target, origin, resolve(target, origin, rules), rules, method, headers, body);
      return new Fetched(target, r.status(), mediaType(r.first("content-type")), r.body(), r.headers());
    } catch (VesperException e) {
      if (!rules.rememberFailures().isZero()) {
        synchronized (failures) {
          failures.put(key, new Remembered(e, now.plus(rules.rememberFailures())));
        }
      }
      throw e;
    }
  }

  private Fetched follow(String url, FetchRules rules) throws VesperException {
    URI target = parse(url, rules);
    for (int hop = 0; ; hop++) {
      Origin origin;
      List<InetAddress> addresses;
      try {
        origin = check(target, rules);
        addresses = resolve(target, origin, rules);
      } catch (VesperException e) {
        if (hop == 0) {
          throw e;
        }
        // A server answered: from here on every failure looks the same.
        throw failed(rules, target, "redirected to a URL that is refused: " + e.getMessage());
      }
      Http11.Response r = exchange(target, origin, addresses, rules, "GET",
          rules.accept() == null ? Map.of() : Map.of("Accept", rules.accept()), null);
      if (r.status() >= 200 && r.status() < 300) {
        String type = mediaType(r.first("content-type"));
        if (!rules.mediaTypes().isEmpty() && !rules.mediaTypes().contains(type)) {
          throw failed(rules, target, "media type '" + type + "'");
        }
        return new Fetched(target, r.status(), type, r.body(), r.headers());
      }
      boolean redirect = switch (r.status()) {
        case 301, 302, 303, 307, 308 -> true;
        default -> false;
      };
      if (!redirect || r.first("location") == null) {
        throw failed(rules, target, "HTTP " + r.status());
      }
      if (hop == rules.maxRedirects()) {
        throw failed(rules, target, "more than " + rules.maxRedirects() + " redirects");
      }
      URI next;
      try {
        next = new URI(target.resolve(new URI(r.first("location"))).toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw failed(rules, target, "a malformed Location");
      }
      target = next;
    }
  }

  private URI parse(String url, FetchRules rules) throws VesperException {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw refused(rules, url, "not a URL");
    }
  }

  private Origin check(URI target, FetchRules rules) throws VesperException {
    if (!target.isAbsolute() || target.getHost() == null || target.getRawUserInfo() != null) {
      throw refused(rules, target.toString(), "not an absolute URL with a host and no user info");
    }
    String scheme = target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(localTesting && scheme.equals("http"))) {
      throw refused(rules, target.toString(), "only https is fetched");
    }
    Origin origin = Origin.of(target);
    if (!rules.allows(origin)) {
      throw refused(rules, target.toString(), origin + " is not on the allow-list");
    }
    return origin;
  }

  private List<InetAddress> resolve(URI target, Origin origin, FetchRules rules) throws VesperException {
    List<InetAddress> addresses;
    try {
      addresses = literal(origin.host()) ? List.of(InetAddress.getByName(origin.host())) : List.copyOf(resolver.resolve(origin.host()));
    } catch (UnknownHostException | RuntimeException e) {
      throw failed(rules, target, "the host does not resolve");
    }
    if (addresses.isEmpty()) {
      throw failed(rules, target, "the host does not resolve");
    }
    for (InetAddress a : addresses) {
      if (!PublicAddresses.isPublic(a) && !(localTesting && a.isLoopbackAddress())) {
        throw refused(rules, target.toString(), origin.host() + " resolves to a non-public address");
      }
    }
    return addresses;
  }

  /** An IPv4 dotted quad or a bracketed IPv6 literal: parsed, never looked up. */
  private static boolean literal(String host) {
    return host.startsWith("[") || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  private Http11.Response exchange(URI target, Origin origin, List<InetAddress> addresses, FetchRules rules, String method,
      Map<String, String> headers, byte[] body) throws VesperException {
    long deadline = System.nanoTime() + rules.timeout().toNanos();
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    String requestTarget = target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    String hostHeader = origin.defaultPort() ? origin.host() : origin.host() + ":" + origin.port();
    Exception last = null;
    for (InetAddress address : addresses) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      try (Socket socket = connector.connect(new InetSocketAddress(address, origin.port()), (int) Math.min(left, Integer.MAX_VALUE))) {
        Socket channel = origin.scheme().equals("https") ? tls(socket, origin, deadline) : socket;
        try (channel) {
          return Http11.send(channel, method, hostHeader, requestTarget, headers, body, rules.maxBytes(), deadline);
        }
      } catch (IOException | IllegalArgumentException e) {
        last = e;
      }
    }
    throw failed(rules, target, last == null ? "the time limit passed" : last.toString());
  }

  private Socket tls(Socket socket, Origin origin, long deadline) throws IOException {
    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, origin.host(), origin.port(), true);
    SSLParameters p = ssl.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    if (!literal(origin.host())) {
      p.setServerNames(List.of(new SNIHostName(origin.host())));
    }
    ssl.setSSLParameters(p);
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    ssl.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    ssl.startHandshake();
    return ssl;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi >= 0 ? contentType.substring(0, semi) : contentType).strip().toLowerCase(Locale.ROOT);
  }

  private static VesperException refused(FetchRules rules, String url, String why) {
    LOG.info("refused to fetch the {} at {}: {}", rules.what(), clip(url), why);
    return new VesperException(ErrorCode.FETCH_REFUSED, "the " + rules.what() + " URL is not one this service fetches: " + why);
  }

  private static VesperException failed(FetchRules rules, URI url, String why) {
    LOG.info("could not fetch the {} at {}: {}", rules.what(), clip(url.toString()), why);
    return new VesperException(ErrorCode.FETCH_FAILED, "the " + rules.what() + " could not be fetched");
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}

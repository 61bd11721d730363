package dev.vesper.verifier.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches x5u certificate chains with the rules a public verifier needs: {@code https} only, hosts on
 * an allow-list, never a loopback, link-local, private or otherwise internal address (RFC 6890) unless
 * a named relaxation allows it for tests, no redirects, 5 s, 64 KiB, and a cache (1 h, 1,024 chains)
 * so the call path does not fetch what it fetched before. Thread-safe.
 */
public final class HttpCertificateFetcher implements CertificateFetcher {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_BYTES = 64 * 1024;
  private static final Duration CACHE_FOR = Duration.ofHours(1);
  private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

  private final Set<String> allowedHosts;
  private final boolean internalAllowed;
  private final boolean plainHttpAllowed;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > 1024;
    }
  };

  private record Cached(List<String> chain, Instant until) {}

  private HttpCertificateFetcher(Set<String> allowedHosts, boolean internalAllowed, boolean plainHttpAllowed, Clock clock) {
    this.allowedHosts = Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    this.internalAllowed = internalAllowed;
    this.plainHttpAllowed = plainHttpAllowed;
    this.clock = clock;
  }

  /** Fetches from {@code https} URIs on these hosts only. */
  public static HttpCertificateFetcher allowing(Set<String> hosts, Clock clock) {
    return new HttpCertificateFetcher(hosts, false, false, clock);
  }

  /** Relaxation for tests and local stacks: loopback and private addresses, and plain http, are fetched too. */
  public HttpCertificateFetcher allowingLocalAddressesForTests() {
    return new HttpCertificateFetcher(allowedHosts, true, true, clock);
  }

  @Override
  public List<String> fetch(String uri) throws VesperException {
    Instant now = clock.instant();
    synchronized (cache) {
      Cached c = cache.get(uri);
      if (c != null && now.isBefore(c.until())) {
        return c.chain();
      }
    }
    URI target;
    try {
      target = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw bad(uri, "not a URI");
    }
    String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
    if (!("https".equals(target.getScheme()) || plainHttpAllowed && "http".equals(target.getScheme()))) {
      throw bad(uri, "only https x5u are fetched");
    }
    if (!allowedHosts.contains(host)) {
      throw bad(uri, "host " + host + " is not on the x5u allow-list");
    }
    if (!internalAllowed && isInternal(host)) {
      throw bad(uri, "host " + host + " resolves to an internal address");
    }
    try {
      HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(target).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = r.body()) {
        if (r.statusCode() != 200) {
          throw bad(uri, "HTTP " + r.statusCode());
        }
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw bad(uri, "larger than " + MAX_BYTES + " bytes");
        }
        List<String> chain = new ArrayList<>();
        Matcher m = PEM.matcher(new String(bytes, StandardCharsets.US_ASCII));
        while (m.find()) {
          chain.add(m.group(1).replaceAll("\\s", ""));
        }
        if (chain.isEmpty()) {
          throw bad(uri, "no PEM certificate");
        }
        synchronized (cache) {
          cache.put(uri, new Cached(List.copyOf(chain), now.plus(CACHE_FOR)));
        }
        return chain;
      }
    } catch (IOException e) {
      throw bad(uri, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw bad(uri, "interrupted");
    }
  }

  private static boolean isInternal(String host) throws VesperException {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (dev.vesper.server.http.Addresses.isInternal(a)) {
          return true;
        }
      }
      return false;
    } catch (UnknownHostException e) {
      throw new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "x5u host " + host + " does not resolve");
    }
  }

  private static VesperException bad(String uri, String why) {
    return new VesperException(ErrorCode.STIR_BAD_IDENTITY_INFO, "cannot use x5u " + uri + ": " + why);
  }
}

package dev.vesper.server.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Scheme, host and port: what an allow-list entry names (RFC 6454 origin). The host is lower-cased;
 * the port is explicit (443 for https, 80 for http when the URL names none).
 */
public record Origin(String scheme, String host, int port) {
  public Origin {
    Objects.requireNonNull(scheme, "scheme == null");
    Objects.requireNonNull(host, "host == null");
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("an origin is https or http, not " + scheme);
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("an origin needs a host and a port in 1..65535");
    }
    host = host.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an allow-list entry: {@code https://host[:port]}, {@code http://host[:port]}, or a bare
   * {@code host[:port]} meaning https. Paths, queries and user info are refused.
   */
  public static Origin parse(String text) {
    String t = text.strip();
    URI u;
    try {
      u = new URI(t.contains("://") ? t : "https://" + t);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not an origin: " + text);
    }
    if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null
        || u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) {
      throw new IllegalArgumentException("an origin is scheme://host[:port] with nothing else: " + text);
    }
    return of(u);
  }

  /** The origin of {@code uri}; its host must be present. */
  public static Origin of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
    return new Origin(scheme, Objects.requireNonNull(uri.getHost(), "no host"), port);
  }

  /** True when the URL's port is the scheme's default (the Host header then omits it). */
  boolean defaultPort() {
    return port == (scheme.equals("https") ? 443 : 80);
  }

  @Override
  public String toString() {
    return scheme + "://" + host + (defaultPort() ? "" : ":" + port);
  }
}

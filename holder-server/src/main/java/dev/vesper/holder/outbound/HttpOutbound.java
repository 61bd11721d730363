package dev.vesper.holder.outbound;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.server.http.Addresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Outbound} over the JDK client with the wallet's rules: {@code https} only, to hosts whose every
 * address is public ({@link Addresses}), no redirects, 5 s to connect, 10 s per request, at most
 * {@link #MAX_BYTES} read. The one relaxation, {@link #allowingLoopbackHttpForLocalTesting()}, also admits
 * {@code http} and loopback addresses (the local stack and tests); private and other internal addresses stay
 * refused. The host is resolved to check it and again by the client to connect (a rebinding window that a
 * pinned-address fetcher closes).
 */
public final class HttpOutbound implements Outbound {
  /** The most bytes read from any answer. */
  public static final int MAX_BYTES = 1 << 20;

  /** Host name to addresses (replaced by a stub in tests, so no test ever resolves a real name). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final boolean loopbackAllowed;
  private final Resolver resolver;

  private HttpOutbound(boolean loopbackAllowed, Resolver resolver) {
    this.loopbackAllowed = loopbackAllowed;
    this.resolver = resolver;
  }

  /** The production rules: https to public addresses only. */
  public static HttpOutbound publicHttpsOnly() {
    return new HttpOutbound(false, InetAddress::getAllByName);
  }

  /** Local testing only: also plain http, and loopback addresses. Never for a service reachable by others. */
  public HttpOutbound allowingLoopbackHttpForLocalTesting() {
    return new HttpOutbound(true, resolver);
  }

  /** The same rules with another resolver (tests). */
  public HttpOutbound withResolver(Resolver other) {
    return new HttpOutbound(loopbackAllowed, Objects.requireNonNull(other, "resolver == null"));
  }

  @Override
  public Response get(URI uri, String accept) throws VesperException {
    return send(HttpRequest.newBuilder(check(uri)).header("Accept", accept).GET());
  }

  @Override
  public Response post(URI uri, String contentType, byte[] body, Map<String, String> headers) throws VesperException {
    HttpRequest.Builder b = HttpRequest.newBuilder(check(uri)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return send(b);
  }

  /** Applies the rules to {@code uri}; returns it. */
  URI check(URI uri) throws VesperException {
    String scheme = uri.getScheme();
    boolean http = "http".equals(scheme);
    if (!"https".equals(scheme) && !(http && loopbackAllowed)) {
      throw refused(uri, "only https URLs are fetched");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw refused(uri, "the URL needs a host and no user info or fragment");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(uri.getHost());
    } catch (UnknownHostException e) {
      throw new VesperException(ErrorCode.OID4VC_PEER_UNAVAILABLE, "cannot resolve " + uri.getHost());
    }
    for (InetAddress a : addresses) {
      boolean allowedLoopback = loopbackAllowed && a.isLoopbackAddress();
      if (Addresses.isInternal(a) && !allowedLoopback) {
        throw refused(uri, "it resolves to an internal address");
      }
      if (http && !a.isLoopbackAddress()) {
        throw refused(uri, "plain http goes to loopback only");
      }
    }
    return uri;
  }

  private static Response send(HttpRequest.Builder b) throws VesperException {
    HttpRequest request = b.timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
          throw refused(request.uri(), "the answer is larger than " + MAX_BYTES + " bytes");
        }
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), body);
      }
    } catch (IOException e) {
      throw new VesperException(ErrorCode.OID4VC_PEER_UNAVAILABLE, request.uri().getHost() + " could not be reached: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VesperException(ErrorCode.OID4VC_PEER_UNAVAILABLE, "interrupted");
    }
  }

  private static VesperException refused(URI uri, String why) {
    String text = uri.toString();
    return new VesperException(ErrorCode.OID4VC_FETCH_REFUSED, "refused to fetch " + (text.length() > 80 ? text.substring(0, 80) + "…" : text)
        + ": " + why);
  }
}

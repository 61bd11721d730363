package dev.vesper.holder.outbound;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.server.fetch.FetchRules;
import dev.vesper.server.fetch.Fetched;
import dev.vesper.server.fetch.OutboundFetcher;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Outbound} over server-kit's {@link OutboundFetcher}, the one place where every service's outbound
 * rules live: {@code https} only, every address of the host public, the connection made to the address
 * that was checked (no second lookup), no redirects, 10 s and {@link #MAX_BYTES} per exchange. Whatever
 * relaxation the fetcher carries ({@link OutboundFetcher#forLocalTesting()}: plain http and loopback for
 * the local stack and tests) applies here too. Failures keep the wallet's error ids:
 * {@link ErrorCode#OID4VC_FETCH_REFUSED} before any connection, {@link ErrorCode#OID4VC_PEER_UNAVAILABLE}
 * after; nothing is remembered, since a wallet acts on a tenant's explicit request.
 */
public final class HttpOutbound implements Outbound {
  /** The most bytes read from any answer. */
  public static final int MAX_BYTES = 1 << 20;

  private static final FetchRules RULES = FetchRules.of("OpenID4VC peer document").maxBytes(MAX_BYTES)
      .timeout(Duration.ofSeconds(10)).rememberFailuresFor(Duration.ZERO);

  private final OutboundFetcher fetcher;

  private HttpOutbound(OutboundFetcher fetcher) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
  }

  /** The wallet's outbound calls under {@code fetcher}'s rules. */
  public static HttpOutbound over(OutboundFetcher fetcher) {
    return new HttpOutbound(fetcher);
  }

  @Override
  public Response get(URI uri, String accept) throws VesperException {
    return send("GET", uri, Map.of("Accept", accept), null);
  }

  @Override
  public Response post(URI uri, String contentType, byte[] body, Map<String, String> headers) throws VesperException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", contentType);
    return send("POST", uri, all, body);
  }

  private Response send(String method, URI uri, Map<String, String> headers, byte[] body) throws VesperException {
    if (uri.getRawFragment() != null) {
      throw new VesperException(ErrorCode.OID4VC_FETCH_REFUSED, "refused to fetch a URL with a fragment");
    }
    try {
      Fetched f = fetcher.exchange(method, uri.toString(), headers, body, RULES);
      return new Response(f.status(), f.header("Content-Type").orElse(""), f.body());
    } catch (VesperException e) {
      ErrorCode code = e.code() == ErrorCode.FETCH_REFUSED ? ErrorCode.OID4VC_FETCH_REFUSED : ErrorCode.OID4VC_PEER_UNAVAILABLE;
      throw new VesperException(code, e.getMessage());
    }
  }
}

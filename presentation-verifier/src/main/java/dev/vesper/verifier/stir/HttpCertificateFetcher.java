package dev.vesper.verifier.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.server.fetch.FetchRules;
import dev.vesper.server.fetch.Fetched;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches x5u certificate chains through the {@link OutboundFetcher} with the rules a public verifier
 * needs: only origins (scheme, host <em>and</em> port) on the allow-list, https, public addresses (a
 * local-testing fetcher relaxes the last two), no redirects, 5 s, 64 KiB, failures remembered 30 s; a
 * chain is cached an hour (at most 1,024), so the call path does not fetch what it fetched before. Every
 * failure is {@code fetch.refused} (decided before connecting) or {@code fetch.failed} (one text for a
 * closed port, a 401 and a body without PEM alike). Thread-safe.
 */
public final class HttpCertificateFetcher implements CertificateFetcher {
  private static final Duration CACHE_FOR = Duration.ofHours(1);
  private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

  private final FetchRules rules;
  private final OutboundFetcher fetcher;
  private final Clock clock;
  private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > 1024;
    }
  };

  private record Cached(List<String> chain, Instant until) {}

  private HttpCertificateFetcher(Set<Origin> allowed, OutboundFetcher fetcher, Clock clock) {
    this.rules = FetchRules.of("x5u certificate chain").allowOnly(allowed);
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** Fetches through {@code fetcher} from these origins only. */
  public static HttpCertificateFetcher allowing(Set<Origin> origins, OutboundFetcher fetcher, Clock clock) {
    return new HttpCertificateFetcher(origins, fetcher, clock);
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
    // A body without PEM fails like a 401 would: same id, same text, remembered.
    List<String> chain = fetcher.fetch(uri, rules, HttpCertificateFetcher::pemChain);
    synchronized (cache) {
      cache.put(uri, new Cached(List.copyOf(chain), now.plus(CACHE_FOR)));
    }
    return chain;
  }

  private static List<String> pemChain(Fetched fetched) throws VesperException {
    List<String> chain = new ArrayList<>();
    Matcher m = PEM.matcher(new String(fetched.body(), StandardCharsets.US_ASCII));
    while (m.find()) {
      chain.add(m.group(1).replaceAll("\\s", ""));
    }
    if (chain.isEmpty()) {
      throw new VesperException(ErrorCode.FETCH_FAILED, "no PEM certificate");
    }
    return List.copyOf(chain);
  }
}

package dev.vesper.verifier.stir;

import dev.vesper.core.error.VesperException;
import dev.vesper.server.fetch.FetchRules;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import java.time.Duration;
import java.util.Set;

/**
 * Fetches what a verified PASSporT refers to (a presentation by reference, an RCD icon, a CRL) through
 * the {@link OutboundFetcher}: https, public addresses, the origins allowed (empty: any public https
 * origin), no redirects, within {@code timeout} and the caller's size limit; failures are the fetcher's
 * {@code fetch.refused} / {@code fetch.failed}. The STI-VS asks for a presentation only after the
 * PASSporT's signature, chain, numbers and freshness have verified, so a forged PASSporT cannot make it
 * fetch. Thread-safe.
 */
public final class HttpReferenceFetcher implements ReferenceFetcher {
  /** Within a call's budget: a referenced presentation or an icon comes in 2 s or not at all. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  private final OutboundFetcher fetcher;
  private final FetchRules rules;

  private HttpReferenceFetcher(OutboundFetcher fetcher, FetchRules rules) {
    this.fetcher = fetcher;
    this.rules = rules;
  }

  /** Fetches {@code what} from {@code origins} (empty: any public https origin) within {@code timeout}. */
  public static HttpReferenceFetcher allowing(String what, Set<Origin> origins, OutboundFetcher fetcher, Duration timeout) {
    FetchRules rules = FetchRules.of(what).timeout(timeout).rememberFailuresFor(Duration.ofSeconds(5));
    return new HttpReferenceFetcher(fetcher, origins.isEmpty() ? rules : rules.allowOnly(origins));
  }

  @Override
  public byte[] fetch(String url, int maxBytes) throws VesperException {
    return fetcher.fetch(url, rules.maxBytes(maxBytes)).body();
  }
}

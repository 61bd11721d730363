package dev.vesper.verifier;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.server.fetch.FetchRules;
import dev.vesper.server.fetch.OutboundFetcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Fetches status list tokens over HTTP (draft-ietf-oauth-status-list §8) through the
 * {@link OutboundFetcher}: GET with {@code Accept: application/statuslist+jwt}, https and public
 * addresses only (a local-testing fetcher relaxes both), up to 3 redirects each checked like the first
 * URL, any 2xx with that media type, 5 s, {@link StatusListToken#MAX_CHARS}, failures remembered 10 s.
 * Failures are {@code fetch.refused} or {@code fetch.failed}; {@link StatusLists} reports them as
 * {@code status.unavailable}. Thread-safe.
 */
public final class HttpStatusFetcher implements StatusFetcher {
  static final String MEDIA_TYPE = "application/statuslist+jwt";
  static final FetchRules RULES = FetchRules.of("status list").expect(MEDIA_TYPE).followRedirects(FetchRules.MAX_REDIRECTS)
      .maxBytes(StatusListToken.MAX_CHARS).rememberFailuresFor(Duration.ofSeconds(10));

  private final OutboundFetcher fetcher;

  private HttpStatusFetcher(OutboundFetcher fetcher) {
    this.fetcher = fetcher;
  }

  /** Status lists fetched through {@code fetcher}. */
  public static HttpStatusFetcher using(OutboundFetcher fetcher) {
    return new HttpStatusFetcher(Objects.requireNonNull(fetcher, "fetcher == null"));
  }

  @Override
  public String fetch(String uri) throws VesperException {
    return new String(fetcher.fetch(uri, RULES).body(), StandardCharsets.US_ASCII);
  }
}

package dev.vesper.issuer.vetting;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.stir.Pem;
import dev.vesper.server.fetch.FetchRules;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Fetches numbering authorities' {@code x5u} certificate chains through the shared hardened
 * {@link OutboundFetcher}: only the allow-listed origins (scheme, host and port), https and public
 * addresses, no redirects, 5 s, 64 KiB, failures remembered 30 s; the body's PEM certificates, end-entity
 * first. Every failure is {@code fetch.refused} or {@code fetch.failed} (a body without a certificate
 * answers as any other failed fetch). Thread-safe.
 */
public final class HttpX5uFetcher implements X5uFetcher {
  private final OutboundFetcher fetcher;
  private final FetchRules rules;

  private HttpX5uFetcher(Set<Origin> origins, OutboundFetcher fetcher) {
    this.fetcher = fetcher;
    this.rules = FetchRules.of("authority x5u certificate chain").allowOnly(origins);
  }

  /** Fetches through {@code fetcher} from these origins only. */
  public static HttpX5uFetcher allowing(Set<Origin> origins, OutboundFetcher fetcher) {
    return new HttpX5uFetcher(origins, fetcher);
  }

  @Override
  public List<X509Certificate> fetch(URI url) throws VesperException {
    byte[] body = fetcher.fetch(url.toString(), rules).body();
    try {
      return Pem.certificates(new String(body, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.FETCH_FAILED, "the " + rules.what() + " could not be fetched");
    }
  }
}

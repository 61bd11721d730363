package dev.vesper.verifier.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.stir.CrlSource;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STI CRLs a verifier needs, by distribution-point URL: fetched the first time a certificate names
 * one, then refreshed by {@link #refresh()} (the service calls it on a schedule) every
 * {@link #REFRESH} or sooner when a CRL's {@code nextUpdate} comes, so calls read them from memory. A
 * refresh that fails keeps the last good CRL until its {@code nextUpdate}; after that, certificates naming
 * it are refused ({@code stir.certificate_revoked}: no current CRL) until a fetch succeeds. At most
 * {@link #MAX_CRLS} URLs are kept (an attacker's certificates cannot grow it without bound: they must
 * first chain to a trusted root). Thread-safe.
 */
public final class CrlCache implements CrlSource {
  private static final System.Logger LOG = System.getLogger(CrlCache.class.getName());
  static final Duration REFRESH = Duration.ofMinutes(15);
  static final int MAX_BYTES = 4 * 1024 * 1024;
  static final int MAX_CRLS = 256;

  private final ReferenceFetcher fetcher;
  private final Clock clock;
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  private record Held(X509CRL crl, Instant fetchedAt) {}

  public CrlCache(ReferenceFetcher fetcher, Clock clock) {
    this.fetcher = fetcher;
    this.clock = clock;
  }

  @Override
  public X509CRL crl(String url) throws VesperException {
    Held h = held.get(url);
    Instant now = clock.instant();
    if (h != null && usable(h, now)) {
      return h.crl();
    }
    try {
      return fetch(url).crl();
    } catch (VesperException e) {
      if (h != null && !past(h.crl(), now)) {
        return h.crl();
      }
      throw new VesperException(ErrorCode.STIR_CERTIFICATE_REVOKED, "no current CRL from " + url + ": " + e.getMessage());
    }
  }

  /** Refetches every CRL that is due; failures keep the last good copy and are logged. */
  public void refresh() {
    Instant now = clock.instant();
    for (Map.Entry<String, Held> e : List.copyOf(held.entrySet())) {
      if (!usable(e.getValue(), now)) {
        try {
          fetch(e.getKey());
        } catch (VesperException ex) {
          LOG.log(System.Logger.Level.WARNING, "CRL refresh failed, keeping the last good copy until its nextUpdate: " + ex.getMessage());
        }
      }
    }
  }

  /** The URLs held and when each was fetched (for operations). */
  public Map<String, Instant> held() {
    Map<String, Instant> out = new TreeMap<>();
    held.forEach((k, v) -> out.put(k, v.fetchedAt()));
    return out;
  }

  private Held fetch(String url) throws VesperException {
    if (!held.containsKey(url) && held.size() >= MAX_CRLS) {
      throw new VesperException(ErrorCode.STIR_CERTIFICATE_REVOKED, "too many CRL distribution points");
    }
    byte[] der = fetcher.fetch(url, MAX_BYTES);
    X509CRL crl;
    try {
      crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VesperException(ErrorCode.STIR_CERTIFICATE_REVOKED, "not a CRL");
    }
    Held h = new Held(crl, clock.instant());
    held.put(url, h);
    return h;
  }

  private static boolean usable(Held h, Instant now) {
    return now.isBefore(h.fetchedAt().plus(REFRESH)) && !past(h.crl(), now);
  }

  private static boolean past(X509CRL crl, Instant now) {
    return crl.getNextUpdate() != null && !now.isBefore(crl.getNextUpdate().toInstant());
  }
}

package dev.vesper.verifier.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.RichCallData;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies a PASSporT's Rich Call Data (RFC 9795) once the PASSporT itself has verified: for a VESPER call
 * the signed {@code nam} must be the name the presentation discloses (the vetted name), and an icon is
 * kept only when its bytes, fetched through the {@link ReferenceFetcher}, match the {@code rcdi} digest.
 * Anything that does not verify is dropped, never failing the call (the number's verdict stands), and the
 * reason is reported. Icons verified once are remembered for an hour (1,024 of them), so the call path does
 * not refetch them. Thread-safe.
 */
final class RcdCheck {
  static final int MAX_ICON_BYTES = 256 * 1024;

  /** The verified RCD as the verdict shows it ({@code nam}, {@code icn}?, {@code crn}?), or null; and why some was dropped. */
  record Outcome(Map<String, Object> rcd, VesperException dropped) {}

  private final ReferenceFetcher fetcher;
  private final Clock clock;
  private final Map<String, Instant> verifiedIcons = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > 1024;
    }
  };

  RcdCheck(ReferenceFetcher fetcher, Clock clock) {
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** {@code vettedName}: the presentation's disclosed name for a VESPER call, null for SHAKEN and base PASSporTs. */
  Outcome check(Passport passport, boolean vesper, String vettedName) {
    RichCallData rcd;
    try {
      rcd = RichCallData.read(passport);
    } catch (VesperException e) {
      return new Outcome(null, e);
    }
    if (rcd == null) {
      return new Outcome(null, null);
    }
    if (vesper && !rcd.nam().equals(vettedName)) {
      return new Outcome(null, new VesperException(ErrorCode.STIR_RCD_UNVERIFIED,
          vettedName == null ? "rcd.nam without the name disclosed in the presentation" : "rcd.nam is not the vetted name"));
    }
    VesperException dropped = null;
    if (rcd.icn() != null) {
      try {
        verifyIcon(rcd.icn(), rcd.icnIntegrity());
      } catch (VesperException e) {
        dropped = new VesperException(ErrorCode.STIR_RCD_UNVERIFIED, "rcd.icn dropped: " + e.getMessage());
        rcd = rcd.withoutIcon();
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nam", rcd.nam());
    if (rcd.icn() != null) {
      out.put("icn", rcd.icn());
    }
    if (rcd.crn() != null) {
      out.put("crn", rcd.crn());
    }
    return new Outcome(out, dropped);
  }

  private void verifyIcon(String url, String integrity) throws VesperException {
    String key = integrity + " " + url;
    Instant now = clock.instant();
    synchronized (verifiedIcons) {
      Instant until = verifiedIcons.get(key);
      if (until != null && now.isBefore(until)) {
        return;
      }
    }
    byte[] icon = fetcher.fetch(url, MAX_ICON_BYTES);
    if (!RichCallData.matches(integrity, icon)) {
      throw new VesperException(ErrorCode.STIR_RCD_UNVERIFIED, "the icon's bytes do not match rcdi /icn");
    }
    synchronized (verifiedIcons) {
      verifiedIcons.put(key, now.plusSeconds(3600));
    }
  }
}

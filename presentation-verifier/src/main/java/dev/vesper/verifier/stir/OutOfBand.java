package dev.vesper.verifier.stir;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.stir.CpsToken;
import dev.vesper.core.stir.IdentityHeader;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.server.fetch.FetchRules;
import dev.vesper.server.fetch.Fetched;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Out-of-band retrieval for the STI-VS (RFC 8816, draft-wendt-stir-vesper-oob): when an INVITE arrives
 * without an Identity header, the PASSporTs published for the call are asked of a Call Placement Service
 * ({@code GET /passports/{dest}/{orig}}) with a fresh retrieve token signed by this verifier's own STI
 * credential (new {@code jti}, {@code aud} = the CPS host), as one {@link OutboundFetcher#exchange} (the
 * CPS origin only, no redirects, {@link #TIMEOUT}). Each PASSporT comes back as an Identity header value
 * ({@code info} = its {@code x5u}), then verified exactly as one that came in band. Thread-safe.
 */
public final class OutOfBand {
  /** The call waits for the CPS at most this long (then: No-TN-Validation, the call goes on). */
  public static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** Where a PASSporT without x5u points its info: nothing fetchable (RFC 6761 .invalid). */
  static final String NO_INFO = "https://x5c.invalid/";

  private final String base;
  private final String audience;
  private final Signer key;
  private final List<String> x5c;
  private final OutboundFetcher fetcher;
  private final FetchRules rules;
  private final Clock clock;

  private OutOfBand(String base, Signer key, List<String> x5c, OutboundFetcher fetcher, Clock clock) {
    URI u = URI.create(base);
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.audience = u.getHost();
    this.key = key;
    this.x5c = List.copyOf(x5c);
    this.fetcher = fetcher;
    this.rules = FetchRules.of("CPS retrieval").allowOnly(Set.of(Origin.of(u))).timeout(TIMEOUT).rememberFailuresFor(Duration.ZERO);
    this.clock = clock;
  }

  /** Retrieves from the CPS at {@code base} (https), authenticating with this STI key and chain. */
  public static OutOfBand from(String base, Signer key, List<String> x5c, OutboundFetcher fetcher, Clock clock) {
    return new OutOfBand(base, key, x5c, fetcher, clock);
  }

  /**
   * The Identity header values of the PASSporTs held for the call from {@code orig} to {@code dest}.
   *
   * @throws VesperException {@code fetch.failed} when the CPS holds none (404), refuses, is down or is
   *     slow: one answer for all, as the fetcher gives (the verdict is No-TN-Validation either way)
   */
  List<String> retrieve(TelephoneNumber orig, TelephoneNumber dest) throws VesperException {
    String token = CpsToken.sign(CpsToken.Action.RETRIEVE, orig, dest, audience, null, key, x5c, clock.instant(), UUID.randomUUID().toString());
    String url = base + "/passports/" + dest.digits() + "/" + orig.digits();
    Fetched answer = fetcher.exchange("GET", url, Map.of("Authorization", "Bearer " + token, "Accept", "application/json"), null, rules);
    if (answer.status() != 200) {
      throw new VesperException(ErrorCode.FETCH_FAILED, "the CPS answered " + answer.status());
    }
    Map<String, Object> body = Json.parseObject(answer.body());
    List<String> out = new ArrayList<>();
    if (body.get("passports") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String compact && out.size() < 5) {
          Passport p = Passport.parse(compact);
          out.add(IdentityHeader.of(compact, p.x5u().orElse(NO_INFO), p.ppt().orElse(null)).toString());
        }
      }
    }
    return out;
  }
}

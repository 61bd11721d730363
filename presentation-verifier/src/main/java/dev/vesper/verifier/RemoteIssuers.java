package dev.vesper.verifier;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.Stage;
import dev.vesper.core.error.VesperException;
import dev.vesper.server.fetch.FetchRules;
import dev.vesper.server.fetch.HttpFreshness;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Issuers trusted by name: each issuer's keys come from its JWT VC Issuer Metadata, fetched from the
 * well-known URL SD-JWT VC defines ({@link #metadataUrl}) through the {@link OutboundFetcher} (that origin
 * only, so the issuer is allow-listed by being named; up to 3 redirects within it; 64 KiB; 5 s;
 * {@code application/json}). The document's {@code issuer} must equal the name byte for byte, else it is
 * discarded. A fetched document is kept as HTTP caching says ({@code Cache-Control: max-age},
 * {@code Expires}; {@code no-store}/{@code no-cache} count as the minimum), clamped to 1 minute..1 day, and
 * refetched at once when a token names a {@code kid} it lacks (at most once a minute per issuer, so random
 * kids cannot make it fetch at will). When a refetch fails, the copy fetched last keeps answering for up to
 * a day. Keys from {@code files} (metadata documents or one bare set) are trusted alongside. Thread-safe.
 */
public final class RemoteIssuers implements IssuerTrust {
  static final String WELL_KNOWN = "/.well-known/jwt-vc-issuer";
  static final Duration MIN_FRESH = Duration.ofMinutes(1);
  static final Duration MAX_FRESH = Duration.ofDays(1);
  static final Duration DEFAULT_FRESH = Duration.ofMinutes(5);
  private static final Duration REFETCH_AT_MOST_EVERY = Duration.ofMinutes(1);
  private static final Duration STALE_AT_MOST = Duration.ofDays(1);

  private final TrustedKeys files;
  private final OutboundFetcher fetcher;
  private final Clock clock;
  private final Map<String, Issuer> issuers = new LinkedHashMap<>();
  private volatile TrustedKeys all;

  /** A fetched metadata document's keys and how long they are fresh. */
  private record Document(TrustedKeys keys, Instant freshUntil) {}

  /** One named issuer: where its metadata is, and what was fetched last. */
  private static final class Issuer {
    final String url;
    final FetchRules rules;
    volatile TrustedKeys keys;
    Instant fetchedAt;
    Instant freshUntil;
    Instant lastAttempt;

    Issuer(String url, FetchRules rules) {
      this.url = url;
      this.rules = rules;
    }
  }

  private RemoteIssuers(TrustedKeys files, List<String> names, OutboundFetcher fetcher, Clock clock) {
    this.files = Objects.requireNonNull(files, "files == null");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    for (String name : names) {
      String url = metadataUrl(name);
      FetchRules rules = FetchRules.of("issuer metadata").allowOnly(Set.of(Origin.of(URI.create(url))))
          .followRedirects(FetchRules.MAX_REDIRECTS).expect("application/json");
      issuers.put(name, new Issuer(url, rules));
    }
    this.all = files;
  }

  /** Trusts the issuers {@code names} (their identifiers, as tokens carry them in {@code iss}) and the keys of {@code files}. */
  public static RemoteIssuers of(List<String> names, TrustedKeys files, OutboundFetcher fetcher, Clock clock) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name at least one issuer");
    }
    for (String name : names) {
      if (files.issuers().contains(name)) {
        throw new IllegalArgumentException("issuer " + name + " is both named and given as a metadata file: choose one");
      }
    }
    return new RemoteIssuers(files, names, fetcher, clock);
  }

  /**
   * Where issuer {@code issuer}'s metadata is (draft-ietf-oauth-sd-jwt-vc, JWT VC Issuer Metadata):
   * {@code /.well-known/jwt-vc-issuer} between the host and the path, the path's trailing {@code /}
   * removed: {@code https://ex.com/tenant/1} → {@code https://ex.com/.well-known/jwt-vc-issuer/tenant/1}.
   *
   * @throws IllegalArgumentException when {@code issuer} is not an http(s) URL without query and fragment
   */
  public static String metadataUrl(String issuer) {
    URI u;
    try {
      u = new URI(issuer);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("an issuer is an https URL: " + issuer);
    }
    if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getRawQuery() != null
        || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("an issuer is an https URL without user info, query or fragment: " + issuer);
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return u.getScheme() + "://" + u.getRawAuthority() + WELL_KNOWN + path;
  }

  /** Fetches every named issuer's metadata now; returns the issuers that could not be had (for a warning). */
  public List<String> prefetch() {
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, Issuer> e : issuers.entrySet()) {
      try {
        fresh(e.getKey(), e.getValue(), true);
      } catch (VesperException ex) {
        failed.add(ex.getMessage());
      }
    }
    return failed;
  }

  @Override
  public PublicJwk keyFor(String iss, String kid) throws VesperException {
    Issuer issuer = iss == null ? null : issuers.get(iss);
    if (issuer == null) {
      return all.keyFor(iss, kid);
    }
    fresh(iss, issuer, false);
    try {
      return all.keyFor(iss, kid);
    } catch (VesperException e) {
      // A kid the issuer's document lacks: the issuer may have rotated its keys since.
      if (kid != null && fresh(iss, issuer, true)) {
        return all.keyFor(iss, kid);
      }
      throw e;
    }
  }

  @Override
  public TrustedKeys keysOf(String iss) throws VesperException {
    Issuer issuer = iss == null ? null : issuers.get(iss);
    if (issuer != null) {
      fresh(iss, issuer, false);
    }
    return all.keysOf(iss);
  }

  /**
   * Makes sure {@code issuer}'s keys are usable, fetching when there are none, they are stale, or
   * {@code refetch} asks for it (then at most once per {@link #REFETCH_AT_MOST_EVERY}); true when a new
   * document was fetched.
   */
  private boolean fresh(String name, Issuer issuer, boolean refetch) throws VesperException {
    synchronized (issuer) {
      Instant now = clock.instant();
      boolean stale = issuer.keys == null || !now.isBefore(issuer.freshUntil);
      boolean mayRefetch = issuer.lastAttempt == null || !now.isBefore(issuer.lastAttempt.plus(REFETCH_AT_MOST_EVERY));
      if (!stale && !(refetch && mayRefetch) || stale && !mayRefetch && issuer.keys != null) {
        return false;
      }
      issuer.lastAttempt = now;
      try {
        Document d = fetcher.fetch(issuer.url, issuer.rules, f -> {
          TrustedKeys parsed = TrustedKeys.parse(f.text());
          if (!parsed.issuers().equals(Set.of(name))) {
            throw new VesperException(ErrorCode.FETCH_FAILED, "the issuer metadata names another issuer; discarded");
          }
          return new Document(parsed, now.plus(HttpFreshness.lifetime(f, now, MIN_FRESH, MAX_FRESH, DEFAULT_FRESH)));
        });
        issuer.keys = d.keys();
        issuer.fetchedAt = now;
        issuer.freshUntil = d.freshUntil();
        rebuild();
        return true;
      } catch (VesperException e) {
        if (issuer.keys != null && now.isBefore(issuer.fetchedAt.plus(STALE_AT_MOST))) {
          return false; // keep answering from the copy fetched last
        }
        throw new VesperException(ErrorCode.ISSUER_UNKNOWN_KEY, "the metadata of issuer " + name + " could not be had ("
            + (e.code().stage() == Stage.FETCH ? e.code().id() : ErrorCode.FETCH_FAILED.id()) + ")");
      }
    }
  }

  private void rebuild() {
    List<TrustedKeys> sets = new ArrayList<>();
    sets.add(files);
    synchronized (issuers) {
      for (Issuer i : issuers.values()) {
        if (i.keys != null) {
          sets.add(i.keys);
        }
      }
      all = TrustedKeys.union(sets);
    }
  }
}

package dev.vesper.verifier;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.status.Status;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.core.status.StatusReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Status lists as a verifier sees them (draft-ietf-oauth-status-list §8.3): fetched through a
 * {@link StatusFetcher}, verified ({@link StatusListToken#verify}), and cached per uri for the list's
 * {@code ttl} counted from the fetch, clamped to {@code [minTtl, maxTtl]} and never past its
 * {@code exp}. The cache is bounded (least recently used out). When a refetch fails, the verifier fails
 * closed unless a grace period was granted ({@link #withGraceOnUnavailable}): then a list that went
 * stale less than that long ago still answers. Thread-safe.
 */
public final class StatusLists {
  /** Cache bounds: a list without {@code ttl} is refetched at least this often. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);
  /** And never more often than this, whatever {@code ttl} a list claims. */
  public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(1);

  private static final int MAX_ENTRIES = 1024;
  private static final Duration SKEW = Duration.ofSeconds(60);

  private final StatusFetcher fetcher;
  private final Clock clock;
  private final Duration grace;
  private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  private record Cached(StatusListToken.Verified list, Instant freshUntil) {}

  private StatusLists(StatusFetcher fetcher, Clock clock, Duration grace) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.grace = grace;
  }

  /** Status lists fetched through {@code fetcher}, failing closed when a list cannot be fetched. */
  public static StatusLists using(StatusFetcher fetcher, Clock clock) {
    return new StatusLists(fetcher, clock, Duration.ZERO);
  }

  /**
   * Relaxation: when a list cannot be refetched, keep answering from the copy that went stale less than
   * {@code grace} ago (a revocation may then be seen up to that much later).
   */
  public StatusLists withGraceOnUnavailable(Duration grace) {
    if (grace.isNegative() || grace.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("grace must be between 0 and 1 day");
    }
    return new StatusLists(fetcher, clock, grace);
  }

  /**
   * Checks {@code reference} of a token whose issuer trusts {@code issuerKeys} (that issuer's keys only:
   * a list signed by another trusted issuer's key is {@link ErrorCode#STATUS_LIST_INVALID}, cached or not).
   * Passes for VALID, throws {@link ErrorCode#STATUS_REVOKED},
   * {@link ErrorCode#STATUS_SUSPENDED}, {@link ErrorCode#STATUS_INDEX_OUT_OF_RANGE},
   * {@link ErrorCode#STATUS_LIST_INVALID} (also for status codes VESPER does not define) or
   * {@link ErrorCode#STATUS_UNAVAILABLE}.
   */
  public void check(StatusReference reference, TrustedKeys issuerKeys) throws VesperException {
    StatusListToken.Verified verified = list(reference.uri(), issuerKeys);
    if (!issuerKeys.contains(verified.signer())) {
      throw new VesperException(ErrorCode.STATUS_LIST_INVALID, "the status list is not signed by a key of the token's issuer");
    }
    int code = verified.list().get(reference.idx());
    Status status = Status.ofCode(code);
    if (status == null) {
      throw new VesperException(ErrorCode.STATUS_LIST_INVALID, "the status list holds undefined status " + code);
    }
    switch (status) {
      case VALID -> { }
      case INVALID -> throw new VesperException(ErrorCode.STATUS_REVOKED, "the issuer has revoked this token");
      case SUSPENDED -> throw new VesperException(ErrorCode.STATUS_SUSPENDED, "the issuer has suspended this token");
    }
  }

  private StatusListToken.Verified list(String uri, TrustedKeys issuerKeys) throws VesperException {
    Instant now = clock.instant();
    Cached cached;
    synchronized (cache) {
      cached = cache.get(uri);
    }
    if (cached != null && now.isBefore(cached.freshUntil())) {
      return cached.list();
    }
    String token;
    try {
      token = fetcher.fetch(uri);
    } catch (VesperException e) {
      if (cached != null && now.isBefore(cached.freshUntil().plus(grace)) && now.isBefore(cached.list().expiresAt())) {
        return cached.list();
      }
      throw e.code() == ErrorCode.STATUS_UNAVAILABLE ? e
          : new VesperException(ErrorCode.STATUS_UNAVAILABLE, "cannot fetch the status list " + uri + " (" + e.code().id() + "): "
              + e.getMessage());
    }
    StatusListToken.Verified verified = StatusListToken.verify(token, uri, issuerKeys, now, SKEW);
    Duration ttl = verified.ttl() == null ? DEFAULT_MAX_TTL : verified.ttl();
    ttl = ttl.compareTo(DEFAULT_MIN_TTL) < 0 ? DEFAULT_MIN_TTL : ttl.compareTo(DEFAULT_MAX_TTL) > 0 ? DEFAULT_MAX_TTL : ttl;
    Instant freshUntil = now.plus(ttl);
    if (freshUntil.isAfter(verified.expiresAt())) {
      freshUntil = verified.expiresAt();
    }
    synchronized (cache) {
      cache.put(uri, new Cached(verified, freshUntil));
    }
    return verified;
  }
}

package dev.vesper.server.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What one kind of fetch may do: which origins (scheme, host and port) it may reach, how many redirects
 * it follows (each hop checked like the first URL), how many bytes and how long it may take, what it asks
 * for ({@code Accept}) and which media types it accepts, and how long a failure is remembered (so a dead
 * or hostile URL costs one attempt per period, not one per call). Immutable.
 *
 * @param what what is fetched, for logs ("x5u certificate chain", "status list", ...)
 * @param allowed the only origins fetched from; empty means any (public, https) origin
 */
public record FetchRules(String what, Set<Origin> allowed, int maxRedirects, int maxBytes, Duration timeout, String accept,
    Set<String> mediaTypes, Duration rememberFailures) {
  /** The most redirects any fetch follows (draft-ietf-oauth-sd-jwt-vc asks for a cap; three is ours). */
  public static final int MAX_REDIRECTS = 3;

  public FetchRules {
    Objects.requireNonNull(what, "what == null");
    allowed = Set.copyOf(allowed);
    mediaTypes = Set.copyOf(mediaTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
    if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS || maxBytes < 1 || maxBytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException("redirects must be 0.." + MAX_REDIRECTS + " and the size 1 byte..16 MiB");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException("the time limit must be between 1 ms and 30 s");
    }
    if (rememberFailures.isNegative() || rememberFailures.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("failures are remembered 0 to 10 minutes");
    }
  }

  /** Rules for {@code what}: any public https origin, no redirects, 64 KiB, 5 s, any media type, failures remembered 30 s. */
  public static FetchRules of(String what) {
    return new FetchRules(what, Set.of(), 0, 64 * 1024, Duration.ofSeconds(5), null, Set.of(), Duration.ofSeconds(30));
  }

  /** Only these origins (and redirects only to them). */
  public FetchRules allowOnly(Set<Origin> origins) {
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("an allow-list needs at least one origin");
    }
    return new FetchRules(what, origins, maxRedirects, maxBytes, timeout, accept, mediaTypes, rememberFailures);
  }

  public FetchRules followRedirects(int max) {
    return new FetchRules(what, allowed, max, maxBytes, timeout, accept, mediaTypes, rememberFailures);
  }

  public FetchRules maxBytes(int bytes) {
    return new FetchRules(what, allowed, maxRedirects, bytes, timeout, accept, mediaTypes, rememberFailures);
  }

  public FetchRules timeout(Duration limit) {
    return new FetchRules(what, allowed, maxRedirects, maxBytes, limit, accept, mediaTypes, rememberFailures);
  }

  /** Sends {@code Accept: mediaType} and accepts only that media type (parameters ignored). */
  public FetchRules expect(String mediaType) {
    return new FetchRules(what, allowed, maxRedirects, maxBytes, timeout, mediaType, Set.of(mediaType), rememberFailures);
  }

  public FetchRules rememberFailuresFor(Duration period) {
    return new FetchRules(what, allowed, maxRedirects, maxBytes, timeout, accept, mediaTypes, period);
  }

  /** True when {@code origin} may be fetched from under these rules. */
  boolean allows(Origin origin) {
    return allowed.isEmpty() || allowed.contains(origin);
  }
}

package dev.vesper.server.http;

/**
 * Thrown by a handler when {@link RateLimiter} refuses a request; {@link ServerApp} answers 429 with
 * {@code Retry-After} and the {@code request.rate_limited} problem.
 */
public final class RateLimitExceeded extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long retryAfterSeconds;

  public RateLimitExceeded(long retryAfterSeconds) {
    super("rate limit exceeded; retry after " + retryAfterSeconds + " s", null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

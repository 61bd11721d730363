package dev.vesper.issuer.http;

import dev.vesper.server.http.RateLimitExceeded;
import dev.vesper.server.http.RateLimiter;
import io.javalin.http.Context;
import java.util.function.LongSupplier;

/**
 * The limit of anonymous self-registration ({@code POST /v1/entities} without a key), apart from the
 * callers' request limits (4,922 entities in 4 s went through those, issue 11): {@code perMinute}
 * registrations a minute in all, and a tenth of them (at least one) from any one client address. The
 * address is the TCP peer's: behind a reverse proxy it is the proxy's, and the limit is then shared.
 */
final class SelfRegistrations {
  private final RateLimiter inAll;
  private final RateLimiter perAddress;

  SelfRegistrations(int perMinute, LongSupplier nanoClock) {
    int fromOne = Math.max(1, perMinute / 10);
    this.inAll = new RateLimiter(perMinute / 60.0, perMinute, nanoClock);
    this.perAddress = new RateLimiter(fromOne / 60.0, fromOne, nanoClock);
  }

  /** Admits one registration from the caller's address, or throws (429 with Retry-After). */
  void admit(Context ctx) throws RateLimitExceeded {
    perAddress.enforce(ctx.ip());
    inAll.enforce("all");
  }
}

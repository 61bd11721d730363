package dev.vesper.server.http;

import dev.vesper.core.error.VesperException;
import io.javalin.http.Context;

/**
 * A service's authentication of its non-public routes. {@link ServerApp} calls it before the handler of
 * every {@link Access#TENANT} route, and of every {@link Access#OPERATOR} route once the operator key is
 * checked. It reads the credential (usually {@link BearerKeys#of}), throws {@code auth.unauthenticated}
 * (401) or {@link RateLimitExceeded} (429) to refuse, and records the caller in a request attribute
 * for the handler. It never looks at the request path: the route's {@link Access} says what is asked.
 */
@FunctionalInterface
public interface Gate {
  /** Admits the request to a route of {@code access} ({@link Access#TENANT} or {@link Access#OPERATOR}), or throws. */
  void admit(Context ctx, Access access) throws VesperException;
}

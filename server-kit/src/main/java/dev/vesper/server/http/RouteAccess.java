package dev.vesper.server.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;

/** Enforces each route's {@link Access} before its handler runs; see {@link Access} for the rules. */
final class RouteAccess {
  private static final Gate NO_TENANTS = (ctx, access) -> {
    if (access == Access.TENANT) {
      throw new VesperException(ErrorCode.AUTH_UNAUTHENTICATED, "this server has no tenants");
    }
  };

  private final byte[] operatorKeyHash;
  private final Gate gate;
  private volatile InternalRouter router;

  /** {@code operatorKey} null: OPERATOR routes answer 401; {@code gate} null: TENANT routes answer 401. */
  RouteAccess(String operatorKey, Gate gate) {
    this.operatorKeyHash = operatorKey == null ? null : BearerKeys.hash(operatorKey);
    this.gate = gate == null ? NO_TENANTS : gate;
  }

  /**
   * Binds to the server's router, refusing routes (HTTP methods) that do not name exactly one
   * {@link Access}: a forgotten role fails closed.
   */
  void bind(InternalRouter router) {
    for (ParsedEndpoint parsed : router.allHttpHandlers()) {
      Endpoint e = parsed.endpoint;
      if (!e.method.isHttpMethod()) {
        continue; // before/after filters, not routes
      }
      if (declared(e) == null) {
        throw new IllegalStateException("route " + e.method + " " + e.path + " must declare exactly one Access (PUBLIC, TENANT or OPERATOR)");
      }
    }
    this.router = router;
  }

  /**
   * Javalin answers a HEAD for a GET route itself (200, empty) without running the route's handler, so
   * a filter checks the GET route's {@link Access} first: HEAD tells no more than GET would.
   */
  void checkHead(Context ctx) throws VesperException {
    if (ctx.method() == HandlerType.HEAD && router != null && !router.hasHttpHandlerEntry(HandlerType.HEAD, ctx.path())) {
      ParsedEndpoint get = router.findFirstHttpHandlerEntry(HandlerType.GET, ctx.path());
      if (get != null) {
        check(ctx, declared(get.endpoint));
      }
    }
  }

  /**
   * Wraps a route's handler (Javalin's handler wrapper, applied to whatever the router runs: a HEAD
   * served by its GET route included) so that the route's own {@link Access} is checked first. Filters
   * pass unwrapped.
   */
  Handler wrap(Endpoint endpoint) {
    if (!endpoint.method.isHttpMethod()) {
      return endpoint.handler;
    }
    Access access = declared(endpoint);
    return ctx -> {
      check(ctx, access);
      endpoint.handler.handle(ctx);
    };
  }

  private static Access declared(Endpoint endpoint) {
    Roles roles = endpoint.metadata(Roles.class);
    return roles != null && roles.getRoles().size() == 1 && roles.getRoles().iterator().next() instanceof Access a ? a : null;
  }

  private void check(Context ctx, Access access) throws VesperException {
    if (access == null) {
      throw new VesperException(ErrorCode.AUTH_FORBIDDEN, "this route declares no access"); // unreachable: checked at start
    }
    switch (access) {
      case PUBLIC -> { }
      case TENANT -> gate.admit(ctx, Access.TENANT);
      case OPERATOR -> {
        if (operatorKeyHash != null && BearerKeys.matches(BearerKeys.of(ctx), operatorKeyHash)) {
          gate.admit(ctx, Access.OPERATOR);
          return;
        }
        if (operatorKeyHash == null) {
          throw new VesperException(ErrorCode.AUTH_UNAUTHENTICATED, "this server was started without an operator key");
        }
        gate.admit(ctx, Access.TENANT); // 401 unless a valid tenant key, which is...
        throw new VesperException(ErrorCode.AUTH_FORBIDDEN, "this needs the operator key"); // ...not enough
      }
    }
  }
}

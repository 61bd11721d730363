package dev.vesper.holder.http;

import dev.vesper.core.json.Json;
import dev.vesper.holder.service.OfferRedemption;
import dev.vesper.holder.service.PresentationResponder;
import dev.vesper.server.http.Access;
import dev.vesper.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * The holder as a wallet (docs/openid4vc.md §2), for a tenant ({@link Access#TENANT}: its API key,
 * checked by {@link HolderRoutes#admit}): {@code POST /v1/credential-offers} redeems an OpenID4VCI
 * offer, {@code POST /v1/presentation-requests} answers an OpenID4VP request within the disclosure policy.
 */
public final class WalletRoutes {
  private final OfferRedemption offers;
  private final PresentationResponder responder;

  public WalletRoutes(OfferRedemption offers, PresentationResponder responder) {
    this.offers = offers;
    this.responder = responder;
  }

  public void register(RoutesConfig r) {
    r.post("/v1/credential-offers", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("offer", "tx_code", "count"));
      long count = body.optInteger("count").orElse(1L);
      reply(ctx, 201, HolderJson.redemption(offers.redeem(HolderRoutes.caller(ctx), body.string("offer"),
          body.optString("tx_code").orElse(null), count < 1 || count > 10 ? 0 : (int) count)));
    }, Access.TENANT);
    r.post("/v1/presentation-requests", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("request"));
      reply(ctx, 200, HolderJson.answered(responder.respond(HolderRoutes.caller(ctx), body.string("request"))));
    }, Access.TENANT);
  }

  private static void reply(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}

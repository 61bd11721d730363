package dev.vesper.holder.http;

import dev.vesper.core.json.Json;
import dev.vesper.holder.service.DisclosurePolicy;
import dev.vesper.holder.service.PoolRefiller;
import dev.vesper.holder.service.Pools;
import dev.vesper.server.http.Access;
import dev.vesper.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's token pools (docs/holder.md, "Token pools"), each route {@link Access#TENANT}: list,
 * describe, change the rotation, refill marks and shared policy, refill now, delete.
 */
public final class PoolRoutes {
  private final Pools pools;
  private final PoolRefiller refiller;

  public PoolRoutes(Pools pools, PoolRefiller refiller) {
    this.pools = pools;
    this.refiller = refiller;
  }

  public void register(RoutesConfig r) {
    r.get("/v1/pools", ctx -> reply(ctx, 200, Map.of("pools", pools.list(HolderRoutes.caller(ctx)).stream().map(HolderJson::pool).toList())),
        Access.TENANT);
    r.get("/v1/pools/{id}", ctx -> reply(ctx, 200, HolderJson.pool(pools.describe(HolderRoutes.caller(ctx), ctx.pathParam("id")))),
        Access.TENANT);
    r.put("/v1/pools/{id}", ctx -> {
      JsonBody body = JsonBody.read(ctx, Set.of("rotation", "low_water", "target", "policy"));
      // the policy is read whole before anything is written: a bad policy changes nothing
      DisclosurePolicy policy = body.has("policy") ? DisclosurePolicy.fromJson(body.object("policy")) : null;
      reply(ctx, 200, HolderJson.pool(pools.update(HolderRoutes.caller(ctx), ctx.pathParam("id"), body.optString("rotation").orElse(null),
          body.optInteger("low_water").orElse(null), body.optInteger("target").orElse(null), policy)));
    }, Access.TENANT);
    r.post("/v1/pools/{id}/refill", ctx -> reply(ctx, 200, HolderJson.refilled(refiller.refillNow(HolderRoutes.caller(ctx),
        ctx.pathParam("id")))), Access.TENANT);
    r.delete("/v1/pools/{id}", ctx -> {
      pools.delete(HolderRoutes.caller(ctx), ctx.pathParam("id"));
      ctx.status(204);
    }, Access.TENANT);
  }

  private static void reply(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}

package dev.vesper.issuer.service;

import dev.vesper.core.json.Json;
import dev.vesper.issuer.store.Rows;
import dev.vesper.server.store.Ids;
import java.util.Map;

/** Builds audit events: what happened, to which entity and token, with non-secret detail. */
final class Events {
  private Events() {}

  static Rows.Event of(long nowMs, String entityId, String tokenId, String kind, Map<String, Object> detail) {
    return new Rows.Event(Ids.newId("ev"), nowMs, entityId, tokenId, kind, Json.write(detail));
  }
}

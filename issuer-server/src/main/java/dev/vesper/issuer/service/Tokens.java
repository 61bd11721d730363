package dev.vesper.issuer.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.Rows;
import dev.vesper.issuer.store.TokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issued tokens as the issuer knows them (never their disclosures) and their status (F4): revoke
 * (final), suspend, reinstate a suspension, each with a reason, timestamped and kept as an event.
 */
public final class Tokens {
  private final TokenStore store;
  private final IssuerStore entities;
  private final PublishedStatusLists lists;
  private final Clock clock;
  private final LogShipper log;

  public Tokens(TokenStore store, IssuerStore entities, PublishedStatusLists lists, Clock clock, LogShipper log) {
    this.store = store;
    this.entities = entities;
    this.lists = lists;
    this.clock = clock;
    this.log = log;
  }

  public Map<String, Object> list(Caller caller, String entityId) throws VesperException {
    if (!caller.mayActFor(entityId) || entities.entity(entityId).isEmpty()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such entity");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Rows.Token t : store.tokensOf(entityId)) {
      out.add(describe(t));
    }
    return Map.of("tokens", out);
  }

  public Map<String, Object> get(Caller caller, String tokenId) throws VesperException {
    return describe(token(caller, tokenId));
  }

  /**
   * Applies {@code action} ({@code revoke}, {@code suspend}, {@code reinstate}). The operator may do
   * all three; an entity may only revoke its own tokens.
   */
  public Map<String, Object> change(Caller caller, String tokenId, String action, String reason) throws VesperException {
    Rows.Token t = token(caller, tokenId);
    if (!caller.isOperator() && !action.equals("revoke")) {
      throw new VesperException(ErrorCode.AUTH_FORBIDDEN, "an entity may revoke its tokens; suspension and reinstatement are the operator's");
    }
    Reason why = Entities.requestedReason(reason);
    List<String> from;
    String to;
    switch (action) {
      case "revoke" -> {
        from = List.of("valid", "suspended");
        to = "revoked";
      }
      case "suspend" -> {
        from = List.of("valid");
        to = "suspended";
      }
      case "reinstate" -> {
        from = List.of("suspended");
        to = "valid";
      }
      default -> throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such action");
    }
    long now = clock.instant().getEpochSecond();
    String kind = "token_" + (action.equals("revoke") ? "revoked" : action.equals("suspend") ? "suspended" : "reinstated");
    if (!store.changeStatus(tokenId, from, to, why, now, Events.of(clock.millis(), t.entityId(), tokenId, kind, Map.of("reason", why.id())))) {
      throw new VesperException(ErrorCode.ISSUANCE_STATUS_CONFLICT, "cannot " + action + " a token that is " + t.status());
    }
    lists.changed(t.listId());
    if (log != null) {
      log.nudge();
    }
    return describe(store.token(tokenId).orElseThrow());
  }

  private Rows.Token token(Caller caller, String tokenId) throws VesperException {
    Rows.Token t = store.token(tokenId).orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such token"));
    if (!caller.mayActFor(t.entityId())) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such token");
    }
    return t;
  }

  private Map<String, Object> describe(Rows.Token t) throws VesperException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("entity_id", t.entityId());
    out.put("status", t.status());
    if (t.statusReason() != null) {
      out.put("status_reason", t.statusReason());
      out.put("status_changed_at", t.statusAt());
    }
    out.put("status_list", Map.of("uri", lists.uri(t.listId()), "idx", t.idx()));
    out.put("token_sha256", t.tokenSha256());
    out.put("holder_key_thumbprint", t.holderJkt());
    out.put("issuer_kid", t.issuerKid());
    out.put("tn", Json.parse(t.tnJson().getBytes(StandardCharsets.UTF_8)));
    if (t.listedJson() != null) {
      out.put("listed_publicly", Json.parse(t.listedJson().getBytes(StandardCharsets.UTF_8)));
    }
    out.put("issued_at", t.issuedAt());
    out.put("expires_at", t.expiresAt());
    store.issuanceEntry(t.id()).ifPresent(o -> {
      out.put("log_state", o.receipt() != null ? "logged" : "pending");
      if (o.receipt() != null) {
        out.put("log_index", o.logIndex());
        out.put("issuance_receipt", o.receipt());
      }
    });
    return out;
  }
}

package dev.vesper.issuer.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.status.StatusReference;
import dev.vesper.issuer.store.IssuerStore;
import dev.vesper.issuer.store.Rows;
import dev.vesper.issuer.store.TokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
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

  /**
   * An issued token as the issuer knows it (never its disclosures): its status, and the reason and time
   * of the last change (null while never changed), where its status is published, its hashes and
   * numbers ({@code tn} and the publicly listed ones, JSON arrays; {@code listedPublicly} null for none),
   * and its issuance's way into the log (null when the issuer reports to no log).
   */
  public record TokenView(String id, String entityId, String status, String statusReason, Long statusChangedAt, StatusReference statusList,
      String tokenSha256, String holderKeyThumbprint, String issuerKid, Object tn, Object listedPublicly, long issuedAt, long expiresAt,
      LogState log) {}

  /** The issuance's log entry: pending, or logged at {@code index} with its offline {@code receipt}. */
  public record LogState(Long index, String receipt) {
    public boolean logged() {
      return receipt != null;
    }
  }

  public Tokens(TokenStore store, IssuerStore entities, PublishedStatusLists lists, Clock clock, LogShipper log) {
    this.store = store;
    this.entities = entities;
    this.lists = lists;
    this.clock = clock;
    this.log = log;
  }

  public List<TokenView> list(Caller caller, String entityId) throws VesperException {
    if (!caller.mayActFor(entityId) || entities.entity(entityId).isEmpty()) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such entity");
    }
    List<TokenView> out = new ArrayList<>();
    for (Rows.Token t : store.tokensOf(entityId)) {
      out.add(describe(t));
    }
    return out;
  }

  public TokenView get(Caller caller, String tokenId) throws VesperException {
    return describe(token(caller, tokenId));
  }

  /**
   * Applies {@code action} ({@code revoke}, {@code suspend}, {@code reinstate}). The operator may do
   * all three; an entity may only revoke its own tokens.
   */
  public TokenView change(Caller caller, String tokenId, String action, String reason) throws VesperException {
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

  private TokenView describe(Rows.Token t) throws VesperException {
    Object tn = Json.parse(t.tnJson().getBytes(StandardCharsets.UTF_8));
    Object listed = t.listedJson() == null ? null : Json.parse(t.listedJson().getBytes(StandardCharsets.UTF_8));
    LogState log = store.issuanceEntry(t.id()).map(o -> new LogState(o.logIndex(), o.receipt())).orElse(null);
    return new TokenView(t.id(), t.entityId(), t.status(), t.statusReason(), t.statusAt(), new StatusReference(lists.uri(t.listId()), t.idx()),
        t.tokenSha256(), t.holderJkt(), t.issuerKid(), tn, listed, t.issuedAt(), t.expiresAt(), log);
  }
}

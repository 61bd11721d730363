package dev.vesper.issuer.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.status.StatusList;
import dev.vesper.core.status.StatusListToken;
import dev.vesper.issuer.store.TokenStore;
import dev.vesper.issuer.store.Rows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Serves the issuer's status lists as signed {@code statuslist+jwt} tokens (2 bits per token: valid,
 * invalid, suspended), and moves tokens between statuses. A signed list is reused for at most
 * {@link #REUSE} (several instances on PostgreSQL converge within that) and dropped at once when this
 * instance changes a status.
 */
public final class PublishedStatusLists {
  /** Entries per list; tokens get random free indexes, so neighbours reveal nothing. */
  public static final int LIST_SIZE = 1 << 14;
  /** A list takes new tokens until this full, keeping random allocation cheap. */
  static final double FILL_LIMIT = 0.75;
  private static final Duration REUSE = Duration.ofSeconds(5);

  private final TokenStore store;
  private final IssuerKeys keys;
  private final Clock clock;
  private final Supplier<String> issuerUrl;
  private final Duration ttl;
  private final Duration listValidity;
  private final Map<String, Signed> signed = new ConcurrentHashMap<>();

  private record Signed(String token, Instant at) {}

  public PublishedStatusLists(TokenStore store, IssuerKeys keys, Clock clock, Supplier<String> issuerUrl, Duration ttl, Duration listValidity) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
    this.issuerUrl = issuerUrl;
    this.ttl = ttl;
    this.listValidity = listValidity;
  }

  /** The uri a token's status reference carries for list {@code listId}. */
  String uri(String listId) {
    return issuerUrl.get() + "/status-lists/" + listId;
  }

  public Duration ttl() {
    return ttl;
  }

  /** The signed status list token of {@code listId}. */
  public String token(String listId) throws VesperException {
    Instant now = clock.instant();
    Signed s = signed.get(listId);
    if (s != null && now.isBefore(s.at().plus(REUSE)) && !now.isBefore(s.at())) {
      return s.token();
    }
    Rows.StatusList row = store.statusList(listId).orElseThrow(() -> new VesperException(ErrorCode.REQUEST_NOT_FOUND, "no such status list"));
    StatusList list = StatusList.allValid(2, row.size());
    for (int[] e : store.nonValidEntries(listId)) {
      list.set(e[0], e[1]);
    }
    String token = StatusListToken.sign(list, uri(listId), now, now.plus(listValidity), ttl, keys.signer());
    signed.put(listId, new Signed(token, now));
    return token;
  }

  /** Drops the cached list after a change made here. */
  void changed(String listId) {
    signed.remove(listId);
  }
}

package dev.vesper.core.log.entry;

/**
 * Why a key, token or right-to-use changed: the one vocabulary of revocation reasons, shared by the
 * issuer (its API and its store), the holder and the transparency log. Each reason has a stable wire
 * {@link #code()} in log entries and a stable {@link #id()} in APIs and stores; the log's JSON names it
 * by its constant in lower case (docs/transparency.md §2). Reading an id never falls back to a default:
 * {@link #fromId} refuses one it does not know.
 */
public enum Reason implements WireCode {
  UNSPECIFIED(0, "unspecified"),
  KEY_COMPROMISE(1, "key_compromise"),
  SUPERSEDED(2, "superseded"),
  CESSATION(3, "cessation"),
  HOLDER_REQUEST(4, "holder_request"),
  /** The entity gave up a number (released, ported away, reassigned by its carrier). */
  NUMBER_RELEASED(5, "number_reassigned"),
  PORT_OUT(6, "port_out"),
  DISCONNECT(7, "disconnect"),
  /** The vetting the token relied on expired. */
  EXPIRY(8, "kyc_expired"),
  FRAUD(9, "fraud"),
  /** The issuer's vetting of the entity was rejected or withdrawn. */
  KYC_INVALIDATED(10, "kyc_invalidated");

  private final int code;
  private final String id;

  Reason(int code, String id) {
    this.code = code;
    this.id = id;
  }

  @Override
  public int code() {
    return code;
  }

  /** The stable identifier in APIs and stores, e.g. {@code number_reassigned}. */
  public String id() {
    return id;
  }

  /**
   * The reason with this {@link #id()}.
   *
   * @throws IllegalArgumentException for an id no reason has (never a silent {@link #UNSPECIFIED})
   */
  public static Reason fromId(String id) {
    for (Reason r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reason id: " + id);
  }
}

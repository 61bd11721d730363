package dev.vesper.issuer.service;

/**
 * An entity's KYC state ({@link VettingState} derives it), with the stable id the API shows and the
 * store keeps. Reading an id never falls back to a default: {@link #fromId} refuses one it does not know.
 */
public enum KycState {
  /** Not every claimed attribute is covered yet, and it never was. */
  PENDING("pending"),
  /** Every claimed attribute is covered by decisions younger than the KYC validity. */
  VERIFIED("verified"),
  /** The operator's latest review rejected it. */
  REJECTED("rejected"),
  /** It was verified once and no longer is (a decision it relied on aged out). */
  EXPIRED("expired");

  private final String id;

  KycState(String id) {
    this.id = id;
  }

  /** The stable identifier, e.g. {@code verified}. */
  public String id() {
    return id;
  }

  /**
   * The state with this {@link #id()}.
   *
   * @throws IllegalArgumentException for an id no state has
   */
  public static KycState fromId(String id) {
    for (KycState s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown KYC state: " + id);
  }
}

package dev.vesper.core.log.entry;

/** Why a key, token or right-to-use changed, with stable wire codes. */
public enum Reason implements WireCode {
  UNSPECIFIED(0),
  KEY_COMPROMISE(1),
  SUPERSEDED(2),
  CESSATION(3),
  HOLDER_REQUEST(4),
  NUMBER_RELEASED(5),
  PORT_OUT(6),
  DISCONNECT(7),
  EXPIRY(8),
  FRAUD(9),
  /** The issuer's vetting of the entity was rejected or withdrawn. */
  KYC_INVALIDATED(10);

  private final int code;

  Reason(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}

package dev.vesper.issuer.service;

/** Who is calling: the operator (admin key), or one entity through its API key. */
public record Caller(boolean operator, String entityId) {
  public static final Caller OPERATOR = new Caller(true, null);

  public static Caller entity(String id) {
    return new Caller(false, id);
  }

  /** True when this caller may act on {@code entity}'s records. */
  boolean mayActFor(String entity) {
    return operator || entityId.equals(entity);
  }
}

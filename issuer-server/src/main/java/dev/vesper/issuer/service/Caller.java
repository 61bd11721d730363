package dev.vesper.issuer.service;

import java.util.Objects;

/**
 * Who is calling, as authenticated: the operator (the admin key), or one entity through its API key or
 * an OpenID4VCI access token issued to it. Only the authentication code of this package creates one
 * ({@link Authenticator}, {@link Entities#authenticate}, the credential endpoint's token check), so a
 * service method that receives a {@code Caller} knows who asks. Immutable.
 */
public final class Caller {
  private static final Caller OPERATOR = new Caller(null);

  private final String entityId;

  private Caller(String entityId) {
    this.entityId = entityId;
  }

  /** The operator, whose admin key the authentication code has just checked. */
  static Caller operator() {
    return OPERATOR;
  }

  /** The entity {@code id}, whose credential the authentication code has just checked. */
  static Caller entity(String id) {
    return new Caller(Objects.requireNonNull(id, "id == null"));
  }

  /** True for the operator. */
  public boolean isOperator() {
    return this == OPERATOR;
  }

  /** The entity acting, or null for the operator. */
  public String entityId() {
    return entityId;
  }

  /** True when this caller may act on {@code entity}'s records. */
  boolean mayActFor(String entity) {
    return this == OPERATOR || entityId.equals(entity);
  }

  @Override
  public String toString() {
    return this == OPERATOR ? "Caller[operator]" : "Caller[entity " + entityId + "]";
  }
}

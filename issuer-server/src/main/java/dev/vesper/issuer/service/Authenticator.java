package dev.vesper.issuer.service;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Turns the bearer key of a request into the {@link Caller} it authenticates: the operator for the admin
 * key (compared in constant time), else the entity whose API key it is. The HTTP layer's gate calls it;
 * it is one of the few places that create a {@code Caller}. Thread-safe.
 */
public final class Authenticator {
  private final byte[] operatorKeyHash;
  private final Entities entities;

  public Authenticator(String operatorKey, Entities entities) {
    this.operatorKeyHash = Sha256.digest(Objects.requireNonNull(operatorKey, "operatorKey == null").getBytes(StandardCharsets.UTF_8));
    this.entities = Objects.requireNonNull(entities, "entities == null");
  }

  /**
   * The caller {@code bearerKey} authenticates (null when the request carries none).
   *
   * @throws VesperException {@link ErrorCode#AUTH_UNAUTHENTICATED} for a missing or unknown key
   */
  public Caller authenticate(String bearerKey) throws VesperException {
    if (bearerKey != null && MessageDigest.isEqual(Sha256.digest(bearerKey.getBytes(StandardCharsets.UTF_8)), operatorKeyHash)) {
      return Caller.operator();
    }
    return entities.authenticate(bearerKey);
  }
}

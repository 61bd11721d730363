package dev.vesper.holder.service;

import java.util.Objects;

/**
 * An authenticated tenant. Only {@link Tenants#authenticate} creates one, from an API key it has just
 * checked, so a service method that receives a {@code Caller} knows which tenant asks; the one other way
 * in is {@link #unauthenticatedForPoolUpkeep}, named for what it skips. Immutable.
 */
public final class Caller {
  private final String tenantId;

  Caller(String tenantId) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId == null");
  }

  /**
   * The tenant on whose behalf the holder itself works, with no request and no key checked: only for the
   * upkeep the tenant delegated by opening a pool with a refill grant ({@link PoolRefiller}).
   */
  static Caller unauthenticatedForPoolUpkeep(String tenantId) {
    return new Caller(tenantId);
  }

  public String tenantId() {
    return tenantId;
  }

  @Override
  public String toString() {
    return "Caller[" + tenantId + "]";
  }
}

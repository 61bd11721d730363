package dev.vesper.holder.service;

import java.util.Objects;

/**
 * An authenticated tenant. Only {@link Tenants#authenticate} creates one, from an API key it has just
 * checked, so a service method that receives a {@code Caller} knows which tenant asks. Immutable.
 */
public final class Caller {
  private final String tenantId;

  Caller(String tenantId) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId == null");
  }

  public String tenantId() {
    return tenantId;
  }

  @Override
  public String toString() {
    return "Caller[" + tenantId + "]";
  }
}

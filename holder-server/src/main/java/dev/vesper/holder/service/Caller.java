package dev.vesper.holder.service;

import java.util.Objects;

/** An authenticated tenant, as established by {@link Tenants#authenticate}. */
public record Caller(String tenantId) {
  public Caller {
    Objects.requireNonNull(tenantId, "tenantId == null");
  }
}

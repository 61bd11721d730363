package dev.vesper.server.store;

import dev.vesper.core.error.VesperException;

/**
 * A key-encryption key: wraps and unwraps the per-tenant data keys. Implementations keep the key out
 * of the database: a file, an environment variable, or an HSM (PKCS#11).
 */
public interface Kek {
  /** A short, stable identifier stored next to each wrapped key, so rotation knows which KEK wrapped it. */
  String id();

  byte[] wrap(byte[] dataKey, byte[] associatedData) throws VesperException;

  byte[] unwrap(byte[] wrapped, byte[] associatedData) throws VesperException;
}

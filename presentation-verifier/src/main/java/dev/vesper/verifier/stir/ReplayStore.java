package dev.vesper.verifier.stir;

/**
 * Where the STI-VS remembers the PASSporTs it has seen (RFC 8224 replay protection): per instance in
 * memory ({@link ReplayCache}), or shared by every instance through a database.
 */
public interface ReplayStore {
  /**
   * Records {@code key} until {@code expiresAtSeconds}; false when it was already recorded and has not
   * expired (a replay). Atomic: of two concurrent first sightings, exactly one returns true.
   */
  boolean firstSighting(String key, long expiresAtSeconds, long nowSeconds);
}

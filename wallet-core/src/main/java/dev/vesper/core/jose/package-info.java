/**
 * Compact JWS (RFC 7515 §7.1) as every signed object here arrives: {@link dev.vesper.core.jose.CompactJws} parses
 * without verifying, keeps the exact received text (signatures and hashes run over it), and signs ES256.
 * Verification belongs to the doors that know which key to trust (the SD-JWT verifier, PASSporTs, status
 * lists).
 */
package dev.vesper.core.jose;

/**
 * The closed error vocabulary: every failure is a {@link dev.vesper.core.error.VesperException} carrying one
 * {@link dev.vesper.core.error.ErrorCode} with a stable id ({@code key_binding.nonce_mismatch}), raised at a
 * {@link dev.vesper.core.error.Stage}. {@link dev.vesper.core.error.Check} names the checks of a verification
 * in the one order they run, as {@code vesper verify --explain} reports them. Servers map codes to HTTP in
 * one place (server-kit's {@code Problems}); clients and tests match on ids, never on message text.
 *
 * <pre>{@code
 * try {
 *   verifier.verify(presentation, policy);
 * } catch (VesperException e) {
 *   if (e.code() == ErrorCode.STATUS_REVOKED) { ... }
 * }
 * }</pre>
 */
package dev.vesper.core.error;

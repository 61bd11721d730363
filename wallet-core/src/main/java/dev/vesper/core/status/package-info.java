/**
 * IETF Token Status Lists (draft-ietf-oauth-status-list): the bit-packed {@link dev.vesper.core.status.StatusList},
 * its signed {@code statuslist+jwt} form ({@link dev.vesper.core.status.StatusListToken}), a token's {@code
 * status} reference ({@link dev.vesper.core.status.StatusReference}) and the {@link
 * dev.vesper.core.status.Status} values VESPER uses (valid, invalid, suspended).
 *
 * <pre>{@code
 * StatusList list = StatusList.allValid(2, 131_072);
 * list.set(idx, Status.INVALID.code());
 * String token = StatusListToken.sign(list, uri, now, now.plus(Duration.ofDays(1)), Duration.ofMinutes(5), issuerKey);
 * }</pre>
 */
package dev.vesper.core.status;

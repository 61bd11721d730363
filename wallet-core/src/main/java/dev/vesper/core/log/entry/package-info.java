/**
 * What the VESPER transparency log records (docs/transparency.md §2): typed entry bodies (issuer keys,
 * token issuance, status changes, rights to use a number), their wire encoding, the signed {@link
 * dev.vesper.core.log.entry.Submission}, keyed number labels, the one vocabulary of {@link
 * dev.vesper.core.log.entry.Reason}s, and {@link dev.vesper.core.log.entry.IssuanceReceipts}, the offline proof
 * that a token's issuance was logged. No entry holds personal data.
 *
 * <pre>{@code
 * Submission s = Submission.sign(new TokenStatusChanged(tokenHash, TokenStatus.REVOKED, Reason.KEY_COMPROMISE), atMs, issuerKey);
 * IssuanceReceipts.trusting(origin, logKeys).check(receipt, issuerJwt, issuerKey);
 * }</pre>
 */
package dev.vesper.core.log.entry;

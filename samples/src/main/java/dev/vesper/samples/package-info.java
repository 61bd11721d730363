/**
 * One runnable story per user of the draft, each a file with a {@code main} on a fresh local stack: a consumer
 * who reveals only a name, an enterprise with two audiences, a contact centre under a grant, a revoked token,
 * a verifier shown forged calls, offline registry proofs, a wallet receiving by offer.
 */
package dev.vesper.samples;

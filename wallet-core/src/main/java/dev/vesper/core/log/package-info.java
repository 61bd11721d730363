/**
 * Transparency-log primitives (RFC 9162, C2SP): Merkle hashing and proofs ({@link dev.vesper.core.log.MerkleTree},
 * {@link dev.vesper.core.log.MerkleProofs}), tlog-tiles geometry, signed-note checkpoints ({@link
 * dev.vesper.core.log.SignedNote}, {@link dev.vesper.core.log.NoteKey}) and offline receipts ({@link
 * dev.vesper.core.log.Receipt}). Everything here verifies with nothing but public data and a log's key.
 *
 * <pre>{@code
 * MerkleProofs.verifyInclusion(index, size, LogHasher.leafHash(entry), proof, root);
 * }</pre>
 */
package dev.vesper.core.log;

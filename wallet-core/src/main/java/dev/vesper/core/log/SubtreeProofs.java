package dev.vesper.core.log;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Subtree inclusion and subtree consistency proofs (draft-ietf-plants-merkle-tree-certs §4): a subtree
 * {@code [start, end)} is valid when {@code start ≤ end} and {@code start} is a multiple of
 * BIT_CEIL(end − start); its inclusion proofs are RFC 9162 inclusion proofs within the subtree, and a
 * subtree consistency proof shows that the subtree's hash and the tree's root cover the same entries.
 * Transparency receipts and checkpoints covering a range of entries use them. Stateless.
 */
final class SubtreeProofs {
  private SubtreeProofs() {}

  /** True when {@code [start, end)} is a valid subtree. */
  public static boolean isValid(long start, long end) {
    if (start < 0 || start > end) {
      return false;
    }
    long size = end - start;
    long ceil = size <= 1 ? 1 : Long.highestOneBit(size - 1) << 1;
    return ceil > 0 && start % ceil == 0;
  }

  /** Checks that {@code leafHash} is entry {@code index} of the subtree {@code [start, end)} with hash {@code subtreeHash}. */
  public static void verifyInclusion(long index, long start, long end, byte[] leafHash, List<byte[]> proof, byte[] subtreeHash)
      throws VesperException {
    if (!isValid(start, end) || index < start || index >= end) {
      throw bad("entry " + index + " is not inside a valid subtree [" + start + ", " + end + ")");
    }
    if (leafHash.length != LogHasher.HASH_BYTES) {
      throw bad("leaf hash must be 32 bytes");
    }
    byte[] computed = MerkleProofs.rootFromInclusion(index - start, end - start, leafHash, proof);
    if (!MessageDigest.isEqual(computed, subtreeHash)) {
      throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "the subtree inclusion proof leads to another subtree hash");
    }
  }

  /**
   * Checks that the subtree {@code [start, end)} with hash {@code nodeHash} lies at those positions in
   * the tree of {@code size} entries whose root is {@code rootHash} (the draft's verification procedure,
   * step by step).
   */
  public static void verifyConsistency(long start, long end, long size, byte[] nodeHash, byte[] rootHash, List<byte[]> proof)
      throws VesperException {
    if (!isValid(start, end) || end > size) {
      throw bad("[" + start + ", " + end + ") is not a valid subtree of a tree of size " + size);
    }
    if (start == end) {
      if (!proof.isEmpty()) {
        throw bad("an empty subtree has an empty proof");
      }
      if (!MessageDigest.isEqual(nodeHash, LogHasher.emptyRoot())) {
        throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "an empty subtree hashes to SHA-256 of nothing");
      }
      return;
    }
    long fn = start;
    long sn = end - 1;
    long tn = size - 1;
    if (sn == tn) {
      while (fn != sn) {
        fn >>>= 1;
        sn >>>= 1;
        tn >>>= 1;
      }
    } else {
      while (fn != sn && (sn & 1) == 1) {
        fn >>>= 1;
        sn >>>= 1;
        tn >>>= 1;
      }
    }
    List<byte[]> rest = new ArrayList<>(proof);
    for (byte[] p : rest) {
      if (p.length != LogHasher.HASH_BYTES) {
        throw bad("proof hashes are 32 bytes");
      }
    }
    byte[] fr;
    byte[] sr;
    if (fn == sn) {
      fr = nodeHash;
      sr = nodeHash;
    } else {
      if (rest.isEmpty()) {
        throw bad("the subtree consistency proof is empty");
      }
      fr = rest.remove(0);
      sr = fr;
    }
    for (byte[] c : rest) {
      if (tn == 0) {
        throw bad("the subtree consistency proof is too long");
      }
      if ((sn & 1) == 1 || sn == tn) {
        if (fn < sn) {
          fr = LogHasher.nodeHash(c, fr);
        }
        sr = LogHasher.nodeHash(c, sr);
        while ((sn & 1) == 0) {
          fn >>>= 1;
          sn >>>= 1;
          tn >>>= 1;
        }
      } else {
        sr = LogHasher.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
      tn >>>= 1;
    }
    if (tn != 0) {
      throw bad("the subtree consistency proof is too short");
    }
    if (!MessageDigest.isEqual(fr, nodeHash) || !MessageDigest.isEqual(sr, rootHash)) {
      throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "the subtree consistency proof does not connect subtree and root");
    }
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.LOG_BAD_PROOF, message);
  }
}

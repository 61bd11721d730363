package dev.vesper.core.log;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification of RFC 9162 §2.1.3.2 inclusion proofs and §2.1.4.2 consistency proofs, strictly: the
 * index below the size, sizes ordered, every hash 32 bytes, the proof exactly as long as the sizes
 * require, and the final {@code sn = 0} check (omitted by some implementations). Stateless.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /**
   * Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose root is
   * {@code root}.
   */
  public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) throws VesperException {
    requireHash(leafHash, "leaf hash");
    requireHash(root, "root");
    if (index < 0 || size < 1 || index >= size) {
      throw bad("leaf index " + index + " is not inside a tree of size " + size);
    }
    if (proof.size() != inclusionLength(index, size)) {
      throw bad("an inclusion proof for leaf " + index + " of " + size + " has " + inclusionLength(index, size)
          + " hashes, not " + proof.size());
    }
    byte[] computed = rootFromInclusion(index, size, leafHash, proof);
    if (!MessageDigest.isEqual(computed, root)) {
      throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "the inclusion proof leads to another root");
    }
  }

  /** The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 2–4); sizes already checked. */
  static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof) throws VesperException {
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      requireHash(p, "proof hash");
      if (sn == 0) {
        throw bad("the inclusion proof is too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = LogHasher.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = LogHasher.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw bad("the inclusion proof is too short");
    }
    return r;
  }

  /**
   * Checks that the tree of {@code size2} leaves with root {@code root2} extends the tree of
   * {@code size1} leaves with root {@code root1}. Equal sizes need an empty proof and equal roots; a
   * first size of 0 is refused (nothing can be proven about the empty tree).
   */
  public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) throws VesperException {
    if (size1 < 1 || size2 < size1) {
      throw bad("no consistency proof exists from size " + size1 + " to size " + size2);
    }
    if (size1 == size2) {
      // Nothing is hashed: the proof is empty and the two roots must be the same bytes.
      if (!proof.isEmpty()) {
        throw bad("equal sizes need an empty consistency proof");
      }
      if (!MessageDigest.isEqual(root1, root2)) {
        throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "two trees of the same size have different roots");
      }
      return;
    }
    requireHash(root1, "first root");
    requireHash(root2, "second root");
    if (proof.size() != consistencyLength(size1, size2)) {
      throw bad("a consistency proof from " + size1 + " to " + size2 + " has " + consistencyLength(size1, size2)
          + " hashes, not " + proof.size());
    }
    for (byte[] p : proof) {
      requireHash(p, "proof hash");
    }
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1);
    }
    path.addAll(proof);
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (int i = 1; i < path.size(); i++) {
      byte[] c = path.get(i);
      if (sn == 0) {
        throw bad("the consistency proof is too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = LogHasher.nodeHash(c, fr);
        sr = LogHasher.nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = LogHasher.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw bad("the consistency proof is too short");
    }
    if (!MessageDigest.isEqual(fr, root1) || !MessageDigest.isEqual(sr, root2)) {
      throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "the consistency proof does not connect the two roots");
    }
  }

  /** The exact length of an inclusion proof: bitlen(index XOR (size−1)) plus the ones above it. */
  static int inclusionLength(long index, long size) {
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    int border = Long.bitCount(index >>> inner);
    return inner + border;
  }

  /**
   * The exact length of a consistency proof from {@code size1} to {@code size2} (0 < size1 < size2): the
   * suffix of the inclusion proof of leaf {@code size1 − 1} above level {@code shift} (the trailing zeros
   * of size1), plus the root of the old subtree at that level unless size1 is exactly a power of two.
   */
  static int consistencyLength(long size1, long size2) {
    int inner = 64 - Long.numberOfLeadingZeros((size1 - 1) ^ (size2 - 1));
    int border = Long.bitCount((size1 - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    int seed = Long.bitCount(size1) == 1 ? 0 : 1;
    return seed + (inner - shift) + border;
  }

  private static void requireHash(byte[] h, String what) throws VesperException {
    if (h == null || h.length != LogHasher.HASH_BYTES) {
      throw bad(what + " must be 32 bytes");
    }
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.LOG_BAD_PROOF, message);
  }
}

package dev.vesper.core.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RFC 9162 §2.1 over leaf hashes held in memory: the tree hash of any prefix, inclusion proofs (PATH)
 * and consistency proofs (SUBPROOF). Every complete, aligned subtree's hash is kept as it completes
 * (the nodes a tlog tile holds), so an append costs O(log n) hashes and a root or proof O(log² n)
 * lookups. Not thread-safe: callers that share a tree while appending must lock.
 */
public final class MerkleTree {
  private final List<byte[]> leaves = new ArrayList<>();
  /** levels.get(j).get(i) = MTH(D[i·2^j : (i+1)·2^j]) for j ≥ 1; level 0 is {@link #leaves}. */
  private final List<List<byte[]>> levels = new ArrayList<>(List.of(leaves));

  /** Appends a leaf hash; returns its index. */
  public long append(byte[] leafHash) {
    Objects.requireNonNull(leafHash, "leafHash == null");
    if (leafHash.length != LogHasher.HASH_BYTES) {
      throw new IllegalArgumentException("a leaf hash is 32 bytes");
    }
    leaves.add(leafHash.clone());
    for (int j = 0; levels.get(j).size() % 2 == 0; j++) {
      List<byte[]> level = levels.get(j);
      if (levels.size() == j + 1) {
        levels.add(new ArrayList<>());
      }
      levels.get(j + 1).add(LogHasher.nodeHash(level.get(level.size() - 2), level.get(level.size() - 1)));
    }
    return leaves.size() - 1L;
  }

  public long size() {
    return leaves.size();
  }

  /** MTH(D[0:size]). */
  public byte[] root(long size) {
    checkSize(size);
    return size == 0 ? LogHasher.emptyRoot() : hash(0, (int) size);
  }

  /** MTH(D[from:to]) of any range, as used for tile hashes (aligned, power-of-two ranges). */
  public byte[] subtreeRoot(long from, long to) {
    checkSize(to);
    if (from < 0 || from >= to) {
      throw new IllegalArgumentException("empty or inverted range " + from + ".." + to);
    }
    return hash((int) from, (int) to);
  }

  /** PATH(index, D[0:size]), leaf sibling first. */
  public List<byte[]> inclusionProof(long index, long size) {
    checkSize(size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index " + index + " outside size " + size);
    }
    List<byte[]> out = new ArrayList<>();
    path((int) index, 0, (int) size, out);
    return out;
  }

  /** PROOF(size1, D[0:size2]) for 0 < size1 ≤ size2; empty when the sizes are equal. */
  public List<byte[]> consistencyProof(long size1, long size2) {
    checkSize(size2);
    if (size1 < 1 || size1 > size2) {
      throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
    }
    List<byte[]> out = new ArrayList<>();
    if (size1 < size2) {
      subproof((int) size1, 0, (int) size2, true, out);
    }
    return out;
  }

  /** SUBTREE_PROOF(start, end, D[0:size]) of draft-ietf-plants-merkle-tree-certs §4.4.1, for a valid subtree. */
  public List<byte[]> subtreeConsistencyProof(long start, long end, long size) {
    checkSize(size);
    if (!SubtreeProofs.isValid(start, end) || end > size) {
      throw new IllegalArgumentException("[" + start + ", " + end + ") is not a valid subtree of size " + size);
    }
    List<byte[]> out = new ArrayList<>();
    if (start < end) {
      subtreeSubproof((int) start, (int) end, 0, (int) size, true, out);
    }
    return out;
  }

  private void subtreeSubproof(int start, int end, int from, int to, boolean complete, List<byte[]> out) {
    int n = to - from;
    if (start == 0 && end == n) {
      if (!complete) {
        out.add(hash(from, to));
      }
      return;
    }
    int k = split(n);
    if (end <= k) {
      subtreeSubproof(start, end, from, from + k, complete, out);
      out.add(hash(from + k, to));
    } else if (k <= start) {
      subtreeSubproof(start - k, end - k, from + k, to, complete, out);
      out.add(hash(from, from + k));
    } else {
      subtreeSubproof(0, end - k, from + k, to, false, out);
      out.add(hash(from, from + k));
    }
  }

  private void path(int m, int from, int to, List<byte[]> out) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = split(n);
    if (m < k) {
      path(m, from, from + k, out);
      out.add(hash(from + k, to));
    } else {
      path(m - k, from + k, to, out);
      out.add(hash(from, from + k));
    }
  }

  private void subproof(int m, int from, int to, boolean complete, List<byte[]> out) {
    int n = to - from;
    if (m == n) {
      if (!complete) {
        out.add(hash(from, to));
      }
      return;
    }
    int k = split(n);
    if (m <= k) {
      subproof(m, from, from + k, complete, out);
      out.add(hash(from + k, to));
    } else {
      subproof(m - k, from + k, to, false, out);
      out.add(hash(from, from + k));
    }
  }

  private byte[] hash(int from, int to) {
    int n = to - from;
    if ((n & (n - 1)) == 0 && from % n == 0) {
      return levels.get(Integer.numberOfTrailingZeros(n)).get(from / n);
    }
    int k = split(n);
    return LogHasher.nodeHash(hash(from, from + k), hash(from + k, to));
  }

  /** The largest power of two strictly below n (n > 1). */
  private static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private void checkSize(long size) {
    if (size < 0 || size > leaves.size()) {
      throw new IllegalArgumentException("size " + size + " outside 0.." + leaves.size());
    }
  }
}

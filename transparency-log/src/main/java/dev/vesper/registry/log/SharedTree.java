package dev.vesper.registry.log;

import dev.vesper.core.log.MerkleTree;
import dev.vesper.core.log.Tiles;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The log's Merkle tree shared between the integrator (the only writer) and request threads (readers).
 * Thread-safe.
 */
final class SharedTree {
  private final MerkleTree tree = new MerkleTree();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  void append(byte[] leafHash) {
    append(List.of(leafHash));
  }

  void append(List<byte[]> leafHashes) {
    lock.writeLock().lock();
    try {
      leafHashes.forEach(tree::append);
    } finally {
      lock.writeLock().unlock();
    }
  }

  long size() {
    return read(tree::size);
  }

  byte[] root(long size) {
    return read(() -> tree.root(size));
  }

  List<byte[]> inclusionProof(long index, long size) {
    return read(() -> tree.inclusionProof(index, size));
  }

  List<byte[]> consistencyProof(long from, long to) {
    return read(() -> tree.consistencyProof(from, to));
  }

  List<byte[]> tileHashes(Tiles.Tile tile) {
    return read(() -> Tiles.hashes(tree, tile));
  }

  private <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }
}

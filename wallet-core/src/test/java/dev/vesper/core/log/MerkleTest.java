package dev.vesper.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** RFC 9162 §2.1 against transparency-dev/merkle's vectors, and exhaustively for every size up to 64. */
class MerkleTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  private static final String[] ROOTS = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  @Test
  void hasherVectors() {
    assertThat(HEX.formatHex(LogHasher.leafHash("L123456".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    assertThat(HEX.formatHex(LogHasher.nodeHash("N123".getBytes(StandardCharsets.US_ASCII), "N456".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
  }

  @Test
  void rootsOfTheReferenceTree() {
    MerkleTree tree = new MerkleTree();
    for (String leaf : LEAVES) {
      tree.append(LogHasher.leafHash(HEX.parseHex(leaf)));
    }
    for (int n = 0; n <= 8; n++) {
      assertThat(HEX.formatHex(tree.root(n))).as("root of size " + n).isEqualTo(ROOTS[n]);
    }
  }

  @TestFactory
  Stream<DynamicTest> everySharedVectorFile() throws Exception {
    Path root = Fixtures.sharedVector("merkle/LICENSE").getParent();
    List<DynamicTest> tests = new ArrayList<>();
    for (String kind : List.of("inclusion", "consistency", "subtreeinclusion", "subtreeconsistency")) {
      try (Stream<Path> files = Files.walk(root.resolve(kind))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          JsonNode v = new ObjectMapper().readTree(f.toFile());
          boolean wantErr = v.get("wantErr").asBoolean();
          tests.add(DynamicTest.dynamicTest(root.relativize(f) + (wantErr ? " (rejected)" : " (accepted)"), () -> {
            if (wantErr) {
              assertThat(ErrorCodes.of(() -> verify(kind, v))).isIn(ErrorCode.LOG_BAD_PROOF, ErrorCode.LOG_ROOT_MISMATCH);
            } else {
              assertThatCode(() -> verify(kind, v)).doesNotThrowAnyException();
            }
          }));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(100);
    return tests.stream();
  }

  private static Object verify(String kind, JsonNode v) throws VesperException {
    if (kind.equals("subtreeinclusion")) {
      SubtreeProofs.verifyInclusion(v.get("leafIdx").asLong(), v.get("start").asLong(), v.get("end").asLong(), b64(v.get("leafHash")),
          list(v.get("proof")), b64(v.get("root")));
    } else if (kind.equals("subtreeconsistency")) {
      SubtreeProofs.verifyConsistency(v.get("start").asLong(), v.get("end").asLong(), v.get("size").asLong(), b64(v.get("root1")),
          b64(v.get("root2")), list(v.get("proof")));
    } else if (kind.equals("inclusion")) {
      MerkleProofs.verifyInclusion(v.get("leafIdx").asLong(), v.get("treeSize").asLong(), b64(v.get("leafHash")), list(v.get("proof")), b64(v.get("root")));
    } else {
      MerkleProofs.verifyConsistency(v.get("size1").asLong(), v.get("size2").asLong(), b64(v.get("root1")), b64(v.get("root2")), list(v.get("proof")));
    }
    return null;
  }

  private static byte[] b64(JsonNode n) {
    return n == null || n.isNull() ? new byte[0] : Base64.getDecoder().decode(n.asText());
  }

  private static List<byte[]> list(JsonNode n) {
    List<byte[]> out = new ArrayList<>();
    if (n != null && !n.isNull()) {
      n.forEach(e -> out.add(b64(e)));
    }
    return out;
  }

  /** Every inclusion and consistency proof of every tree up to 64 leaves verifies; a changed bit never does. */
  /** The cached tree against the RFC's recursive definition, at every size to 600 and every aligned subtree. */
  @Test
  void cachedNodesMatchTheRecursiveDefinition() {
    MerkleTree tree = new MerkleTree();
    List<byte[]> leaves = new ArrayList<>();
    for (int n = 1; n <= 600; n++) {
      byte[] leaf = LogHasher.leafHash(("leaf " + n).getBytes(StandardCharsets.UTF_8));
      leaves.add(leaf);
      tree.append(leaf);
      assertThat(tree.root(n)).as("root %d", n).isEqualTo(mth(leaves, 0, n));
      for (int w = 1; w <= n; w <<= 1) {
        if (n % w == 0) {
          assertThat(tree.subtreeRoot(n - w, n)).isEqualTo(mth(leaves, n - w, n));
        }
      }
    }
  }

  private static byte[] mth(List<byte[]> leaves, int from, int to) {
    if (to - from == 1) {
      return leaves.get(from);
    }
    int k = Integer.highestOneBit(to - from - 1);
    return LogHasher.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
  }

  @Test
  void exhaustiveUpTo64() throws Exception {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 64; i++) {
      tree.append(LogHasher.leafHash(new byte[] {(byte) i, (byte) (i * 7)}));
    }
    for (int n = 1; n <= 64; n++) {
      byte[] root = tree.root(n);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = tree.inclusionProof(i, n);
        MerkleProofs.verifyInclusion(i, n, leaf(i), proof, root);
        if (!proof.isEmpty()) {
          List<byte[]> bad = flip(proof, (i + n) % proof.size());
          int index = i;
          int size = n;
          assertThat(ErrorCodes.of(() -> {
            MerkleProofs.verifyInclusion(index, size, leaf(index), bad, root);
            return null;
          })).isEqualTo(ErrorCode.LOG_ROOT_MISMATCH);
        }
      }
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = tree.consistencyProof(m, n);
        MerkleProofs.verifyConsistency(m, n, tree.root(m), root, proof);
        if (!proof.isEmpty()) {
          List<byte[]> bad = flip(proof, (m + n) % proof.size());
          int first = m;
          int second = n;
          assertThat(ErrorCodes.of(() -> {
            MerkleProofs.verifyConsistency(first, second, tree.root(first), root, bad);
            return null;
          })).isEqualTo(ErrorCode.LOG_ROOT_MISMATCH);
          List<byte[]> shorter = proof.subList(0, proof.size() - 1);
          assertThat(ErrorCodes.of(() -> {
            MerkleProofs.verifyConsistency(first, second, tree.root(first), root, shorter);
            return null;
          })).isEqualTo(ErrorCode.LOG_BAD_PROOF);
        }
      }
    }
  }

  /** Every valid subtree of every tree up to 40 leaves: its consistency and inclusion proofs verify. */
  @Test
  void subtreeProofsExhaustively() throws Exception {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 40; i++) {
      tree.append(leaf(i));
    }
    int checked = 0;
    for (int n = 1; n <= 40; n++) {
      byte[] root = tree.root(n);
      for (int start = 0; start <= n; start++) {
        for (int end = start; end <= n; end++) {
          if (!SubtreeProofs.isValid(start, end)) {
            continue;
          }
          byte[] node = start == end ? LogHasher.emptyRoot() : tree.subtreeRoot(start, end);
          SubtreeProofs.verifyConsistency(start, end, n, node, root, tree.subtreeConsistencyProof(start, end, n));
          if (end > start) {
            MerkleTree sub = new MerkleTree();
            for (int i = start; i < end; i++) {
              sub.append(leaf(i));
            }
            for (int i = start; i < end; i++) {
              SubtreeProofs.verifyInclusion(i, start, end, leaf(i), sub.inclusionProof(i - start, end - start), node);
            }
          }
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
    // The draft's two worked examples (tree of 14 entries).
    assertThat(tree.subtreeConsistencyProof(4, 8, 14)).containsExactly(tree.subtreeRoot(0, 4), tree.subtreeRoot(8, 14));
    assertThat(tree.subtreeConsistencyProof(8, 13, 14))
        .containsExactly(tree.subtreeRoot(12, 13), tree.subtreeRoot(13, 14), tree.subtreeRoot(8, 12), tree.subtreeRoot(0, 8));
    assertThat(SubtreeProofs.isValid(4, 8)).isTrue();
    assertThat(SubtreeProofs.isValid(8, 13)).isTrue();
    assertThat(SubtreeProofs.isValid(2, 6)).isFalse();
    assertThat(SubtreeProofs.isValid(1, 3)).isFalse();
  }

  private static byte[] leaf(int i) {
    return LogHasher.leafHash(new byte[] {(byte) i, (byte) (i * 7)});
  }

  private static List<byte[]> flip(List<byte[]> proof, int which) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < proof.size(); i++) {
      byte[] h = proof.get(i).clone();
      if (i == which) {
        h[7] ^= 0x20;
      }
      out.add(h);
    }
    return out;
  }
}

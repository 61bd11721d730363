package dev.vesper.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** tlog-tiles geometry, with the examples of c2sp.org/tlog-tiles (reference/transparency.md §2.5). */
class TilesTest {
  @Test
  void indexPaths() {
    assertThat(Tiles.indexPath(1234067)).isEqualTo("x001/x234/067");
    assertThat(Tiles.indexPath(5)).isEqualTo("005");
    assertThat(Tiles.indexPath(0)).isEqualTo("000");
    assertThat(Tiles.indexPath(1000)).isEqualTo("x001/000");
  }

  @Test
  void tilesOfA70000LeafTree() {
    List<Tiles.Tile> tiles = Tiles.tilesFor(70_000);
    assertThat(tiles.stream().filter(t -> t.level() == 0 && !t.isPartial())).hasSize(273);
    assertThat(tiles).contains(new Tiles.Tile(0, 273, 112), new Tiles.Tile(1, 0, 256), new Tiles.Tile(1, 1, 17), new Tiles.Tile(2, 0, 1));
    assertThat(new Tiles.Tile(0, 273, 112).path()).isEqualTo("tile/0/273.p/112");
    assertThat(new Tiles.Tile(1, 1, 17).path()).isEqualTo("tile/1/001.p/17");
    assertThat(new Tiles.Tile(2, 0, 1).path()).isEqualTo("tile/2/000.p/1");
    assertThat(tiles).hasSize(273 + 1 + 1 + 1 + 1);
  }

  @Test
  void tilesOfA256LeafTree() {
    assertThat(Tiles.tilesFor(256)).containsExactly(new Tiles.Tile(0, 0, 256), new Tiles.Tile(1, 0, 1));
    assertThat(Tiles.tilesFor(0)).isEmpty();
  }

  @Test
  void pathsParseBackAndRejectNonCanonicalForms() {
    for (Tiles.Tile t : List.of(new Tiles.Tile(0, 1234067, 256), new Tiles.Tile(3, 5, 17), new Tiles.Tile(0, 0, 1))) {
      assertThat(Tiles.parse(t.path().substring("tile/".length()))).isEqualTo(t);
    }
    for (String bad : List.of("0/5", "0/0005", "00/005", "0/005.p/0", "0/005.p/256", "0/005.p/017", "0/001/234", "x/005", "64/005", "0/x000/005")) {
      assertThat(Tiles.parse(bad)).as(bad).isNull();
    }
  }

  @Test
  void aLevelOneHashIsTheRootOfTheFullTileBelow() {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 600; i++) {
      tree.append(LogHasher.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    List<byte[]> level1 = Tiles.hashes(tree, new Tiles.Tile(1, 0, 2));
    assertThat(level1.get(0)).isEqualTo(tree.subtreeRoot(0, 256));
    assertThat(level1.get(1)).isEqualTo(tree.subtreeRoot(256, 512));
    assertThat(tree.root(512)).isEqualTo(LogHasher.nodeHash(level1.get(0), level1.get(1)));
  }
}

package dev.vesper.holder;

import dev.vesper.server.testing.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps /openapi.json true to the routes (see {@link OpenApiContract}). */
class OpenApiContractTest {
  @TempDir Path dir;

  @Test
  void documentMatchesTheRoutes() throws Exception {
    try (HolderHarness h = new HolderHarness("sqlite", dir)) {
      OpenApiContract.assertMatches(h.tenant("Contract"), Path.of("src/main/java/dev/vesper/holder/http/HolderRoutes.java"),
          Path.of("src/main/java/dev/vesper/holder/http/WalletRoutes.java"));
    }
  }
}

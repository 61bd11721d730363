package dev.vesper.issuer;

import dev.vesper.server.testing.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps /openapi.json true to the routes (see {@link OpenApiContract}). */
class OpenApiContractTest {
  @TempDir Path dir;

  @Test
  void documentMatchesTheRoutes() throws Exception {
    try (IssuerHarness h = new IssuerHarness("sqlite", dir)) {
      OpenApiContract.assertMatches(h.register(IssuerHarness.ACME), Path.of("src/main/java/dev/vesper/issuer/http/IssuerRoutes.java"),
          Path.of("src/main/java/dev/vesper/issuer/http/Oid4vciRoutes.java"));
    }
  }
}

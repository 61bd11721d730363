package dev.vesper.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh SoftHSM2 token for tests. SoftHSM reads SOFTHSM2_CONF when the PKCS#11 library initialises,
 * so the build sets that variable for the test JVM (see the surefire configuration) and this helper
 * writes the file it names. SoftHSM missing is a failure, never a skip: ./run-tests installs it.
 */
public final class SoftHsm {
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  public static final String PIN = "1234";

  private SoftHsm() {}

  /** Wipes the token directory and initialises one token labelled {@code label} (slot list index 0). */
  public static synchronized void freshToken(String label) {
    String confPath = System.getenv("SOFTHSM2_CONF");
    if (confPath == null || confPath.isBlank()) {
      throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven (surefire sets it)");
    }
    if (!Files.isRegularFile(LIBRARY)) {
      throw new IllegalStateException("SoftHSM2 is not installed (apt-get install softhsm2; ./run-tests does it)");
    }
    try {
      Path conf = Path.of(confPath);
      Path tokens = conf.getParent().resolve("tokens");
      if (Files.exists(tokens)) {
        try (Stream<Path> walk = Files.walk(tokens)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(tokens);
      Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
      Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", "5678")
          .redirectErrorStream(true).start();
      String out = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!init.waitFor(60, TimeUnit.SECONDS) || init.exitValue() != 0) {
        throw new IllegalStateException("softhsm2-util failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare SoftHSM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

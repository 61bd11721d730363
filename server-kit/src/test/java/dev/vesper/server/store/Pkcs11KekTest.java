package dev.vesper.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.testing.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * The KEK in a real PKCS#11 token: SoftHSM2 (Debian package softhsm2, installed by ./run-tests). A
 * missing SoftHSM fails this test; it is never skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11KekTest {
  static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  static final char[] PIN = "1234".toCharArray();

  @BeforeAll
  static void initialiseToken() throws Exception {
    String confPath = System.getenv("SOFTHSM2_CONF");
    assertThat(confPath).as("SOFTHSM2_CONF is set by the build (server-kit/pom.xml)").isNotBlank();
    assertThat(LIBRARY).as("SoftHSM2 is installed (apt-get install softhsm2; ./run-tests does it)").isRegularFile();
    Path conf = Path.of(confPath);
    Path tokens = conf.getParent().resolve("tokens");
    if (Files.exists(tokens)) {
      try (var walk = Files.walk(tokens)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(tokens);
    Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "vesper-test", "--pin", "1234", "--so-pin", "5678")
        .redirectErrorStream(true).start();
    String out = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(init.exitValue()).as(out).isZero();
  }

  @Test
  @Order(2)
  void wrapsInsideTheTokenAndFindsTheKeyAgainByLabel() throws Exception {
    Pkcs11Kek kek = Pkcs11Kek.open(LIBRARY, 0, PIN, "vesper-kek", true);
    SealedBox.Wrapped dek = SealedBox.create("tenant-1", kek);
    String sealed = dek.box().seal("tokens", "row", "secret");
    assertThat(dek.kekId()).isEqualTo("p11-vesper-kek");

    Pkcs11Kek again = Pkcs11Kek.open(LIBRARY, 0, PIN, "vesper-kek", false);
    assertThat(SealedBox.open("tenant-1", dek.wrapped(), again).openText("tokens", "row", sealed)).isEqualTo("secret");
    assertThat(ErrorCodes.of(() -> SealedBox.open("tenant-2", dek.wrapped(), again))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);

    // Rotation between a software KEK and the HSM, both ways.
    SoftwareKek software = SoftwareKek.fromText(java.util.Base64.getEncoder().encodeToString(Aead.newKey()));
    String toSoftware = SealedBox.rewrap("tenant-1", dek.wrapped(), again, software);
    assertThat(SealedBox.open("tenant-1", toSoftware, software).openText("tokens", "row", sealed)).isEqualTo("secret");
    assertThat(ErrorCodes.of(() -> Pkcs11Kek.open(LIBRARY, 0, PIN, "no-such-key", false))).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
  }

  /** Runs first: once a process has logged in to a token, SoftHSM keeps it logged in for every session. */
  @Test
  @Order(1)
  void failsClosedWithAWrongPinOrLibrary() {
    assertThat(ErrorCodes.of(() -> Pkcs11Kek.open(LIBRARY, 0, "0000".toCharArray(), "vesper-kek", false))).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(ErrorCodes.of(() -> Pkcs11Kek.open(Path.of("/nonexistent.so"), 0, PIN, "k", true))).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
  }
}

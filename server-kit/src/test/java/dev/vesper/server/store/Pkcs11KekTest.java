package dev.vesper.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.server.testing.SoftHsm;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The KEK in a real PKCS#11 token: SoftHSM2 (Debian package softhsm2, installed by ./run-tests). A
 * missing SoftHSM fails this test; it is never skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11KekTest {
  static final Path LIBRARY = SoftHsm.LIBRARY;
  static final char[] PIN = "1234".toCharArray();

  @BeforeAll
  static void initialiseToken() {
    SoftHsm.freshToken("vesper-test");
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
    SoftwareKek software = SoftwareKek.fromText(Base64.getEncoder().encodeToString(Aead.newKey()));
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

package dev.vesper.core.testing;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.token.IdentityAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Fixed keys, time and randomness for deterministic tests; shared through the test-jar. */
public final class Fixtures {
  /** The fixed "now" of tests: 2026-11-28T00:00:00Z. */
  public static final Instant NOW = Instant.ofEpochSecond(1_795_824_000L);

  public static final String ISSUER_JWK =
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"7O2iYqZ5yM6DHxub5Eac7mLuqQJqMcZFQOHJalScZHc\","
          + "\"y\":\"bFUBNgizNI-xU34_H53Yw_Evok9qTxzHE3s2Tik3Xg0\",\"kid\":\"test-key-1\","
          + "\"d\":\"nnOIkBeXTX68tYhj07-BpUd006ITQ-Q3xVaTLdt0a0A\"}";
  public static final String HOLDER_JWK =
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"IPoH2kZZ2LMbBecWt0Y2tu1L7S173kGmjbkvaUv-Bgw\","
          + "\"y\":\"CU0o20naneiuWk-fBMkE_NDOCFIRjCSTOl2jRbViFj0\",\"kid\":\"test-key-2\","
          + "\"d\":\"2Fxk1-dcOZv5iXPA5vclbzUSaaJcc999Ggiui4OvgTQ\"}";
  public static final String ATTACKER_JWK =
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"xzdTrbHgjVBBS-c_HdRZUIBsDNn-1t4zsXIluVyC7Yw\","
          + "\"y\":\"zAk7SoRg9L0YcWXdFm86yr3xPM06-4OKJyhD4qMJ0Yg\",\"kid\":\"test-key-3\","
          + "\"d\":\"8C09kaoYeVdA3qhaOBNVZpY20NY9uC_jq6YB_YHAZiQ\"}";

  /** An organisation with every attribute, two single numbers and a range. */
  public static final String ENTERPRISE_CLAIMS =
      "{\"name\":\"Acme Widgets Inc.\",\"entity_type\":\"organization\","
          + "\"address\":{\"street_address\":\"1 Main St\",\"locality\":\"Washington\",\"region\":\"DC\","
          + "\"postal_code\":\"20001\",\"country\":\"US\"},"
          + "\"business_category\":\"retail\",\"business_ids\":{\"ein\":\"12-3456789\"},"
          + "\"kyc\":{\"level\":\"substantial\",\"method\":\"document\",\"vetted_at\":1764288000},"
          + "\"tn\":[\"+1 202 555 0100\",\"12025550101\",{\"start\":\"12025550200\",\"count\":100}]}";

  private Fixtures() {}

  public static SigningKey issuerKey() {
    return key(ISSUER_JWK);
  }

  public static SigningKey holderKey() {
    return key(HOLDER_JWK);
  }

  public static SigningKey attackerKey() {
    return key(ATTACKER_JWK);
  }

  private static SigningKey key(String jwk) {
    try {
      return SigningKey.parse(jwk);
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** Deterministic randomness (SHA1PRNG seeded), so issued tokens repeat exactly. */
  public static Randomness randomness(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return Randomness.from(random);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static IdentityAttributes enterprise() {
    try {
      return IdentityAttributes.fromInput(Json.parseObject(ENTERPRISE_CLAIMS));
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, Object> json(String text) {
    try {
      return Json.parseObject(text);
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The project root (tests run from a module directory). */
  public static Path projectRoot() {
    String root = System.getProperty("vesper.root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return p.toAbsolutePath().normalize();
  }

  /** A file under ../shared/vectors; a missing file fails the test, never skips it. */
  public static Path sharedVector(String relative) {
    Path p = projectRoot().resolve("../shared/vectors").resolve(relative).normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("conformance vector missing: " + p + " (see ../shared/vectors/README.md)");
    }
    return p;
  }

  public static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

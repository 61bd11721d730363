package dev.vesper.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.testing.ErrorCodes;
import dev.vesper.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class AeadTest {
  /** Wycheproof AES-GCM vectors (256-bit keys, 96-bit IVs, 128-bit tags: our format) through our wrapper. */
  @TestFactory
  Stream<DynamicTest> wycheproofAesGcm() throws Exception {
    JsonNode root = new ObjectMapper().readTree(Fixtures.sharedVector("wycheproof/aes_gcm_test.json").toFile());
    HexFormat hex = HexFormat.of();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      if (group.get("keySize").asInt() != 256 || group.get("ivSize").asInt() != 96 || group.get("tagSize").asInt() != 128) {
        continue;
      }
      for (JsonNode t : group.get("tests")) {
        byte[] key = hex.parseHex(t.get("key").asText());
        byte[] iv = hex.parseHex(t.get("iv").asText());
        byte[] aad = hex.parseHex(t.get("aad").asText());
        byte[] msg = hex.parseHex(t.get("msg").asText());
        byte[] ct = hex.parseHex(t.get("ct").asText());
        byte[] tag = hex.parseHex(t.get("tag").asText());
        byte[] input = new byte[iv.length + ct.length + tag.length];
        System.arraycopy(iv, 0, input, 0, iv.length);
        System.arraycopy(ct, 0, input, iv.length, ct.length);
        System.arraycopy(tag, 0, input, iv.length + ct.length, tag.length);
        String result = t.get("result").asText();
        tests.add(DynamicTest.dynamicTest("tc" + t.get("tcId").asInt() + " " + t.get("comment").asText() + " -> " + result, () -> {
          Aead aead = new Aead(key);
          if (result.equals("valid")) {
            assertThat(aead.decrypt(input, 0, aad)).isEqualTo(msg);
          } else if (result.equals("invalid")) {
            assertThat(ErrorCodes.of(() -> aead.decrypt(input, 0, aad))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);
          }
        }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(20);
    return tests.stream();
  }

  @Test
  void sealedValuesOpenOnlyWhereTheyWereWritten() throws Exception {
    SealedBox.Wrapped a = SealedBox.create("tenant-a", SoftwareKek.fromText(Base64.getEncoder().encodeToString(new byte[32])));
    String sealed = a.box().seal("tokens", "row-1", "secret salt");
    assertThat(a.box().openText("tokens", "row-1", sealed)).isEqualTo("secret salt");
    assertThat(sealed).doesNotContain("secret");
    assertThat(ErrorCodes.of(() -> a.box().open("tokens", "row-2", sealed))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);
    assertThat(ErrorCodes.of(() -> a.box().open("keys", "row-1", sealed))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);
    char[] chars = sealed.toCharArray();
    chars[chars.length / 2] = chars[chars.length / 2] == 'A' ? 'B' : 'A';
    assertThat(ErrorCodes.of(() -> a.box().open("tokens", "row-1", new String(chars)))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);
  }

  @Test
  void dataKeysUnwrapOnlyForTheirTenantAndSurviveKekRotation() throws Exception {
    SoftwareKek old = SoftwareKek.fromText(Base64.getEncoder().encodeToString(Aead.newKey()));
    SoftwareKek fresh = SoftwareKek.fromText(Base64.getEncoder().encodeToString(Aead.newKey()));
    SealedBox.Wrapped w = SealedBox.create("t1", old);
    String sealed = w.box().seal("tokens", "r", "v".getBytes(StandardCharsets.UTF_8));
    assertThat(ErrorCodes.of(() -> SealedBox.open("t2", w.wrapped(), old))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);
    assertThat(ErrorCodes.of(() -> SealedBox.open("t1", w.wrapped(), fresh))).isEqualTo(ErrorCode.STORAGE_INTEGRITY);
    String rewrapped = SealedBox.rewrap("t1", w.wrapped(), old, fresh);
    assertThat(SealedBox.open("t1", rewrapped, fresh).openText("tokens", "r", sealed)).isEqualTo("v");
    assertThat(old.id()).isNotEqualTo(fresh.id()).startsWith("sw-");
  }

  @Test
  void tagsAreStablePerTenantAndPurposeAndSurviveKekRotation() throws Exception {
    SoftwareKek kek = SoftwareKek.fromText(Base64.getEncoder().encodeToString(Aead.newKey()));
    SealedBox.Wrapped a = SealedBox.create("tenant-a", kek);
    SealedBox.Wrapped b = SealedBox.create("tenant-b", kek);
    String tag = a.box().tag("audience", "tel:+13035550199");
    assertThat(tag).hasSize(43).doesNotContain("3035550199");
    assertThat(a.box().tag("audience", "tel:+13035550199")).isEqualTo(tag);
    assertThat(a.box().tag("audience", "tel:+13035550198")).isNotEqualTo(tag);
    assertThat(a.box().tag("pool", "tel:+13035550199")).as("another purpose").isNotEqualTo(tag);
    assertThat(b.box().tag("audience", "tel:+13035550199")).as("another tenant").isNotEqualTo(tag);
    SoftwareKek fresh = SoftwareKek.fromText(Base64.getEncoder().encodeToString(Aead.newKey()));
    assertThat(SealedBox.open("tenant-a", SealedBox.rewrap("tenant-a", a.wrapped(), kek, fresh), fresh).tag("audience", "tel:+13035550199"))
        .isEqualTo(tag);
  }
}

package dev.vesper.verifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.sdjwt.HolderToken;
import dev.vesper.core.sdjwt.Limits;
import dev.vesper.core.sdjwt.SdJwtEncoder;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.core.token.VesperToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds presentations from a negative-case recipe (src/test/resources/negative/*.json): a valid VESPER
 * presentation by default, with exactly the deviation the recipe names. The builder bypasses our
 * issuance checks on purpose; everything it signs uses the fixed test keys.
 */
final class Forge {
  static final String AUD = "https://verifier.example";
  static final String NONCE = "nonce-1";

  private Forge() {}

  @SuppressWarnings("unchecked")
  static String build(Map<String, Object> recipe) throws Exception {
    if (recipe.containsKey("raw")) {
      return (String) recipe.get("raw");
    }
    // 1. Claims, encoded with every attribute selectively disclosable (no decoys: exact layout).
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://issuer.example");
    claims.put("iat", Fixtures.NOW.getEpochSecond() - 60);
    claims.put("exp", Fixtures.NOW.getEpochSecond() + 86400);
    claims.put("vct", VesperToken.VCT);
    claims.put("cnf", Map.of("jwk", Fixtures.holderKey().publicJwk().withoutKid().toJson()));
    claims.putAll(Fixtures.enterprise().claims());
    merge(claims, (Map<String, Object>) recipe.getOrDefault("claims", Map.of()));
    Set<String> visible = new HashSet<>(VesperToken.ALWAYS_VISIBLE);
    visible.addAll((List<String>) recipe.getOrDefault("visible", List.of()));
    visible.removeAll((List<String>) recipe.getOrDefault("disclosable", List.of()));
    SdJwtEncoder.Encoded encoded = SdJwtEncoder.withoutDecoys(Fixtures.randomness(7)).encode(claims, visible);
    Map<String, Object> payload = copy(encoded.payload());
    List<String> extra = new ArrayList<>();
    for (Map<String, Object> d : (List<Map<String, Object>>) recipe.getOrDefault("extraDisclosures", List.of())) {
      String disclosure = Base64Url.encode((String) d.get("json"));
      String digest = Sha256.base64UrlOfAscii(disclosure);
      switch ((String) d.getOrDefault("embed", "top")) {
        case "top" -> ((List<Object>) (payload.computeIfAbsent("_sd", k -> new ArrayList<>()))).add(digest);
        case "topTwice" -> {
          List<Object> sd = (List<Object>) payload.computeIfAbsent("_sd", k -> new ArrayList<>());
          sd.add(digest);
          sd.add(digest);
        }
        case "array" -> payload.put("x_list", List.of(Map.of("...", digest)));
        case "none" -> { }
        default -> embedIn(payload, (String) d.get("embed"), digest);
      }
      if (!Boolean.FALSE.equals(d.get("present"))) {
        extra.add(disclosure);
      }
    }
    merge(payload, (Map<String, Object>) recipe.getOrDefault("payload", Map.of()));
    // 2. The issuer JWT.
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("typ", VesperToken.TYP);
    header.put("kid", "test-key-1");
    merge(header, (Map<String, Object>) recipe.getOrDefault("header", Map.of()));
    SigningKey issuerSigner = "attacker".equals(recipe.get("signer")) ? Fixtures.attackerKey() : Fixtures.issuerKey();
    String jwt = CompactJws.sign(header, payload, issuerSigner);
    // 3. The holder's selection.
    List<String> presented = new ArrayList<>();
    Object present = recipe.getOrDefault("present", List.of("name", "tn=12025550100"));
    if ("all".equals(present)) {
      encoded.disclosures().forEach(d -> presented.add(d.encoded()));
    } else {
      // Select on an undamaged token: the recipe's damage targets the verifier, not the holder.
      StringBuilder clean = new StringBuilder(CompactJws.sign(Map.of("alg", "ES256"), encoded.payload(), Fixtures.issuerKey()));
      clean.append('~');
      encoded.disclosures().forEach(d -> clean.append(d.encoded()).append('~'));
      HolderToken holder = HolderToken.fromTrustedStore(clean.toString(), Limits.DEFAULT);
      Set<Disclosure> chosen = new LinkedHashSet<>();
      for (String s : (List<String>) present) {
        chosen.addAll(ClaimSelector.parse(s).select(holder));
      }
      for (Disclosure d : encoded.disclosures()) {
        if (chosen.contains(d)) {
          presented.add(d.encoded());
        }
      }
    }
    presented.addAll(extra);
    for (String op : (List<String>) recipe.getOrDefault("disclosureOps", List.of())) {
      switch (op) {
        case "duplicateFirst" -> presented.add(presented.get(0));
        case "padFirst" -> presented.set(0, presented.get(0) + "=".repeat((4 - presented.get(0).length() % 4) % 4 == 0 ? 4 : (4 - presented.get(0).length() % 4)));
        case "plusSlashFirst" -> presented.set(0, presented.get(0).replace('-', '+').replace('_', '/') + "+/");
        case "spaceInFirst" -> presented.set(0, presented.get(0).substring(0, 4) + " " + presented.get(0).substring(4));
        case "empty" -> presented.add(1, "");
        case "dropParents" -> presented.removeIf(d -> !d.equals(presented.get(0)) && decoded(d).contains("\"tn\""));
        default -> throw new IllegalArgumentException("unknown disclosure op " + op);
      }
    }
    String sdJwt = jwt + "~" + String.join("~", presented) + (presented.isEmpty() ? "" : "~");
    // 4. The KB-JWT.
    String text = sdJwt;
    if (!Boolean.TRUE.equals(recipe.get("noKb"))) {
      Map<String, Object> kbHeader = new LinkedHashMap<>();
      kbHeader.put("alg", "ES256");
      kbHeader.put("typ", "kb+jwt");
      merge(kbHeader, (Map<String, Object>) recipe.getOrDefault("kbHeader", Map.of()));
      String hashInput = sdJwt;
      if (Boolean.TRUE.equals(recipe.get("kbHashesFewerDisclosures"))) {
        hashInput = sdJwt.substring(0, sdJwt.lastIndexOf('~', sdJwt.length() - 2) + 1);
      }
      Map<String, Object> kbPayload = new LinkedHashMap<>();
      kbPayload.put("iat", Fixtures.NOW.getEpochSecond());
      kbPayload.put("aud", AUD);
      kbPayload.put("nonce", NONCE);
      kbPayload.put("sd_hash", Sha256.base64UrlOfAscii(hashInput));
      merge(kbPayload, (Map<String, Object>) recipe.getOrDefault("kbPayload", Map.of()));
      String kbSigner = (String) recipe.getOrDefault("kbSigner", "holder");
      String kb =
          switch (kbSigner) {
            case "holder" -> CompactJws.sign(kbHeader, kbPayload, Fixtures.holderKey());
            case "attacker" -> CompactJws.sign(kbHeader, kbPayload, Fixtures.attackerKey());
            case "issuerJwt" -> jwt;
            default -> throw new IllegalArgumentException("unknown kb signer");
          };
      text = sdJwt + kb;
    }
    // 5. Text-level damage.
    Map<String, Object> damage = (Map<String, Object>) recipe.getOrDefault("text", Map.of());
    if (damage.containsKey("append")) {
      text = text + damage.get("append");
    }
    if (damage.containsKey("issuerSignature")) {
      String sig = switch ((String) damage.get("issuerSignature")) {
        case "zero" -> Base64Url.encode(new byte[64]);
        case "der" -> Base64Url.encode(toDer(Base64Url.decode(jwt.substring(jwt.lastIndexOf('.') + 1), "sig")));
        case "flip" -> flip(jwt.substring(jwt.lastIndexOf('.') + 1));
        default -> throw new IllegalArgumentException("unknown signature damage");
      };
      text = text.replace(jwt, jwt.substring(0, jwt.lastIndexOf('.') + 1) + sig);
    }
    if (damage.containsKey("issuerPayloadJson")) {
      String forged = Base64Url.encode((String) damage.get("issuerPayloadJson"));
      String[] parts = jwt.split("\\.");
      String input = parts[0] + "." + forged;
      String resigned = input + "." + Base64Url.encode(Fixtures.issuerKey().sign(input.getBytes(StandardCharsets.US_ASCII)));
      text = text.replace(jwt, resigned);
    }
    if (damage.containsKey("padTo")) {
      text = text + "A".repeat(((Number) damage.get("padTo")).intValue());
    }
    return text;
  }

  /**
   * Embeds {@code digest} in the {@code _sd} of the object at {@code in:<claim>[.<member>...]}, copying
   * each object on the way so the recipe's claims stay untouched.
   */
  @SuppressWarnings("unchecked")
  private static void embedIn(Map<String, Object> payload, String embed, String digest) {
    if (!embed.startsWith("in:")) {
      throw new IllegalArgumentException("unknown embed " + embed);
    }
    Map<String, Object> at = payload;
    for (String name : embed.substring(3).split("\\.")) {
      Map<String, Object> child = new LinkedHashMap<>((Map<String, Object>) at.get(name));
      at.put(name, child);
      at = child;
    }
    List<Object> sd = new ArrayList<>((List<Object>) at.getOrDefault("_sd", List.of()));
    sd.add(digest);
    at.put("_sd", sd);
  }

  private static String decoded(String disclosure) {
    try {
      return new String(Base64Url.decode(disclosure, "d"), StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "";
    }
  }

  private static String flip(String b64) {
    char c = b64.charAt(5);
    return b64.substring(0, 5) + (c == 'A' ? 'B' : 'A') + b64.substring(6);
  }

  private static byte[] toDer(byte[] rs) {
    byte[] r = integer(Arrays.copyOfRange(rs, 0, 32));
    byte[] s = integer(Arrays.copyOfRange(rs, 32, 64));
    byte[] out = new byte[2 + r.length + s.length];
    out[0] = 0x30;
    out[1] = (byte) (r.length + s.length);
    System.arraycopy(r, 0, out, 2, r.length);
    System.arraycopy(s, 0, out, 2 + r.length, s.length);
    return out;
  }

  private static byte[] integer(byte[] magnitude) {
    byte[] v = new BigInteger(1, magnitude).toByteArray();
    byte[] out = new byte[v.length + 2];
    out[0] = 0x02;
    out[1] = (byte) v.length;
    System.arraycopy(v, 0, out, 2, v.length);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, v instanceof List<?> l ? new ArrayList<>(l) : v));
    return out;
  }

  /** Reads a recipe file with a plain (unbounded) JSON reader: some recipes nest deeply on purpose. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> recipe(Path file) throws IOException {
    return new ObjectMapper().readValue(file.toFile(), Map.class);
  }

  /** Merges {@code patch} into {@code target}: a null value removes the member. */
  static void merge(Map<String, Object> target, Map<String, Object> patch) {
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      if (e.getValue() == null) {
        target.remove(e.getKey());
      } else {
        target.put(e.getKey(), e.getValue());
      }
    }
  }

  /**
   * The policy a recipe asks for (defaults: VESPER profile, key binding with AUD and NONCE, the issuer key
   * trusted bare). {@code trustIssuers} ({@code {"<issuer>": "issuer" | "attacker"}}) trusts each key for
   * that issuer only, as its metadata document would.
   */
  @SuppressWarnings("unchecked")
  static VerificationPolicy policy(Map<String, Object> recipe) throws Exception {
    TrustedKeys trust = TrustedKeys.of(Fixtures.issuerKey().publicJwk());
    if (recipe.get("trustIssuers") instanceof Map<?, ?> byIssuer) {
      List<TrustedKeys> sets = new ArrayList<>();
      for (Map.Entry<?, ?> e : byIssuer.entrySet()) {
        SigningKey key = "attacker".equals(e.getValue()) ? Fixtures.attackerKey() : Fixtures.issuerKey();
        sets.add(TrustedKeys.ofIssuer((String) e.getKey(), List.of(key.publicJwk())));
      }
      trust = TrustedKeys.union(sets);
    }
    VerificationPolicy.Builder b = VerificationPolicy.builder(trust).clock(Fixtures.clock());
    if ("generic".equals(recipe.get("profile"))) {
      b.profile(Profile.GENERIC);
    }
    if (Boolean.FALSE.equals(recipe.get("kb"))) {
      b.withoutKeyBinding();
    } else {
      b.expectAudience(AUD).expectNonce(NONCE);
    }
    for (String s : (List<String>) recipe.getOrDefault("require", List.of())) {
      b.require(ClaimSelector.parse(s));
    }
    if (recipe.containsKey("statusList")) {
      b.checkStatus(StatusServer.lists((Map<String, Object>) recipe.get("statusList")));
    }
    if (recipe.containsKey("maxBytes")) {
      b.limits(new Limits(((Number) recipe.get("maxBytes")).intValue(), 2048, 32));
    }
    return b.build();
  }
}

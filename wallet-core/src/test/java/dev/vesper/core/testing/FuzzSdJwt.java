package dev.vesper.core.testing;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds SD-JWT (+KB) presentations from a readable fuzz input, signed with the fixture keys, so that a
 * fuzzer reaches disclosure processing, validity, profile and key-binding rules instead of stopping at the
 * issuer signature. The input is either {@code raw} on the first line followed by the presentation text
 * as-is, or sections divided by lines holding only {@code ~~}:
 *
 * <pre>
 * h {"alg":"ES256",...}        optional: the issuer JWT header (default ES256, dc+sd-jwt, test-key-1)
 * {"iss":...,"_sd":["@0"]}     the issuer JWT payload
 * ~~
 * ["salt","name","value"]      a disclosure, base64url-encoded by the builder ("raw ..." is used as-is)
 * ~~
 * kb {"iat":@N,...}            optional: the KB-JWT payload, signed by the holder key
 * </pre>
 *
 * Placeholders: {@code @0}..{@code @9} the digest of that disclosure (a disclosure may name only later
 * ones, so parents can embed children), {@code @K} the holder's public JWK, {@code @H} the
 * {@code sd_hash} of the presented SD-JWT, {@code @N} {@link Fixtures#NOW} in seconds.
 */
public final class FuzzSdJwt {
  public static final String SEPARATOR = "~~";
  private static final String DEFAULT_HEADER = "{\"alg\":\"ES256\",\"typ\":\"dc+sd-jwt\",\"kid\":\"test-key-1\"}";
  private static final int MAX_DISCLOSURES = 10;
  private static final SigningKey ISSUER = Fixtures.issuerKey();
  private static final SigningKey HOLDER = Fixtures.holderKey();
  private static final String HOLDER_JWK = Json.write(HOLDER.publicJwk().withoutKid().toJson());

  private FuzzSdJwt() {}

  public static String build(String input) {
    if (input.startsWith("raw\n")) {
      return input.substring(4);
    }
    List<String> sections = Fuzz.sections(input, SEPARATOR);
    int first = 0;
    String header = DEFAULT_HEADER;
    if (sections.get(0).startsWith("h ") && sections.size() > 1) {
      header = sections.get(0).substring(2);
      first = 1;
    }
    int last = sections.size();
    String kbPayload = null;
    if (last - 1 > first && sections.get(last - 1).startsWith("kb ")) {
      kbPayload = sections.get(last - 1).substring(3);
      last--;
    }
    String payload = sections.get(first);
    List<String> disclosureTexts = sections.subList(first + 1, Math.min(last, first + 1 + MAX_DISCLOSURES));
    String[] encoded = new String[disclosureTexts.size()];
    String[] digests = new String[disclosureTexts.size()];
    for (int i = encoded.length - 1; i >= 0; i--) {
      String text = substitute(disclosureTexts.get(i), digests, i + 1);
      encoded[i] = text.startsWith("raw ") ? text.substring(4) : Base64Url.encode(text);
      digests[i] = Sha256.base64UrlOfAscii(encoded[i]);
    }
    String jwt = Fuzz.signRaw(
        header.getBytes(StandardCharsets.UTF_8),
        substitute(payload, digests, 0).getBytes(StandardCharsets.UTF_8),
        ISSUER);
    StringBuilder sdJwt = new StringBuilder(jwt).append('~');
    for (String d : encoded) {
      sdJwt.append(d).append('~');
    }
    if (kbPayload == null) {
      return sdJwt.toString();
    }
    String kb = substitute(kbPayload, digests, 0).replace("@H", Sha256.base64UrlOfAscii(sdJwt.toString()));
    return sdJwt + Fuzz.signRaw(
        "{\"alg\":\"ES256\",\"typ\":\"kb+jwt\"}".getBytes(StandardCharsets.US_ASCII),
        kb.getBytes(StandardCharsets.UTF_8),
        HOLDER);
  }

  /** Replaces {@code @K}, {@code @N} and {@code @i} for {@code i >= from} (the digests known so far). */
  private static String substitute(String text, String[] digests, int from) {
    if (text.indexOf('@') < 0) {
      return text;
    }
    String out = text
        .replace("@K", HOLDER_JWK)
        .replace("@N", Long.toString(Fixtures.NOW.getEpochSecond()));
    for (int i = from; i < digests.length; i++) {
      out = out.replace("@" + i, digests[i]);
    }
    return out;
  }
}

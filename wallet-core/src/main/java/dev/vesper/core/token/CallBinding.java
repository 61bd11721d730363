package dev.vesper.core.token;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binds a presentation to one call (docs/token-profile.md §4.1): the KB-JWT {@code aud} names the
 * callee side ({@code tel:+<first dest>}) and its {@code nonce} is derived from the call's {@code orig},
 * every {@code dest}, {@code iat} and {@code origid} when present, so the presentation cannot be replayed
 * on another call. Both the holder (signing) and the verifier (checking) compute it the same way.
 *
 * @param orig the calling number
 * @param dest the called numbers, in the order of the PASSporT {@code dest.tn}
 * @param iat the call's {@code iat}, seconds since the epoch; also the KB-JWT {@code iat}
 * @param origid the SHAKEN {@code origid}, or null
 */
public record CallBinding(TelephoneNumber orig, List<TelephoneNumber> dest, long iat, String origid) {
  /** The longest {@code origid}, in characters. */
  public static final int MAX_ORIGID_LENGTH = 256;

  public CallBinding {
    Objects.requireNonNull(orig, "orig == null");
    dest = List.copyOf(dest);
    if (dest.isEmpty()) {
      throw new IllegalArgumentException("a call has at least one destination");
    }
    if (iat < 0) {
      throw new IllegalArgumentException("iat must not be negative");
    }
    if (origid != null && (origid.isEmpty() || origid.length() > MAX_ORIGID_LENGTH)) {
      throw new IllegalArgumentException("origid must have 1 to " + MAX_ORIGID_LENGTH + " characters");
    }
  }

  /** {@code tel:+<first dest>}. */
  public String audience() {
    return "tel:+" + dest.get(0).digits();
  }

  /**
   * base64url(SHA-256(UTF-8 of the deterministic JSON {@code {"dest":[...],"iat":N,"orig":"...",
   * "origid":"..."}})), members sorted, no whitespace, {@code origid} omitted when absent.
   */
  public String nonce() {
    Map<String, Object> call = new LinkedHashMap<>();
    List<String> dests = new ArrayList<>(dest.size());
    dest.forEach(d -> dests.add(d.digits()));
    call.put("dest", dests);
    call.put("iat", iat);
    call.put("orig", orig.digits());
    if (origid != null) {
      call.put("origid", origid);
    }
    return Base64Url.encode(Sha256.digest(Json.writeCanonical(call).getBytes(StandardCharsets.UTF_8)));
  }
}

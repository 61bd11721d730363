package dev.vesper.core.stir;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Rich Call Data in a PASSporT (RFC 9795): the {@code rcd} claim's {@code nam} (the calling name) and
 * {@code icn} (an HTTPS URL of an icon or logo), the top-level {@code crn} (the call reason), and the
 * {@code rcdi} integrity claim mapping the JSON pointer {@code /icn} to {@code sha256-<base64>} of the
 * icon's bytes (W3C Subresource Integrity form), so a verifier can tell the icon it fetched is the one that
 * was signed. {@code jcd}/{@code jcl} (jCard) and {@code apn} are not produced; {@link #read} refuses a
 * PASSporT carrying them, as their content would go unverified. Immutable.
 *
 * @param nam the calling name, 1..256 characters, no control characters
 * @param icn an {@code https} icon URL, or null
 * @param icnIntegrity {@code sha256-<base64>} of the icon's bytes; required with {@code icn}
 * @param crn the call reason, 1..256 characters (RFC 9796 asks callers to keep it within 64), or null
 */
public record RichCallData(String nam, String icn, String icnIntegrity, String crn) {
  static final int MAX_TEXT = 256;
  static final int MAX_URL = 2048;

  public RichCallData {
    Objects.requireNonNull(nam, "nam == null");
    if (!text(nam) || crn != null && !text(crn)) {
      throw new IllegalArgumentException("nam and crn are 1.." + MAX_TEXT + " characters without control characters");
    }
    if (icn != null && (!httpsUrl(icn) || icnIntegrity == null || !icnIntegrity.startsWith("sha256-"))) {
      throw new IllegalArgumentException("icn is an https URL with its sha256- integrity (RFC 9795 rcdi)");
    }
    if (icn == null && icnIntegrity != null) {
      throw new IllegalArgumentException("an integrity digest without icn");
    }
  }

  /** The {@code sha256-<base64>} integrity value of {@code bytes} (RFC 9795 §6.1, W3C SRI). */
  public static String integrityOf(byte[] bytes) {
    return "sha256-" + Base64.getEncoder().encodeToString(Sha256.digest(bytes));
  }

  /** True when {@code bytes} hash to {@code integrity} (padded or unpadded base64, either alphabet). */
  public static boolean matches(String integrity, byte[] bytes) {
    if (integrity == null || !integrity.startsWith("sha256-")) {
      return false;
    }
    String want = integrity.substring(7).replace('-', '+').replace('_', '/').replace("=", "");
    String got = Base64.getEncoder().withoutPadding().encodeToString(Sha256.digest(bytes));
    return MessageDigest.isEqual(want.getBytes(StandardCharsets.US_ASCII),
        got.getBytes(StandardCharsets.US_ASCII));
  }

  /** Adds {@code rcd}, {@code rcdi} (with an icon) and {@code crn} to a PASSporT payload. */
  public void addTo(Map<String, Object> payload) {
    Map<String, Object> rcd = new LinkedHashMap<>();
    rcd.put("nam", nam);
    if (icn != null) {
      rcd.put("icn", icn);
      payload.put("rcdi", Map.of("/icn", icnIntegrity));
    }
    payload.put("rcd", rcd);
    if (crn != null) {
      payload.put("crn", crn);
    }
  }

  /**
   * The RCD a PASSporT carries, or null when it has no {@code rcd} and no {@code crn}.
   *
   * @throws VesperException {@link ErrorCode#STIR_RCD_UNVERIFIED} when the claims are malformed, use members
   *     this verifier does not verify ({@code jcd}, {@code jcl}, {@code apn}), or an {@code rcdi} pointer
   *     other than {@code /icn}
   */
  public static RichCallData read(Passport passport) throws VesperException {
    Object rcd = passport.claim("rcd").orElse(null);
    Object crn = passport.claim("crn").orElse(null);
    Object rcdi = passport.claim("rcdi").orElse(null);
    if (rcd == null && crn == null && rcdi == null) {
      return null;
    }
    if (!(rcd instanceof Map<?, ?> r) || !(r.get("nam") instanceof String nam)) {
      throw unverified("rcd must be an object with nam (RFC 9795 §5)");
    }
    for (Object k : r.keySet()) {
      if (!"nam".equals(k) && !"icn".equals(k)) {
        throw unverified("rcd." + k + " is not verified by this STI-VS");
      }
    }
    Object icn = r.get("icn");
    String integrity = null;
    if (rcdi != null) {
      if (!(rcdi instanceof Map<?, ?> i) || i.size() != 1 || !(i.get("/icn") instanceof String s)) {
        throw unverified("rcdi must map /icn to its digest, and only that");
      }
      integrity = s;
    }
    if (icn != null && (!(icn instanceof String) || integrity == null)) {
      throw unverified("rcd.icn needs its rcdi digest");
    }
    if (crn != null && !(crn instanceof String)) {
      throw unverified("crn must be a string");
    }
    try {
      return new RichCallData(nam, (String) icn, integrity, (String) crn);
    } catch (IllegalArgumentException e) {
      throw unverified(e.getMessage());
    }
  }

  /** The same RCD without its icon (an icon that could not be verified is dropped, the rest kept). */
  public RichCallData withoutIcon() {
    return new RichCallData(nam, null, null, crn);
  }

  private static boolean text(String s) {
    return !s.isEmpty() && s.length() <= MAX_TEXT && s.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
  }

  static boolean httpsUrl(String url) {
    if (url.length() > MAX_URL) {
      return false;
    }
    try {
      URI u = new URI(url);
      return "https".equals(u.getScheme()) && u.getHost() != null && u.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static VesperException unverified(String message) {
    return new VesperException(ErrorCode.STIR_RCD_UNVERIFIED, message);
  }
}

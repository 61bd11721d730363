package dev.vesper.core.stir;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.token.CallBinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A PASSporT (RFC 8225): a JWS with header {@code typ passport}, {@code alg ES256}, an optional
 * {@code ppt}, and the signer's certificate as {@code x5c} or {@code x5u}; claims {@code orig}
 * ({@code tn}), {@code dest} ({@code tn} array), {@code iat} (a JSON number), and whatever the
 * {@code ppt} adds ({@code attest}, {@code origid} for SHAKEN; {@code vesper} for VESPER).
 * {@link #sign} serialises deterministically (RFC 8225 §9: members sorted, no whitespace); {@link #parse}
 * verifies the signature over the bytes as received, so a signer's serialisation never breaks a call.
 *
 * <p>Liberal where nothing is ambiguous: an {@code orig} or {@code dest} {@code tn} with a leading
 * {@code +} or RFC 3966 visual separators (as some signers copy the SIP user part) is compared after the
 * RFC 8224 §8.3 canonicalisation, and {@link #tolerated()} names each such member; the signature still
 * covers the received bytes.
 */
public final class Passport {
  public static final String TYP = "passport";
  /** The largest PASSporT accepted (a VESPER one carries a presentation). */
  public static final int MAX_CHARS = 64 * 1024;
  private static final Pattern UUID = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

  private final CompactJws jws;
  private final TelephoneNumber orig;
  private final List<TelephoneNumber> dest;
  private final long iat;
  private final List<String> tolerated;

  private Passport(CompactJws jws, TelephoneNumber orig, List<TelephoneNumber> dest, long iat, List<String> tolerated) {
    this.jws = jws;
    this.orig = orig;
    this.dest = List.copyOf(dest);
    this.iat = iat;
    this.tolerated = List.copyOf(tolerated);
  }

  /** Signs a PASSporT: {@code alg ES256} and {@code typ passport} are set; both parts are serialised canonically. */
  public static String sign(Map<String, Object> header, Map<String, Object> payload, Signer key) {
    Map<String, Object> h = new TreeMap<>(header);
    h.put("alg", "ES256");
    h.put("typ", TYP);
    String input = Base64Url.encode(Json.writeCanonical(h)) + "." + Base64Url.encode(Json.writeCanonical(payload));
    return input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Parses and checks the shape; {@link ErrorCode#STIR_IDENTITY_MALFORMED} for any deviation. */
  public static Passport parse(String compact) throws VesperException {
    if (compact.length() > MAX_CHARS) {
      throw malformed("the PASSporT is larger than " + MAX_CHARS + " characters");
    }
    CompactJws jws;
    try {
      jws = CompactJws.parse(compact, "PASSporT");
    } catch (VesperException e) {
      throw malformed(e.getMessage());
    }
    if (!TYP.equals(jws.headerString("typ"))) {
      throw malformed("the PASSporT typ must be passport");
    }
    if (!"ES256".equals(jws.headerString("alg"))) {
      throw new VesperException(ErrorCode.STIR_UNSUPPORTED_CREDENTIAL, "only ES256 PASSporTs are accepted");
    }
    if (jws.header().containsKey("crit")) {
      throw malformed("the PASSporT carries crit, which this verifier does not support");
    }
    Map<String, Object> p = jws.payload();
    if (!(p.get("iat") instanceof Long iat) || iat < 0) {
      throw malformed("iat must be a JSON number (RFC 8225; errata 5985)");
    }
    if (!(p.get("orig") instanceof Map<?, ?> o) || !(o.get("tn") instanceof String origTn) || o.size() != 1) {
      throw malformed("orig must be {\"tn\": \"<canonical number>\"}");
    }
    if (!(p.get("dest") instanceof Map<?, ?> d) || !(d.get("tn") instanceof List<?> destTns) || destTns.isEmpty()) {
      throw malformed("dest must carry a non-empty tn array");
    }
    Object origid = p.get("origid");
    if (origid != null && (!(origid instanceof String id) || id.isEmpty() || id.length() > CallBinding.MAX_ORIGID_LENGTH)) {
      throw malformed("origid must be a string of 1 to " + CallBinding.MAX_ORIGID_LENGTH + " characters");
    }
    List<String> tolerated = new ArrayList<>();
    TelephoneNumber orig = tn(origTn, "orig.tn", tolerated);
    List<TelephoneNumber> dests = new ArrayList<>();
    for (Object t : destTns) {
      if (!(t instanceof String s)) {
        throw malformed("dest.tn entries must be strings");
      }
      dests.add(tn(s, "dest.tn", tolerated));
    }
    Object ppt = jws.header().get("ppt");
    if (ppt != null && !(ppt instanceof String)) {
      throw malformed("ppt must be a string");
    }
    return new Passport(jws, orig, dests, iat, tolerated);
  }

  /**
   * A received {@code tn}: canonical digits as is; otherwise RFC 8224 §8.3 applied (one leading
   * {@code +} and the visual separators {@code - . ( )} dropped) and, when that yields a canonical number,
   * accepted with {@code member + ".canonicalized"} added to {@code tolerated} (once per member).
   */
  private static TelephoneNumber tn(String received, String member, List<String> tolerated) throws VesperException {
    if (TelephoneNumber.isCanonical(received)) {
      return new TelephoneNumber(received);
    }
    StringBuilder digits = new StringBuilder(received.length());
    for (int i = received.startsWith("+") ? 1 : 0; i < received.length() && digits.length() <= TelephoneNumber.MAX_DIGITS; i++) {
      char c = received.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != '-' && c != '.' && c != '(' && c != ')') {
        throw malformed(member + " is not a telephone number in canonical form or with only a + and visual separators (RFC 8224 §8.3)");
      }
    }
    if (!TelephoneNumber.isCanonical(digits.toString())) {
      throw malformed(member + " is not a telephone number with its country code (RFC 8224 §8.3)");
    }
    String name = member + ".canonicalized";
    if (!tolerated.contains(name)) {
      tolerated.add(name);
    }
    return new TelephoneNumber(digits.toString());
  }

  /**
   * The SHAKEN rules (RFC 8588) for a {@code ppt=shaken} PASSporT: {@code attest} is {@code A}, {@code B}
   * or {@code C}, and {@code origid} is a UUID (RFC 4122 text form).
   *
   * @throws VesperException {@link ErrorCode#STIR_IDENTITY_MALFORMED} naming the rule broken
   */
  public void checkShakenClaims() throws VesperException {
    Object attest = jws.payload().get("attest");
    if (!"A".equals(attest) && !"B".equals(attest) && !"C".equals(attest)) {
      throw malformed("a SHAKEN PASSporT's attest must be A, B or C (RFC 8588)");
    }
    if (!(jws.payload().get("origid") instanceof String origid) || !UUID.matcher(origid).matches()) {
      throw malformed("a SHAKEN PASSporT's origid must be a UUID (RFC 8588)");
    }
  }

  /** The members read only after RFC 8224 §8.3 canonicalisation ({@code orig.tn.canonicalized}, {@code dest.tn.canonicalized}). */
  public List<String> tolerated() {
    return tolerated;
  }

  public Optional<String> ppt() {
    return Optional.ofNullable(jws.headerString("ppt"));
  }

  public TelephoneNumber orig() {
    return orig;
  }

  public List<TelephoneNumber> dest() {
    return dest;
  }

  public long iat() {
    return iat;
  }

  public Optional<String> origid() {
    return jws.payload().get("origid") instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** A payload claim, as parsed JSON. */
  public Optional<Object> claim(String name) {
    return Optional.ofNullable(jws.payload().get(name));
  }

  /** The {@code x5c} chain (base64 DER, leaf first), empty when the header has none or not a string array. */
  public List<String> x5c() {
    List<String> out = new ArrayList<>();
    if (jws.header().get("x5c") instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String s)) {
          return List.of();
        }
        out.add(s);
      }
    }
    return out;
  }

  public Optional<String> x5u() {
    return Optional.ofNullable(jws.headerString("x5u"));
  }

  /** The signing input as received; replay caches key on its hash. */
  public byte[] signingInput() {
    return jws.signingInput();
  }

  public String text() {
    return jws.text();
  }

  /** True when the signature verifies with {@code key}. */
  public boolean verifiedBy(PublicJwk key) {
    return key.verify(jws.signingInput(), jws.signature());
  }

  private static VesperException malformed(String message) {
    return new VesperException(ErrorCode.STIR_IDENTITY_MALFORMED, message);
  }
}

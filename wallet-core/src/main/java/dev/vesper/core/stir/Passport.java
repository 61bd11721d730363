package dev.vesper.core.stir;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PASSporT (RFC 8225): a JWS with header {@code typ passport}, {@code alg ES256}, an optional
 * {@code ppt}, and the signer's certificate as {@code x5c} or {@code x5u}; claims {@code orig}
 * ({@code tn}), {@code dest} ({@code tn} array), {@code iat} (a JSON number), and whatever the
 * {@code ppt} adds ({@code attest}, {@code origid} for SHAKEN; {@code vesper} for VESPER).
 * {@link #sign} serialises deterministically (RFC 8225 §9: members sorted, no whitespace); {@link #parse}
 * verifies the signature over the bytes as received, so a signer's serialisation never breaks a call.
 */
public final class Passport {
  public static final String TYP = "passport";
  /** The largest PASSporT accepted (a VESPER one carries a presentation). */
  public static final int MAX_CHARS = 64 * 1024;

  private final CompactJws jws;
  private final TelephoneNumber orig;
  private final List<TelephoneNumber> dest;
  private final long iat;

  private Passport(CompactJws jws, TelephoneNumber orig, List<TelephoneNumber> dest, long iat) {
    this.jws = jws;
    this.orig = orig;
    this.dest = List.copyOf(dest);
    this.iat = iat;
  }

  /** Signs a PASSporT: {@code alg ES256} and {@code typ passport} are set; both parts are serialised canonically. */
  public static String sign(Map<String, Object> header, Map<String, Object> payload, Signer key) {
    Map<String, Object> h = new java.util.TreeMap<>(header);
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
    List<TelephoneNumber> dests = new ArrayList<>();
    for (Object t : destTns) {
      if (!(t instanceof String s) || !TelephoneNumber.isCanonical(s)) {
        throw malformed("dest.tn entries must be canonical numbers");
      }
      dests.add(new TelephoneNumber(s));
    }
    if (!TelephoneNumber.isCanonical(origTn)) {
      throw malformed("orig.tn must be a canonical number (RFC 8224 §8.3)");
    }
    Object ppt = jws.header().get("ppt");
    if (ppt != null && !(ppt instanceof String)) {
      throw malformed("ppt must be a string");
    }
    return new Passport(jws, new TelephoneNumber(origTn), dests, iat);
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

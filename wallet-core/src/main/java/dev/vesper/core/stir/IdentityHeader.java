package dev.vesper.core.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SIP {@code Identity} header value (RFC 8224 §4):
 * {@code signed-identity-digest SEMI ident-info *( SEMI ident-info-params )}, where
 * {@code ident-info = "info" EQUAL LAQUOT absoluteURI RAQUOT} and the params are {@code alg=token},
 * {@code ppt=token} or extensions. {@code alg} absent means ES256. Whitespace is allowed around
 * {@code ;} and {@code =}; parameter names are case-insensitive; a parameter given twice is refused.
 */
public record IdentityHeader(String passport, String info, String alg, String ppt, Map<String, String> extensions) {
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9/+=_.\\-]+");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-.!%*_+`'~]+");
  private static final Pattern ABSOLUTE_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s<>\"]+");

  public IdentityHeader {
    Objects.requireNonNull(passport, "passport == null");
    Objects.requireNonNull(info, "info == null");
    extensions = Map.copyOf(extensions);
  }

  /** A header for {@code passport} with its {@code info} URI, {@code alg=ES256} and the PASSporT's {@code ppt}. */
  public static IdentityHeader of(String passport, String info, String ppt) {
    return new IdentityHeader(passport, info, "ES256", ppt, Map.of());
  }

  /** The header value, as a SIP stack writes it. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(passport).append(";info=<").append(info).append('>');
    if (alg != null) {
      b.append(";alg=").append(alg);
    }
    if (ppt != null) {
      b.append(";ppt=").append(ppt);
    }
    extensions.forEach((k, v) -> b.append(';').append(k).append(v.isEmpty() ? "" : "=" + v));
    return b.toString();
  }

  /** Parses one header value strictly; {@link ErrorCode#STIR_IDENTITY_MALFORMED} names what is wrong. */
  public static IdentityHeader parse(String value) throws VesperException {
    if (value == null || value.length() > Passport.MAX_CHARS + 2048) {
      throw malformed("the Identity header is missing or too large");
    }
    String[] parts = value.strip().split(";", -1);
    String digest = parts[0].strip();
    if (!DIGEST.matcher(digest).matches() || digest.chars().filter(c -> c == '.').count() != 2) {
      throw malformed("the Identity header does not start with a compact PASSporT");
    }
    String info = null;
    String alg = null;
    String ppt = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip();
      int eq = param.indexOf('=');
      String name = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String v = eq < 0 ? "" : param.substring(eq + 1).strip();
      if (!TOKEN.matcher(name).matches()) {
        throw malformed("a malformed Identity header parameter");
      }
      boolean seen = switch (name) {
        case "info" -> info != null;
        case "alg" -> alg != null;
        case "ppt" -> ppt != null;
        default -> extensions.containsKey(name);
      };
      if (seen) {
        throw malformed("the Identity header repeats its " + name + " parameter");
      }
      switch (name) {
        case "info" -> {
          if (!v.startsWith("<") || !v.endsWith(">") || !ABSOLUTE_URI.matcher(v.substring(1, v.length() - 1).strip()).matches()) {
            throw malformed("info must be an absolute URI in angle brackets");
          }
          info = v.substring(1, v.length() - 1).strip();
        }
        case "alg" -> alg = token(v, "alg");
        case "ppt" -> ppt = token(v.startsWith("\"") && v.endsWith("\"") && v.length() > 1 ? v.substring(1, v.length() - 1) : v, "ppt");
        default -> extensions.put(name, v);
      }
    }
    if (info == null) {
      throw malformed("the Identity header has no info parameter (RFC 8224 §4)");
    }
    return new IdentityHeader(digest, info, alg, ppt, extensions);
  }

  /** The algorithm: {@code alg}, or ES256 when absent. */
  public String algorithm() {
    return alg == null ? "ES256" : alg;
  }

  private static String token(String v, String what) throws VesperException {
    if (!TOKEN.matcher(v).matches()) {
      throw malformed(what + " must be a token");
    }
    return v;
  }

  private static VesperException malformed(String message) {
    return new VesperException(ErrorCode.STIR_IDENTITY_MALFORMED, message);
  }
}

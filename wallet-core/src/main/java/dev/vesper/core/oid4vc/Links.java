package dev.vesper.core.oid4vc;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The query parameters of an {@code openid-credential-offer://} or {@code openid4vp://} link (any scheme), each at most once. */
final class Links {
  static final int MAX_LENGTH = 16 * 1024;

  private Links() {}

  static Map<String, String> parameters(String link, ErrorCode error) throws VesperException {
    if (link == null || link.length() > MAX_LENGTH) {
      throw new VesperException(error, "the link is missing or longer than " + MAX_LENGTH + " characters");
    }
    int q = link.indexOf('?');
    if (q < 0) {
      throw new VesperException(error, "the link has no query parameters");
    }
    int hash = link.indexOf('#', q);
    String query = link.substring(q + 1, hash < 0 ? link.length() : hash);
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new VesperException(error, "the link's query is not URL-encoded correctly");
      }
      if (out.put(name, value) != null) {
        throw new VesperException(error, "the link repeats parameter " + clip(name));
      }
    }
    return out;
  }

  static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}

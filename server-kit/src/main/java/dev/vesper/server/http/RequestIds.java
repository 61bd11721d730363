package dev.vesper.server.http;

import dev.vesper.core.json.Base64Url;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** A request id per request: the caller's {@code X-Request-Id} when it is sane, else a fresh one. */
final class RequestIds {
  static final String ATTRIBUTE = "vesper.request_id";
  static final String HEADER = "X-Request-Id";

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestIds() {}

  static void assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : fresh();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  private static String fresh() {
    byte[] b = new byte[9];
    RANDOM.nextBytes(b);
    return Base64Url.encode(b);
  }
}

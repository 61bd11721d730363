package dev.vesper.verifier.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.server.http.Access;
import dev.vesper.verifier.stir.StirResult;
import dev.vesper.verifier.stir.StirVerifier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The STI-VS over REST in the shape of ATIS-1000082: {@code POST /stir/v1/verification} with
 * {@code {"verificationRequest": {"from": {"tn"}, "to": {"tn": [...]}, "time", "identity"}}} answers
 * {@code {"verificationResponse": {"verstat", "reasoncode"?, "reasontext"?, "error"?, "vesper"?}}}. A
 * failed call is an answer (200), not an HTTP error; only malformed requests are 4xx.
 */
final class StirRoutes {
  private final StirVerifier verifier;

  StirRoutes(StirVerifier verifier) {
    this.verifier = verifier;
  }

  void register(RoutesConfig r) {
    r.post("/stir/v1/verification", this::verification, Access.PUBLIC);
  }

  @SuppressWarnings("unchecked")
  private void verification(Context ctx) throws VesperException {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new VesperException(ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }
    Map<String, Object> body;
    try {
      body = Json.parseObject(ctx.bodyAsBytes());
    } catch (VesperException e) {
      throw bad("the body is not a JSON object");
    }
    if (!(body.get("verificationRequest") instanceof Map<?, ?> request) || body.size() != 1) {
      throw bad("the body is {\"verificationRequest\": {...}}");
    }
    Map<String, Object> req = (Map<String, Object>) request;
    TelephoneNumber from = number(req.get("from") instanceof Map<?, ?> f ? f.get("tn") : null, "from.tn");
    if (!(req.get("to") instanceof Map<?, ?> to) || !(to.get("tn") instanceof List<?> toTns) || toTns.isEmpty() || toTns.size() > 10) {
      throw bad("to.tn must be an array of 1 to 10 numbers");
    }
    List<TelephoneNumber> dest = new ArrayList<>();
    for (Object t : toTns) {
      dest.add(number(t, "to.tn"));
    }
    Object identity = req.get("identity");
    List<String> identities = new ArrayList<>();
    if (identity instanceof String s) {
      identities.add(s);
    } else if (identity instanceof List<?> list && list.size() <= 5) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw bad("identity must be a string or an array of strings");
        }
        identities.add(s);
      }
    } else if (identity != null) {
      throw bad("identity must be a string or an array of strings");
    }
    StirResult result = verifier.verify(identities, from, dest);
    ctx.status(200).contentType("application/json").result(Json.write(Map.of("verificationResponse", result.toJson())));
  }

  private static TelephoneNumber number(Object value, String what) throws VesperException {
    if (!(value instanceof String s)) {
      throw bad(what + " must be a telephone number");
    }
    try {
      return TelephoneNumber.parse(s);
    } catch (VesperException e) {
      throw bad(what + ": " + e.getMessage());
    }
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.REQUEST_BAD_BODY, message);
  }
}

package dev.vesper.server.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request body read strictly: {@code application/json}, within the size limit, a JSON object with
 * only the members the endpoint knows, none of them {@code null} (an absent member is left out), each of
 * the expected type. Every failure is
 * {@link ErrorCode#REQUEST_BAD_BODY} (or the size and media-type codes) naming the member.
 */
public final class JsonBody {
  private final Map<String, Object> members;

  private JsonBody(Map<String, Object> members) {
    this.members = members;
  }

  /** Reads the body; {@code allowed} lists the member names the endpoint accepts. */
  public static JsonBody read(Context ctx, Set<String> allowed) throws VesperException {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new VesperException(ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }
    byte[] bytes = ctx.bodyAsBytes();
    Map<String, Object> members;
    try {
      members = Json.parseObject(bytes);
    } catch (VesperException e) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "the body is not a JSON object: " + e.getMessage());
    }
    for (Map.Entry<String, Object> m : members.entrySet()) {
      if (!allowed.contains(m.getKey())) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "unknown member '" + clip(m.getKey()) + "'");
      }
      if (m.getValue() == null) {
        // null never stands for "absent" or "empty": {"numbers": null} must not clear a listing.
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, m.getKey() + " is null: leave it out, or give a value");
      }
    }
    return new JsonBody(members);
  }

  public String string(String name) throws VesperException {
    return optString(name).orElseThrow(() -> bad(name + " is required"));
  }

  public Optional<String> optString(String name) throws VesperException {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s) || s.isEmpty()) {
      throw bad(name + " must be a non-empty string");
    }
    return Optional.of(s);
  }

  public long integer(String name) throws VesperException {
    return optInteger(name).orElseThrow(() -> bad(name + " is required"));
  }

  public Optional<Long> optInteger(String name) throws VesperException {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Long l)) {
      throw bad(name + " must be an integer");
    }
    return Optional.of(l);
  }

  /** A list of strings; absent means empty. */
  public List<String> strings(String name) throws VesperException {
    Object v = members.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw bad(name + " must be an array of strings");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object e : list) {
      if (!(e instanceof String s) || s.isEmpty()) {
        throw bad(name + " must be an array of non-empty strings");
      }
      out.add(s);
    }
    return out;
  }


  /** A member that is a JSON object; absent means empty. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String name) throws VesperException {
    Object v = members.get(name);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?>)) {
      throw bad(name + " must be an object");
    }
    return (Map<String, Object>) v;
  }

  /** A member that is a JSON array of at most {@code max} values of any type; absent means empty. */
  public List<Object> array(String name, int max) throws VesperException {
    Object v = members.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || list.size() > max) {
      throw bad(name + " must be an array of at most " + max + " values");
    }
    return new ArrayList<>(list);
  }

  /** A member as parsed, for endpoints whose service validates its shape; null when absent. */
  public Object raw(String name) {
    return members.get(name);
  }

  public boolean has(String name) {
    return members.containsKey(name);
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.REQUEST_BAD_BODY, message);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}

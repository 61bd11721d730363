package dev.vesper.core.status;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A referenced token's pointer into a status list: {@code "status": {"status_list": {"idx", "uri"}}}
 * (draft-ietf-oauth-status-list §6.2). The uri is absolute, without a fragment.
 */
public record StatusReference(String uri, long idx) {
  public StatusReference {
    Objects.requireNonNull(uri, "uri == null");
    if (idx < 0) {
      throw new IllegalArgumentException("idx must not be negative");
    }
    if (!isUsableUri(uri)) {
      throw new IllegalArgumentException("uri must be an absolute http(s) URI without a fragment");
    }
  }

  /** The {@code status} claim value. */
  public Map<String, Object> toClaim() {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("idx", idx);
    list.put("uri", uri);
    return Map.of("status_list", list);
  }

  /**
   * Reads the {@code status} claim of a verified token; {@link ErrorCode#STATUS_MISSING} when there is
   * none or it has no well-formed {@code status_list} member.
   */
  public static StatusReference fromClaim(Object status) throws VesperException {
    if (!(status instanceof Map<?, ?> outer) || !(outer.get("status_list") instanceof Map<?, ?> list)) {
      throw new VesperException(ErrorCode.STATUS_MISSING, "the token carries no status.status_list reference");
    }
    if (!(list.get("idx") instanceof Long idx) || idx < 0 || !(list.get("uri") instanceof String uri) || !isUsableUri(uri)) {
      throw new VesperException(
          ErrorCode.STATUS_MISSING, "status.status_list needs a non-negative integer idx and an absolute http(s) uri");
    }
    return new StatusReference(uri, idx);
  }

  private static boolean isUsableUri(String uri) {
    try {
      URI u = new URI(uri);
      return u.isAbsolute() && u.getFragment() == null && u.getHost() != null
          && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}

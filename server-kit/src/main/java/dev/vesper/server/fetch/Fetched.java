package dev.vesper.server.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A successful fetch: the URL finally answered (after redirects), the 2xx status, the media type (lower
 * case, without parameters; empty when the response named none), the body, and the response headers
 * (names lower-cased) for callers that honour HTTP caching.
 */
public record Fetched(URI uri, int status, String mediaType, byte[] body, Map<String, List<String>> headers) {
  public Fetched {
    body = body.clone();
    headers = Map.copyOf(headers);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The first value of header {@code name}. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body as text (US-ASCII, UTF-8 or Latin-1 bytes kept as they are in the low range). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}

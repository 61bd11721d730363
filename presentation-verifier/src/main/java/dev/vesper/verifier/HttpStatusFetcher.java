package dev.vesper.verifier;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.status.StatusListToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches status list tokens over HTTP (draft-ietf-oauth-status-list §8): GET with
 * {@code Accept: application/statuslist+jwt}, HTTPS only, no redirects, a 5 s time limit, the response's
 * content type checked and its size capped at {@link StatusListToken#MAX_CHARS}. Thread-safe.
 */
public final class HttpStatusFetcher implements StatusFetcher {
  static final String MEDIA_TYPE = "application/statuslist+jwt";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client;
  private final boolean plainHttpAllowed;

  private HttpStatusFetcher(boolean plainHttpAllowed) {
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    this.plainHttpAllowed = plainHttpAllowed;
  }

  /** A fetcher for {@code https} uris only. */
  public static HttpStatusFetcher create() {
    return new HttpStatusFetcher(false);
  }

  /** Relaxation for local stacks and tests: also fetch {@code http} uris. */
  public static HttpStatusFetcher allowingPlainHttp() {
    return new HttpStatusFetcher(true);
  }

  @Override
  public String fetch(String uri) throws VesperException {
    URI target = URI.create(uri);
    if (!"https".equals(target.getScheme()) && !(plainHttpAllowed && "http".equals(target.getScheme()))) {
      throw unavailable(uri, "only https status list uris are fetched");
    }
    HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT).header("Accept", MEDIA_TYPE).GET().build();
    try {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw unavailable(uri, "HTTP status " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith(MEDIA_TYPE)) {
          throw unavailable(uri, "content type is not " + MEDIA_TYPE);
        }
        byte[] bytes = body.readNBytes(StatusListToken.MAX_CHARS + 1);
        if (bytes.length > StatusListToken.MAX_CHARS) {
          throw unavailable(uri, "the response is larger than " + StatusListToken.MAX_CHARS + " bytes");
        }
        return new String(bytes, StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      throw unavailable(uri, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(uri, "interrupted");
    }
  }

  private static VesperException unavailable(String uri, String why) {
    return new VesperException(ErrorCode.STATUS_UNAVAILABLE, "cannot fetch the status list " + uri + ": " + why);
  }
}

package dev.vesper.stack;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small JSON-over-HTTP client for driving the stack's services, as the seeding and the samples do. */
public final class StackClient {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private StackClient() {}

  /** A failed call: the HTTP status and the server's problem document. */
  public static final class CallFailed extends IOException {
    private final int status;
    private final String error;

    CallFailed(String message, int status, String error) {
      super(message);
      this.status = status;
      this.error = error;
    }

    public int status() {
      return status;
    }

    /** The problem document's stable error id, when there is one. */
    public String error() {
      return error;
    }
  }

  /** One JSON call with an optional bearer key; anything but 2xx throws {@link CallFailed}. */
  public static Map<String, Object> call(String method, String url, String bearer, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    Map<String, Object> json;
    try {
      json = r.body().isEmpty() ? Map.of() : Json.parseObject(r.body());
    } catch (VesperException e) {
      json = Map.of();
    }
    if (r.statusCode() / 100 != 2) {
      throw new CallFailed(method + " " + url + " answered " + r.statusCode() + ": " + r.body(), r.statusCode(), (String) json.get("error"));
    }
    return json;
  }

  /** A GET returning the body as text. */
  public static String text(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new CallFailed("GET " + url + " answered " + r.statusCode(), r.statusCode(), null);
    }
    return r.body();
  }
}

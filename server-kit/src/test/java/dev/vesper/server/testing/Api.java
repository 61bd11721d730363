package dev.vesper.server.testing;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A small JSON client for server tests: one base URL, one bearer key, replies parsed. */
public final class Api {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;
  private final String key;
  private final String tenantId;

  public Api(String base, String key) {
    this(base, key, null);
  }

  public Api(String base, String key, String tenantId) {
    this.base = base;
    this.key = key;
    this.tenantId = tenantId;
  }

  /** The same server with another (or no) bearer key. */
  public Api as(String otherKey) {
    return new Api(base, otherKey);
  }

  /** The bearer key of this client. */
  public String bearerKey() {
    return key;
  }

  /** The id of the account (tenant, entity) this client was made for, if any. */
  public String tenantId() {
    return tenantId;
  }

  /** A response: status, headers, parsed JSON body (or null). */
  public record Reply(int status, Map<String, Object> body, HttpResponse<String> raw) {
    public String error() {
      return body == null ? null : (String) body.get("error");
    }

    public String string(String name) {
      return (String) body.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String name) {
      return (List<Map<String, Object>>) body.get(name);
    }
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public Reply post(String path, Object body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body))));
  }

  public Reply put(String path, Object body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body))));
  }

  /** A POST of {@code body} as {@code contentType}, with extra {@code headers} (name, value, ...). */
  public Reply postAs(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  /** An application/x-www-form-urlencoded POST of {@code params} (name, value, ...), values URL-encoded. */
  public Reply postForm(String path, String... params) {
    StringBuilder form = new StringBuilder();
    for (int i = 0; i + 1 < params.length; i += 2) {
      if (form.length() > 0) {
        form.append('&');
      }
      form.append(URLEncoder.encode(params[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return postAs(path, "application/x-www-form-urlencoded", form.toString());
  }

  private Reply send(HttpRequest.Builder b) {
    if (key != null && !b.build().headers().firstValue("Authorization").isPresent()) {
      b.header("Authorization", "Bearer " + key);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, Object> body = null;
      String ct = r.headers().firstValue("Content-Type").orElse("");
      if (!r.body().isEmpty() && ct.contains("json")) {
        body = Json.parseObject(r.body());
      }
      return new Reply(r.statusCode(), body, r);
    } catch (IOException | InterruptedException | VesperException e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }
}

package dev.vesper.server.testing;

import dev.vesper.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  private Reply send(HttpRequest.Builder b) {
    if (key != null) {
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
    } catch (IOException | InterruptedException | dev.vesper.core.error.VesperException e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }
}

package dev.vesper.issuer;

import dev.vesper.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A small JSON client for the tests: one base URL, one bearer key. */
final class Api {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;
  private final String key;
  private final String tenantId;

  Api(String base, String key) {
    this(base, key, null);
  }

  Api(String base, String key, String tenantId) {
    this.base = base;
    this.key = key;
    this.tenantId = tenantId;
  }

  /** The same server with another (or no) bearer key. */
  Api as(String otherKey) {
    return new Api(base, otherKey);
  }

  /** The bearer key of this client. */
  String bearerKey() {
    return key;
  }

  /** The tenant id, when this client was made for a new tenant. */
  String tenantId() {
    return tenantId;
  }

  /** A response: status, headers, parsed JSON body (or null). */
  record Reply(int status, Map<String, Object> body, HttpResponse<String> raw) {
    String error() {
      return body == null ? null : (String) body.get("error");
    }

    String string(String name) {
      return (String) body.get(name);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String name) {
      return (List<Map<String, Object>>) body.get(name);
    }
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Reply delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  Reply post(String path, Object body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body))));
  }

  Reply put(String path, Object body) {
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

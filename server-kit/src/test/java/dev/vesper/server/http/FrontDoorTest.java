package dev.vesper.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /}: a browser is sent to the service's page, a script gets the OpenAPI document (issue 17 §7). */
class FrontDoorTest {
  static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  ServerApp app;

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void aBrowserIsSentToTheFirstPage() throws Exception {
    app = ServerApp.builder("kit-test").openApi("/kit-test-openapi.json").page("/pages", "/web/kit-test").page("/other", "/web/kit-test").start();
    HttpResponse<String> r = get(BROWSER);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/pages/");
    assertThat(r.headers().firstValue("Link")).hasValue("</openapi.json>; rel=\"service-desc\"; type=\"application/json\"");
    assertThat(r.headers().firstValue("Vary")).hasValue("Accept");
  }

  @Test
  void aScriptGetsTheOpenApiDocument() throws Exception {
    app = ServerApp.builder("kit-test").openApi("/kit-test-openapi.json").page("/pages", "/web/kit-test").start();
    for (String accept : new String[] {null, "*/*", "application/json", "application/json, text/html;q=0.5"}) {
      HttpResponse<String> r = get(accept);
      assertThat(r.statusCode()).as(accept).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
      assertThat(r.headers().firstValue("Content-Location")).hasValue("/openapi.json");
      assertThat(Json.parseObject(r.body())).containsEntry("openapi", "3.0.3");
    }
  }

  @Test
  void aBrowserAtAServiceWithoutAPageGetsAnIndexOfLinks() throws Exception {
    app = ServerApp.builder("kit-test").openApi("/kit-test-openapi.json").start();
    HttpResponse<String> r = get(BROWSER);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'none'");
    assertThat(r.body()).contains("<html lang=\"en\">").contains("href=\"/openapi.json\"");
  }

  @Test
  void theFrontDoorIsPublicAndHeadWorks() throws Exception {
    app = ServerApp.builder("kit-test").operatorKey("operator-key-0123456789").openApi("/kit-test-openapi.json").start();
    HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/")).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}

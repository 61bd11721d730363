package dev.vesper.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExactBody}: the media type goes out without the charset the container appends to everything else. */
class ExactContentTypeTest {
  @Test
  void theMediaTypeIsSentWithoutParameters() throws Exception {
    ServerApp app = ServerApp.builder("probe").routes(r -> {
      r.get("/exact", ctx -> ExactBody.send(ctx, "application/statuslist+jwt", "x".getBytes()), Access.PUBLIC);
      r.get("/plain", ctx -> ctx.contentType("application/statuslist+jwt").result("x".getBytes()), Access.PUBLIC);
    }).start();
    try {
      assertThat(contentTypes(app, "/exact")).containsExactly("application/statuslist+jwt");
      assertThat(contentTypes(app, "/plain")).as("what the container does otherwise").containsExactly("application/statuslist+jwt;charset=utf-8");
    } finally {
      app.stop();
    }
  }

  private static List<String> contentTypes(ServerApp app, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).isEqualTo("x");
    return r.headers().allValues("Content-Type");
  }
}

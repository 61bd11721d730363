package dev.vesper.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.server.testing.RawHttp;
import dev.vesper.server.testing.SlowClients;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §3: slow clients cost connections, not threads. 300 connections trickling a body one byte at
 * a time (more than Jetty's 250 threads) leave {@code /health/live} answering; each of them is cut off
 * (408) once its rate is plainly too low. Bounded: loopback, 300 sockets, about ten seconds.
 */
class SlowClientsTest {
  @Test
  void healthStaysAnsweredUnder300SlowClients() throws Exception {
    ServerApp app = ServerApp.builder("slow").routes(r -> r.post("/echo", ctx -> ctx.result(ctx.bodyAsBytes()), Access.PUBLIC)).start();
    try (SlowClients attack = SlowClients.start(app.port(), "/echo", 300, 4096, Duration.ofMillis(700))) {
      List<String> failures = SlowClients.probe("http://127.0.0.1:" + app.port() + "/health/live", 10, Duration.ofMillis(500), Duration.ofSeconds(5));
      assertThat(failures).as("health probes that failed under the attack").isEmpty();
      // A normal request with a body is served meanwhile too.
      assertThat(RawHttp.send(app.port(), "POST", "/echo", null, "{\"ok\":true}").text()).endsWith("{\"ok\":true}");
      assertThat(attack.cutOff()).as("slow clients the server cut off").isGreaterThan(250);
    } finally {
      app.stop();
    }
  }

  @Test
  void aTrickledBodyIsCutOffWithAProblemDocument() throws Exception {
    ServerApp app = ServerApp.builder("trickle").routes(r -> r.post("/echo", ctx -> ctx.result(ctx.bodyAsBytes()), Access.PUBLIC)).start();
    try (Socket s = new Socket("127.0.0.1", app.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(1_200);
      out.write(' ');
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json").contains("\"error\":\"request.timeout\"");
    } finally {
      app.stop();
    }
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsRead() {
    ServerApp app = ServerApp.builder("big").maxRequestBytes(1024).routes(r -> r.post("/echo", ctx -> ctx.result(ctx.bodyAsBytes()), Access.PUBLIC))
        .start();
    try {
      RawHttp.Answer tooLarge = RawHttp.send(app.port(), "POST", "/echo", null, "\"" + "x".repeat(2000) + "\"");
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(tooLarge.text()).contains("\"error\":\"request.too_large\"");
      assertThat(RawHttp.send(app.port(), "POST", "/echo", null, "\"" + "x".repeat(500) + "\"").status()).isEqualTo(200);
    } finally {
      app.stop();
    }
  }

  @Test
  void aClientStillSendingAnOversizedBodyReadsThe413() throws Exception {
    // The JDK client writes the whole body before reading; had the server closed on it unread, the
    // connection reset could swallow the answer ("header parser received no bytes"), now and then.
    ServerApp app = ServerApp.builder("drain").maxRequestBytes(64 * 1024)
        .routes(r -> r.post("/echo", ctx -> ctx.result(ctx.bodyAsBytes()), Access.PUBLIC)).start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      // All within the drain allowance (DRAIN_FACTOR × the limit, counting the two quotes), so each is read to its end.
      for (int size : List.of(200 * 1024, 65 * 1024, 250 * 1024)) {
        for (int i = 0; i < 10; i++) {
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + app.port() + "/echo"))
              .header("Content-Type", "application/json")
              .POST(BodyPublishers.ofString("\"" + "x".repeat(size) + "\"")).build(),
              BodyHandlers.ofString());
          assertThat(r.statusCode()).as("%d bytes, attempt %d", size, i).isEqualTo(413);
          assertThat(r.body()).contains("\"error\":\"request.too_large\"");
        }
      }
      // Far beyond the drain allowance the server answers and closes at once; it stays healthy.
      try (Socket s = new Socket("127.0.0.1", app.port())) {
        s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 413");
      }
      assertThat(RawHttp.send(app.port(), "GET", "/health/live", null, null).status()).isEqualTo(200);
    } finally {
      app.stop();
    }
  }
}

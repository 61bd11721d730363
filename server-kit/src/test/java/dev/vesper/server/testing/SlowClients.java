package dev.vesper.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow-body attack of issue 11 §3, bounded and on loopback only: {@code count} connections each send
 * a request's headers announcing a {@code bodyLength}-byte body, then one byte of it per {@code interval}
 * (all trickled by one thread), while {@link #probe} checks that another URL keeps answering.
 */
public final class SlowClients implements AutoCloseable {
  private final List<Socket> sockets = new ArrayList<>();
  private final Thread trickler;
  private volatile boolean stopped;
  private volatile int cutOff;

  private SlowClients(int port, String path, int count, int bodyLength, Duration interval) throws IOException {
    String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\nContent-Length: "
        + bodyLength + "\r\n\r\n{";
    for (int i = 0; i < count; i++) {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      sockets.add(s);
    }
    trickler = new Thread(() -> trickle(interval), "slow-clients");
    trickler.setDaemon(true);
    trickler.start();
  }

  /** Opens the connections and starts trickling. */
  public static SlowClients start(int port, String path, int count, int bodyLength, Duration interval) throws IOException {
    return new SlowClients(port, path, count, bodyLength, interval);
  }

  /** How many connections the server has answered or closed so far. */
  public int cutOff() {
    return cutOff;
  }

  private void trickle(Duration interval) {
    while (!stopped) {
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      int closed = 0;
      for (Socket s : sockets) {
        try {
          if (s.isClosed() || s.getInputStream().available() > 0) {
            closed++;
            continue;
          }
          OutputStream out = s.getOutputStream();
          out.write(' ');
          out.flush();
        } catch (IOException e) {
          closed++;
          closeQuietly(s);
        }
      }
      cutOff = closed;
    }
  }

  /**
   * GETs {@code url} {@code times} times, {@code every} apart, each with {@code timeout}; returns the
   * failures (a status other than 200, or no answer in time).
   */
  public static List<String> probe(String url, int times, Duration every, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          failures.add("probe " + i + ": " + r.statusCode());
        }
      } catch (IOException e) {
        failures.add("probe " + i + ": " + e);
      }
      Thread.sleep(every.toMillis());
    }
    return failures;
  }

  @Override
  public void close() {
    stopped = true;
    trickler.interrupt();
    sockets.forEach(SlowClients::closeQuietly);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}

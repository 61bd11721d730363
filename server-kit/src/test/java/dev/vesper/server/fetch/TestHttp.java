package dev.vesper.server.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server for the fetcher tests, counting hits per path and recording Host headers. */
final class TestHttp implements AutoCloseable {
  final HttpServer server;
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final List<String> hosts = new CopyOnWriteArrayList<>();

  interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  TestHttp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  TestHttp route(String path, Handler handler) {
    server.createContext(path, ex -> {
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      hosts.add(ex.getRequestHeaders().getFirst("Host"));
      try {
        handler.handle(ex);
      } finally {
        ex.close();
      }
    });
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  int hits(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (type != null) {
      ex.getResponseHeaders().set("Content-Type", type);
    }
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
  }

  /** A loopback port nothing listens on. */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A raw loopback server that answers every connection with {@code writer}. */
  static ServerSocket raw(RawWriter writer) throws IOException {
    ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!s.isClosed()) {
        try (Socket c = s.accept()) {
          c.getInputStream().read(new byte[4096]);
          writer.write(c.getOutputStream());
        } catch (IOException | InterruptedException e) {
          // the test closed the socket, or the client went away
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return s;
  }

  interface RawWriter {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

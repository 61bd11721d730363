package dev.vesper.benchmarks;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for {@code POST /v1/entries?await=published} over loopback HTTP: starts the registry
 * server (SQLite, fresh directory) in this JVM, pre-signs {@code ENTRIES} distinct entries (a signing
 * load generator: wrk cannot sign), and posts them with {@code CONNECTIONS} requests in flight. Each
 * answer is a receipt, so its latency is the time to a published checkpoint, submitter signature check
 * and HTTP included. Server and generator share the machine's cores; one thread per connection.
 *
 * <pre>java -cp benchmarks/target/vesper-benchmarks.jar dev.vesper.benchmarks.LogHttpLoad [ENTRIES] [CONNECTIONS]</pre>
 */
public final class LogHttpLoad {
  private LogHttpLoad() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    SigningKey submitter = SigningKey.generate(new SecureRandom(), "bench");
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < entries + 2_000; i++) {
      byte[] hash = ByteBuffer.allocate(32).putLong(i).putLong(System.nanoTime()).array();
      Submission s = Submission.sign(new TokenStatusChanged(Hash32.of(hash), TokenStatus.REVOKED, Reason.FRAUD), i, submitter);
      bodies.add(new LogEntry(0, s).encode());
    }
    NoteSigner logKey = NoteSigner.generate("bench.vesper.example/log", new SecureRandom());
    try (RegistryServer server = RegistryServer.start(new RegistryConfig("127.0.0.1", 0,
        Files.createTempDirectory("vesper-registry-bench"), null, logKey, List.of(submitter.publicJwk()), Clock.systemUTC()))) {
      run(server.port(), bodies.subList(0, 2_000), connections, new long[2_000]); // warm-up
      long[] latencies = new long[entries];
      long start = System.nanoTime();
      int failures = run(server.port(), bodies.subList(2_000, bodies.size()), connections, latencies);
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(latencies);
      System.out.printf("entries %d, connections %d, failures %d%n", entries, connections, failures);
      System.out.printf("appends/s %.0f%n", entries / seconds);
      System.out.printf("time to receipt (published checkpoint) ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
          at(latencies, 0.50), at(latencies, 0.90), at(latencies, 0.99), latencies[entries - 1] / 1e6);
    }
  }

  /**
   * One keep-alive connection per thread, each request written in a single write with TCP_NODELAY.
   * (java.net.http writes head and body separately; on loopback that meets delayed ACKs and caps each
   * connection near 25 requests/s, which measured the client rather than the server.)
   */
  private static int run(int port, List<byte[]> bodies, int connections, long[] latencies) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread t = new Thread(() -> {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          socket.setTcpNoDelay(true);
          OutputStream out = socket.getOutputStream();
          DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
          int i;
          while ((i = next.getAndIncrement()) < bodies.size()) {
            byte[] body = bodies.get(i);
            byte[] head = ("POST /v1/entries?await=published HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            long sent = System.nanoTime();
            out.write(request);
            out.flush();
            if (readResponse(in) != 201) {
              failures.incrementAndGet();
            }
            latencies[i] = System.nanoTime() - sent;
          }
        } catch (IOException e) {
          failures.incrementAndGet();
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return failures.get();
  }

  /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
  private static int readResponse(DataInputStream in) throws IOException {
    String status = line(in);
    int length = 0;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).strip());
      }
    }
    in.readFully(new byte[length]);
    return Integer.parseInt(status.split(" ")[1]);
  }

  private static String line(DataInputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private static double at(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
  }
}

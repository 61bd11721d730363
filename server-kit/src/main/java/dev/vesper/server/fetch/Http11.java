package dev.vesper.server.fetch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request (a GET, or a POST with a body) over a socket the caller connected (to an address it checked), with everything
 * bounded: the whole exchange by a deadline (each read waits at most what is left, so a server dripping
 * one byte at a time cannot stretch it), the status line and each header line by 8 KiB, the header block
 * by 100 lines, the body by the caller's size, chunked or not. {@code Connection: close}, identity
 * encoding only, interim 1xx responses skipped (at most 5). Failures are {@link IOException}s whose
 * messages are for logs only.
 */
final class Http11 {
  private static final int MAX_LINE = 8 * 1024;
  private static final int MAX_HEADERS = 100;

  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    String first(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  private final Socket socket;
  private final long deadlineNanos;
  private final InputStream in;

  private Http11(Socket socket, long deadlineNanos) throws IOException {
    this.socket = socket;
    this.deadlineNanos = deadlineNanos;
    this.in = new BufferedInputStream(socket.getInputStream(), 8192);
  }

  /** Sends {@code GET target} with {@code Host: hostHeader} and reads the final response. */
  static Response get(Socket socket, String hostHeader, String target, String accept, int maxBytes, long deadlineNanos)
      throws IOException {
    return send(socket, "GET", hostHeader, target, accept == null ? Map.of() : Map.of("Accept", accept), null, maxBytes, deadlineNanos);
  }

  /**
   * Sends {@code method target} with {@code Host: hostHeader}, the caller's {@code headers} (names and
   * values must be free of CR, LF and, in names, of ':' — they are refused otherwise) and, when
   * {@code body} is not null, the body with its {@code Content-Length}; reads the final response.
   */
  static Response send(Socket socket, String method, String hostHeader, String target, Map<String, String> headers, byte[] body,
      int maxBytes, long deadlineNanos) throws IOException {
    StringBuilder request = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(hostHeader).append("\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (!h.getKey().matches("[A-Za-z0-9-]{1,64}") || h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a request header that would break the request: " + h.getKey());
      }
      request.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (body != null) {
      request.append("Content-Length: ").append(body.length).append("\r\n");
    }
    request.append("Accept-Encoding: identity\r\nUser-Agent: vesper\r\nConnection: close\r\n\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    Http11 exchange = new Http11(socket, deadlineNanos);
    for (int interim = 0; interim <= 5; interim++) {
      int status = exchange.statusLine();
      Map<String, List<String>> answered = exchange.headers();
      if (status >= 200) {
        return new Response(status, answered, exchange.body(answered, maxBytes));
      }
    }
    throw new IOException("too many interim responses");
  }

  private int statusLine() throws IOException {
    String line = line();
    if (!line.startsWith("HTTP/1.1 ") && !line.startsWith("HTTP/1.0 ") || line.length() < 12) {
      throw new IOException("not an HTTP/1.x status line");
    }
    String code = line.substring(9, 12);
    if (!code.chars().allMatch(c -> c >= '0' && c <= '9') || line.length() > 12 && line.charAt(12) != ' ') {
      throw new IOException("malformed status code");
    }
    return Integer.parseInt(code);
  }

  private Map<String, List<String>> headers() throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int n = 0; ; n++) {
      String line = line();
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (n >= MAX_HEADERS || colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new IOException("malformed or too many header lines");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
    }
  }

  private byte[] body(Map<String, List<String>> headers, int maxBytes) throws IOException {
    List<String> encoding = headers.get("content-encoding");
    if (encoding != null && !encoding.stream().allMatch(e -> e.equalsIgnoreCase("identity"))) {
      throw new IOException("a content encoding was applied although identity was asked for");
    }
    List<String> transfer = headers.get("transfer-encoding");
    if (transfer != null) {
      if (transfer.size() != 1 || !transfer.get(0).equalsIgnoreCase("chunked")) {
        throw new IOException("unsupported transfer encoding");
      }
      return chunked(maxBytes);
    }
    List<String> length = headers.get("content-length");
    if (length != null) {
      if (length.size() != 1 || !length.get(0).matches("[0-9]{1,10}")) {
        throw new IOException("malformed content length");
      }
      long n = Long.parseLong(length.get(0));
      if (n > maxBytes) {
        throw new IOException("larger than " + maxBytes + " bytes");
      }
      return exactly((int) n);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    for (int n; (n = arm().read(chunk)) >= 0; ) {
      if (body.size() + n > maxBytes) {
        throw new IOException("larger than " + maxBytes + " bytes");
      }
      body.write(chunk, 0, n);
    }
    return body.toByteArray();
  }

  private byte[] chunked(int maxBytes) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semi = size.indexOf(';');
      String hex = (semi >= 0 ? size.substring(0, semi) : size).strip();
      if (!hex.matches("[0-9A-Fa-f]{1,7}")) {
        throw new IOException("malformed chunk size");
      }
      int n = Integer.parseInt(hex, 16);
      if (n == 0) {
        headers(); // trailers, bounded like headers, discarded
        return body.toByteArray();
      }
      if ((long) body.size() + n > maxBytes) {
        throw new IOException("larger than " + maxBytes + " bytes");
      }
      body.writeBytes(exactly(n));
      if (!line().isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
    }
  }

  private byte[] exactly(int n) throws IOException {
    byte[] out = new byte[n];
    for (int off = 0; off < n; ) {
      int r = arm().read(out, off, n - off);
      if (r < 0) {
        throw new IOException("the body ended early");
      }
      off += r;
    }
    return out;
  }

  /** A CRLF- (or LF-) terminated line as Latin-1, without its terminator. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b; (b = read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("the connection closed mid-line");
      }
      if (line.length() == MAX_LINE) {
        throw new IOException("a line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
    int n = line.length();
    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
  }

  /** One byte, waiting at most until the deadline. */
  private int read() throws IOException {
    return arm().read();
  }

  /** The input, with the socket's read timeout set to what is left of the deadline when a read may block. */
  private InputStream arm() throws IOException {
    if (in.available() == 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("the time limit passed");
      }
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
    }
    return in;
  }
}

package dev.vesper.server.http;

import dev.vesper.core.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads each request body in full, asynchronously, before any handler runs (issue 11 §3): while the
 * bytes arrive the request holds a connection and a buffer of its own size, never a thread, so a slow
 * client cannot starve {@code /health/live} or anyone else. The body is copied (each network chunk is
 * released at once, so 1-byte packets pin no buffers) up to {@code maxBytes} (413 beyond), and must
 * arrive at {@code minBytesPerSecond} or better once the first second has passed (408 otherwise); a
 * client that goes silent meets the connector's idle timeout (408). Then the handler below reads the
 * whole body as one chunk, without blocking.
 *
 * <p>An oversized body is read on and discarded (at the same minimum rate, up to {@link #DRAIN_FACTOR}
 * times the limit) before the 413 goes out: a client still sending when the server closed would meet a
 * connection reset and might never read the answer. Beyond that, or too slowly, the connection is simply
 * answered and closed.
 */
final class BufferedBodies extends Handler.Wrapper {
  /** How much of an oversized body is drained, in multiples of the limit, before the 413 is sent. */
  static final int DRAIN_FACTOR = 4;

  private final long maxBytes;
  private final long minBytesPerSecond;
  private final LongSupplier nanoClock;

  BufferedBodies(long maxBytes, long minBytesPerSecond, LongSupplier nanoClock) {
    this.maxBytes = maxBytes;
    this.minBytesPerSecond = minBytesPerSecond;
    this.nanoClock = nanoClock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long length = request.getLength();
    boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (length <= 0 && !chunked) {
      return super.handle(request, response, callback);
    }
    if (length > maxBytes) {
      if (length > DRAIN_FACTOR * maxBytes) {
        tooLarge(response, callback);
      } else {
        new Drainer(request, response, callback, 0).run();
      }
      return true;
    }
    new Loader(request, response, callback, length > 0 ? (int) length : 1024).run();
    return true;
  }

  /** Reads the body chunk by chunk, demanding more (no thread waits) until the last one. */
  private final class Loader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body;
    private final long started = nanoClock.getAsLong();

    Loader(Request request, Response response, Callback callback, int expected) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.body = new ByteArrayOutputStream(Math.min(expected, 64 * 1024));
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          boolean timeout = chunk.getFailure() instanceof TimeoutException;
          refuse(response, callback, timeout ? ErrorCode.REQUEST_TIMEOUT : ErrorCode.REQUEST_BAD_BODY,
              timeout ? "the request body stopped arriving" : "the request body could not be read");
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        int n = bytes.remaining();
        if (body.size() + (long) n > maxBytes) {
          boolean last = chunk.isLast();
          chunk.release();
          if (last) {
            tooLarge(response, callback);
          } else {
            new Drainer(request, response, callback, body.size() + (long) n).run();
          }
          return;
        }
        byte[] copy = new byte[n];
        bytes.get(copy);
        body.write(copy, 0, n);
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          dispatch();
          return;
        }
        if (tooSlow()) {
          refuse(response, callback, ErrorCode.REQUEST_TIMEOUT, "the request body arrives slower than " + minBytesPerSecond + " bytes per second");
          return;
        }
      }
    }

    private boolean tooSlow() {
      return BufferedBodies.this.tooSlow(started, body.size());
    }

    private void dispatch() {
      Request whole = new WholeBody(request, body.toByteArray());
      try {
        if (!getHandler().handle(whole, response, callback)) {
          Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
      } catch (Throwable t) {
        Response.writeError(request, response, callback, t);
      }
    }
  }

  private boolean tooSlow(long startedNanos, long bytes) {
    long elapsed = nanoClock.getAsLong() - startedNanos;
    return elapsed >= 1_000_000_000L && bytes * 1_000_000_000L / elapsed < minBytesPerSecond;
  }

  private void tooLarge(Response response, Callback callback) {
    refuse(response, callback, ErrorCode.REQUEST_TOO_LARGE, "the request body is over " + maxBytes + " bytes");
  }

  /** Reads an oversized body on and throws it away, then answers 413 (see the class comment). */
  private final class Drainer implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long started = nanoClock.getAsLong();
    private long seen;

    Drainer(Request request, Response response, Callback callback, long seen) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.seen = seen;
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          tooLarge(response, callback);
          return;
        }
        seen += chunk.remaining();
        boolean last = chunk.isLast();
        chunk.release();
        if (last || seen > DRAIN_FACTOR * maxBytes || tooSlow(started, seen)) {
          tooLarge(response, callback);
          return;
        }
      }
    }
  }

  /** Answers a problem document and closes the connection (the rest of the body is not read). */
  private static void refuse(Response response, Callback callback, ErrorCode code, String detail) {
    int status = Problems.status(code);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    Content.Sink.write(response, true, Problems.document(status, code.id(), detail, null), callback);
  }

  /** The request with its body already read: one last chunk, then EOF; never waits. */
  private static final class WholeBody extends Request.Wrapper {
    private Content.Chunk next;

    WholeBody(Request wrapped, byte[] body) {
      super(wrapped);
      this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk chunk = next;
      next = Content.Chunk.EOF;
      return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }

    @Override
    public boolean consumeAvailable() {
      return true;
    }
  }
}

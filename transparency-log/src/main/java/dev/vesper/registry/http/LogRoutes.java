package dev.vesper.registry.http;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.Tiles;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.registry.log.Submitters;
import dev.vesper.registry.log.TransparencyLog;
import dev.vesper.server.http.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The log's HTTP API: the C2SP tlog-tiles read endpoints ({@code /checkpoint}, {@code /tile/...}),
 * proofs, and authenticated appends. Parse, call the log, respond.
 */
public final class LogRoutes {
  /** Full tiles and bundles never change: cache them for a year. Partial ones and checkpoints: never. */
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String NO_STORE = "no-store";

  private final TransparencyLog log;
  private final Submitters submitters;

  public LogRoutes(TransparencyLog log, Submitters submitters) {
    this.log = log;
    this.submitters = submitters;
  }

  public void register(RoutesConfig r) {
    r.get("/checkpoint", ctx -> {
      ctx.header("Cache-Control", NO_STORE).contentType("text/plain; charset=utf-8").result(log.checkpoint());
    }, Access.PUBLIC);
    r.get("/tile/<path>", this::tile, Access.PUBLIC);
    // Public at the HTTP level: each submission carries its own signature, checked against the registered submitters.
    r.post("/v1/entries", this::append, Access.PUBLIC);
    r.get("/v1/proof/inclusion", ctx -> {
      long size = longParam(ctx, "size");
      long index = longParam(ctx, "index");
      json(ctx, 200, Map.of("index", index, "size", size, "proof", base64(log.inclusionProof(index, size))));
    }, Access.PUBLIC);
    r.get("/v1/proof/by-hash", ctx -> {
      long size = longParam(ctx, "size");
      byte[] leafHash = hashParam(ctx, "leaf_hash");
      long index = log.indexOfLeafHash(leafHash, size);
      json(ctx, 200, Map.of("index", index, "size", size, "proof", base64(log.inclusionProof(index, size))));
    }, Access.PUBLIC);
    r.get("/v1/proof/consistency", ctx -> {
      long from = longParam(ctx, "from");
      long to = longParam(ctx, "to");
      json(ctx, 200, Map.of("from", from, "to", to, "proof", base64(log.consistencyProof(from, to))));
    }, Access.PUBLIC);
  }

  private void tile(Context ctx) throws VesperException {
    String path = ctx.pathParam("path");
    boolean entries = path.startsWith("entries/");
    Tiles.Tile tile = Tiles.parse(entries ? "0/" + path.substring("entries/".length()) : path);
    if (tile == null) {
      throw new VesperException(ErrorCode.REQUEST_NOT_FOUND, "not a tile path");
    }
    byte[] body = entries ? log.entryBundle(tile) : log.tile(tile);
    ctx.header("Cache-Control", tile.isPartial() ? NO_STORE : IMMUTABLE).contentType("application/octet-stream").result(body);
  }

  /**
   * Body: the entry's canonical encoding with {@code logged_at_ms} 0 (the log assigns it), signed by a
   * registered submitter. {@code ?await=published} (default) adds the offline receipt; {@code sequenced}
   * answers with the index only. Both answer once a signed checkpoint covers the entry.
   */
  private void append(Context ctx) throws VesperException {
    String await = ctx.queryParam("await") == null ? "published" : ctx.queryParam("await");
    if (!await.equals("published") && !await.equals("sequenced")) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "await is sequenced or published");
    }
    LogEntry entry = LogEntry.decode(ctx.bodyAsBytes());
    if (entry.loggedAtMs() != 0) {
      throw new VesperException(ErrorCode.LOG_BAD_ENTRY, "a submission has logged_at_ms 0: the log assigns it");
    }
    Submission submission = entry.submission();
    PublicJwk submitter = submitters.key(submission.submitterKeyId()).orElseThrow(() -> new VesperException(
        ErrorCode.AUTH_FORBIDDEN, "the submitter key " + submission.submitterKeyId().hex() + " is not registered"));
    submission.verify(submitter);
    submitters.authorize(submission, log);
    boolean keyEvent = submission.body() instanceof IssuerKeyEvent;
    TransparencyLog.Appended appended = await(log.append(submission));
    if (keyEvent) {
      submitters.apply((IssuerKeyEvent) submission.body());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", appended.index());
    out.put("duplicate", appended.duplicate());
    if (await.equals("published")) {
      out.put("receipt", appended.receipt().text());
    }
    json(ctx, appended.duplicate() ? 200 : 201, out);
  }

  private static TransparencyLog.Appended await(CompletableFuture<TransparencyLog.Appended> f) throws VesperException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof VesperException v) {
        throw v;
      }
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "the log failed to append");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VesperException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while appending");
    }
  }

  private static long longParam(Context ctx, String name) throws VesperException {
    String v = ctx.queryParam(name);
    if (v == null || !v.matches("0|[1-9][0-9]{0,17}")) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "query parameter " + name + " is a non-negative decimal");
    }
    return Long.parseLong(v);
  }

  private static byte[] hashParam(Context ctx, String name) throws VesperException {
    String v = ctx.queryParam(name);
    try {
      // A "+" left unencoded in a query string arrives as a space.
      byte[] hash = v == null ? new byte[0] : Base64.getDecoder().decode(v.replace(' ', '+'));
      if (hash.length == 32) {
        return hash;
      }
    } catch (IllegalArgumentException ignored) {
      // fall through to the error
    }
    throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "query parameter " + name + " is a base64 SHA-256 hash");
  }

  private static List<String> base64(List<byte[]> hashes) {
    return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
  }

  private static void json(Context ctx, int status, Map<String, Object> body) {
    ctx.status(status).header("Cache-Control", NO_STORE).contentType("application/json").result(Json.write(body));
  }
}

package dev.vesper.cli;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.LogHasher;
import dev.vesper.core.log.MerkleTree;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.Tiles;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenLabels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An entity finds every logged token naming its numbers (docs/transparency.md §3.1): it reads the whole
 * log (entry bundles, the public tiles every reader gets alike, so the registry learns nothing of what
 * it looks for), checks that the entries hash to the signed checkpoint's root — so the answer is
 * complete, not only correct — and recomputes each {@code TOKEN_ISSUED} entry's per-token labels with
 * its own number keys.
 */
@Command(
    name = "find-tokens",
    mixinStandardHelpOptions = true,
    description = {
      "Find the tokens issued for your numbers in a transparency log, with the number keys your issuer gave",
      "you (GET /v1/entities/{id}/number-keys, saved as a file). Reads every entry bundle, checks them",
      "against the signed checkpoint, and prints one JSON line per token naming one of your numbers:",
      "{\"index\", \"token_sha256\", \"issuer\", \"issuer_kid\", \"not_before\", \"not_after\", \"numbers\"}."
    },
    footer = {"", "Example:  vesper log find-tokens --url http://127.0.0.1:8083 --log-key \"$(cat log.vkey)\" --number-keys keys.json"})
final class LogFindTokens implements Callable<Integer> {
  @Option(names = "--url", required = true, paramLabel = "URL", description = "The log (registry) base URL.") URI url;
  @Option(names = "--log-key", required = true, paramLabel = "VKEY", description = "The log's verifier key (origin = its name).") String logKey;
  @Option(names = "--number-keys", required = true, paramLabel = "FILE",
      description = "The issuer's answer to GET /v1/entities/{id}/number-keys: {\"numbers\": [{\"number\", \"key\"}]}.") Path numberKeys;
  @Option(names = "--issuer", paramLabel = "URL", description = "Only entries of this issuer (its identifier).") String issuer;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private record NumberKey(Object number, byte[] key) {}

  @Override
  public Integer call() throws Exception {
    NoteKey key = LogMonitor.pinnedKey(logKey);
    List<NumberKey> keys = readKeys(numberKeys);
    Checkpoint checkpoint = LogMonitor.open(key, new String(fetch("/checkpoint"), StandardCharsets.UTF_8));
    MerkleTree tree = new MerkleTree();
    List<Map<String, Object>> found = new ArrayList<>();
    for (long tile = 0; tile * Tiles.WIDTH < checkpoint.size(); tile++) {
      int width = (int) Math.min(Tiles.WIDTH, checkpoint.size() - tile * Tiles.WIDTH);
      List<byte[]> entries = bundle(fetch("/" + new Tiles.Tile(0, tile, width).entriesPath()), width);
      for (int i = 0; i < entries.size(); i++) {
        byte[] bytes = entries.get(i);
        tree.append(LogHasher.leafHash(bytes));
        match(tile * Tiles.WIDTH + i, bytes, keys, found);
      }
    }
    if (!Arrays.equals(tree.root(checkpoint.size()), checkpoint.root())) {
      throw new VesperException(ErrorCode.LOG_ROOT_MISMATCH, "the entries the log served do not hash to its signed checkpoint");
    }
    for (Map<String, Object> f : found) {
      System.out.println(Json.write(f));
    }
    System.err.println("read " + checkpoint.size() + " entries (checkpoint verified); " + found.size() + " tokens name your numbers");
    return 0;
  }

  private void match(long index, byte[] bytes, List<NumberKey> keys, List<Map<String, Object>> found) throws VesperException {
    if (!(LogEntry.decode(bytes).submission().body() instanceof TokenIssued t) || issuer != null && !issuer.equals(t.issuer())) {
      return;
    }
    List<Object> numbers = new ArrayList<>();
    for (NumberKey k : keys) {
      if (TokenLabels.names(t, k.key())) {
        numbers.add(k.number());
      }
    }
    if (!numbers.isEmpty()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("index", index);
      out.put("token_sha256", t.tokenHash().hex());
      out.put("issuer", t.issuer());
      out.put("issuer_kid", t.issuerKid());
      out.put("not_before", t.notBeforeMs() / 1000);
      out.put("not_after", t.notAfterMs() / 1000);
      out.put("numbers", numbers);
      found.add(out);
    }
  }

  /** An entry bundle: {@code width} entries, each {@code uint16 length ‖ bytes}, nothing after. */
  static List<byte[]> bundle(byte[] data, int width) throws VesperException {
    List<byte[]> out = new ArrayList<>();
    int at = 0;
    while (at < data.length) {
      if (at + 2 > data.length) {
        throw badBundle();
      }
      int length = (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
      if (at + 2 + length > data.length) {
        throw badBundle();
      }
      out.add(Arrays.copyOfRange(data, at + 2, at + 2 + length));
      at += 2 + length;
    }
    if (out.size() != width) {
      throw badBundle();
    }
    return out;
  }

  private static VesperException badBundle() {
    return new VesperException(ErrorCode.LOG_BAD_ENTRY, "an entry bundle is truncated or holds another number of entries");
  }

  @SuppressWarnings("unchecked")
  private static List<NumberKey> readKeys(Path file) throws VesperException, IOException {
    List<NumberKey> out = new ArrayList<>();
    Object numbers = Json.parseObject(CliFiles.read(file)).get("numbers");
    if (!(numbers instanceof List<?> list) || list.isEmpty()) {
      throw new Errors.UsageException("--number-keys: expected {\"numbers\": [{\"number\", \"key\"}, ...]}");
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("key") instanceof String k) || m.get("number") == null) {
        throw new Errors.UsageException("--number-keys: each entry is {\"number\", \"key\"}");
      }
      byte[] key = Base64Url.decode(k, "key");
      if (key.length != TokenLabels.KEY_BYTES) {
        throw new Errors.UsageException("--number-keys: a key is " + TokenLabels.KEY_BYTES + " bytes");
      }
      out.add(new NumberKey(m.get("number"), key));
    }
    return out;
  }

  private byte[] fetch(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url.toString().replaceAll("/+$", "") + path))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException(path + " answered " + r.statusCode());
    }
    return r.body();
  }
}

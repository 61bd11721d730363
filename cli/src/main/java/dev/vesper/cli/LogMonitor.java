package dev.vesper.cli;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.MerkleProofs;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.SignedNote;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Follow a log's checkpoints: verify each one's signature with the pinned key and its consistency",
      "with the last one seen (kept in --state across runs). On a fork — a checkpoint that does not extend",
      "the last one — print both signed checkpoints and exit 1. Exit 3 if the log cannot be read (--once)."
    },
    footer = {"", "Example:  vesper log monitor --url http://127.0.0.1:8083 --log-key \"$(cat log.vkey)\" --state mon.json"})
final class LogMonitor implements Callable<Integer> {
  static final int FORK = 1;
  static final int UNREACHABLE = 3;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The log's base URL.") URI url;
  @Option(names = "--log-key", required = true, paramLabel = "VKEY", description = "The log's verifier key (origin = its name).") String logKey;
  @Option(names = "--state", paramLabel = "FILE", description = "Where the last verified checkpoint is kept.") Path state;
  @Option(names = "--interval", paramLabel = "SECONDS", description = "Seconds between polls (default 10).") long interval = 10;
  @Option(names = "--once", description = "Check once and exit (0 consistent, 1 fork, 3 unreachable).") boolean once;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Integer call() throws Exception {
    NoteKey key = pinnedKey(logKey);
    String last = state != null && Files.exists(state) ? (String) Json.parseObject(CliFiles.read(state)).get("checkpoint") : null;
    while (true) {
      String note;
      try {
        note = fetch("/checkpoint");
      } catch (IOException e) {
        System.err.println("cannot read " + url + ": " + e.getMessage());
        if (once) {
          return UNREACHABLE;
        }
        Thread.sleep(interval * 1000);
        continue;
      }
      String fork = check(key, last, note);
      if (fork != null) {
        System.out.println("FORK " + fork);
        System.out.println("--- last verified checkpoint");
        System.out.print(last);
        System.out.println("--- new checkpoint");
        System.out.print(note);
        System.out.flush();
        return FORK;
      }
      Checkpoint cp = open(key, note);
      System.out.println("OK " + cp.size() + " " + Base64.getEncoder().encodeToString(cp.root()));
      System.out.flush();
      last = note;
      if (state != null) {
        CliFiles.write(state, Json.write(Map.of("checkpoint", note)) + "\n", false, true);
      }
      if (once) {
        return 0;
      }
      Thread.sleep(interval * 1000);
    }
  }

  /** Null when {@code note} is a validly signed extension of {@code last}; otherwise why not. */
  private String check(NoteKey key, String last, String note) throws IOException, InterruptedException {
    Checkpoint next;
    try {
      next = open(key, note);
    } catch (VesperException e) {
      return "the new checkpoint does not verify: " + e.getMessage();
    }
    if (last == null) {
      return null;
    }
    Checkpoint prev;
    try {
      prev = open(key, last);
    } catch (VesperException e) {
      throw new Errors.UsageException("--state holds a checkpoint that does not verify with --log-key");
    }
    if (next.size() < prev.size()) {
      return "the log shrank from " + prev.size() + " to " + next.size();
    }
    if (next.size() == prev.size()) {
      return Arrays.equals(prev.root(), next.root()) ? null : "two roots for size " + next.size();
    }
    try {
      Map<String, Object> proof = Json.parseObject(fetch("/v1/proof/consistency?from=" + prev.size() + "&to=" + next.size()));
      @SuppressWarnings("unchecked")
      List<byte[]> hashes = ((List<String>) proof.get("proof")).stream().map(h -> Base64.getDecoder().decode(h)).toList();
      MerkleProofs.verifyConsistency(prev.size(), next.size(), prev.root(), next.root(), hashes);
      return null;
    } catch (VesperException | RuntimeException e) {
      return "no valid consistency proof from " + prev.size() + " to " + next.size() + ": " + e.getMessage();
    }
  }

  /** The {@code --log-key} option's verifier key; a usage error when it is not one. */
  static NoteKey pinnedKey(String logKey) {
    try {
      return NoteKey.parse(logKey);
    } catch (VesperException e) {
      throw new Errors.UsageException("--log-key: " + e.getMessage());
    }
  }

  static Checkpoint open(NoteKey key, String note) throws VesperException {
    SignedNote parsed = SignedNote.parse(note);
    parsed.verify(List.of(key));
    Checkpoint cp = Checkpoint.parse(parsed.text());
    if (!cp.origin().equals(key.name())) {
      throw new VesperException(ErrorCode.LOG_BAD_NOTE, "checkpoint of another log: " + cp.origin());
    }
    return cp;
  }

  private String fetch(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url.toString().replaceAll("/+$", "") + path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IOException(path + " answered " + r.statusCode());
    }
    return r.body();
  }
}

package dev.vesper.cli;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.MerkleProofs;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.Receipt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "Transparency log tools: verify RFC 9162 Merkle proofs offline, monitor a log, find your tokens.",
    subcommands = {LogCommand.VerifyInclusion.class, LogCommand.VerifyConsistency.class, LogCommand.VerifyReceipt.class,
        LogMonitor.class, LogFindTokens.class})
final class LogCommand {
  @Command(
      name = "verify-inclusion",
      mixinStandardHelpOptions = true,
      description = {
        "Verify inclusion proofs given as JSON files in the transparency-dev/merkle testdata format:",
        "{\"leafIdx\", \"treeSize\", \"root\", \"leafHash\", \"proof\"} (base64 hashes; proof may be null).",
        "Prints one line per file, OK <file> or FAIL <file> <reason>; exit 0 only if every file is OK."
      },
      footer = {"", "Example:  vesper log verify-inclusion ../shared/vectors/merkle/inclusion/1/*.json"})
  static final class VerifyInclusion implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE") List<Path> files;
    @Option(names = "--json", description = "One JSON object per file: {\"file\", \"ok\", \"error\", \"message\"}.") boolean json;

    @Override
    public Integer call() {
      return eachFile(files, json, v -> MerkleProofs.verifyInclusion(
          number(v, "leafIdx"), number(v, "treeSize"), hash(v, "leafHash"), proof(v), hash(v, "root")));
    }
  }

  @Command(
      name = "verify-consistency",
      mixinStandardHelpOptions = true,
      description = {
        "Verify consistency proofs given as JSON files in the transparency-dev/merkle testdata format:",
        "{\"size1\", \"size2\", \"root1\", \"root2\", \"proof\"} (base64 hashes; proof may be null).",
        "Prints one line per file, OK <file> or FAIL <file> <reason>; exit 0 only if every file is OK."
      },
      footer = {"", "Example:  vesper log verify-consistency ../shared/vectors/merkle/consistency/2/*.json"})
  static final class VerifyConsistency implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE") List<Path> files;
    @Option(names = "--json", description = "One JSON object per file: {\"file\", \"ok\", \"error\", \"message\"}.") boolean json;

    @Override
    public Integer call() {
      return eachFile(files, json, v -> MerkleProofs.verifyConsistency(
          number(v, "size1"), number(v, "size2"), hash(v, "root1"), hash(v, "root2"), proof(v)));
    }
  }

  @Command(
      name = "verify-receipt",
      mixinStandardHelpOptions = true,
      description = {
        "Verify an offline transparency receipt (c2sp.org/tlog-proof@v1 with the logged entry in its extra",
        "line) against the pinned log key: checkpoint signature, origin, inclusion. No network access.",
        "Prints OK <file> index <i> size <n>, or FAIL <file> <reason>; exit 0 only if the receipt is valid."
      },
      footer = {"", "Example:  vesper log verify-receipt token.tlog-proof --log-key 'registry.example/log+1a2b3c4d+AQ...'"})
  static final class VerifyReceipt implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "FILE") Path file;

    @Option(names = "--log-key", required = true, paramLabel = "VKEY",
        description = "The log's C2SP verifier key (name+keyid+key), or a file holding it.")
    String logKey;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "The log origin (default: the key's name).")
    String origin;

    @Override
    public Integer call() throws Exception {
      String vkey = Files.isRegularFile(Path.of(logKey)) ? CliFiles.read(Path.of(logKey)) : logKey;
      NoteKey key;
      try {
        key = NoteKey.parse(vkey);
      } catch (VesperException e) {
        throw new Errors.UsageException("--log-key: " + e.getMessage());
      }
      try {
        Receipt receipt = Receipt.parse(CliFiles.read(file) + "\n");
        Checkpoint cp = receipt.verify(origin != null ? origin : key.name(), List.of(key));
        System.out.println("OK " + file + " index " + receipt.index() + " size " + cp.size());
        return 0;
      } catch (VesperException e) {
        System.out.println("FAIL " + file + " " + e.code().id() + ": " + e.getMessage());
        return Errors.FAILED;
      }
    }
  }

  @FunctionalInterface
  interface Check {
    void run(Map<String, Object> vector) throws VesperException;
  }

  static int eachFile(List<Path> files, boolean json, Check check) {
    boolean allOk = true;
    StringBuilder out = new StringBuilder();
    for (Path f : files) {
      String error = null;
      String message = null;
      try {
        check.run(Json.parseObject(CliFiles.read(f)));
      } catch (VesperException e) {
        error = e.code().id();
        message = e.getMessage();
      } catch (IOException | RuntimeException e) {
        error = "unreadable";
        message = e.getMessage();
      }
      allOk &= error == null;
      if (json) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", f.toString());
        line.put("ok", error == null);
        if (error != null) {
          line.put("error", error);
          line.put("message", message);
        }
        out.append(Json.write(line)).append('\n');
      } else if (error == null) {
        out.append("OK ").append(f).append('\n');
      } else {
        out.append("FAIL ").append(f).append(' ').append(error).append(": ").append(message).append('\n');
      }
    }
    System.out.print(out);
    System.out.flush();
    return allOk ? 0 : Errors.FAILED;
  }

  static long number(Map<String, Object> v, String name) {
    if (!(v.get(name) instanceof Long l)) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
    return l;
  }

  static byte[] hash(Map<String, Object> v, String name) {
    Object value = v.get(name);
    if (value == null) {
      return new byte[0];
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(name + " must be a base64 string");
    }
    return Base64.getDecoder().decode(s);
  }

  static List<byte[]> proof(Map<String, Object> v) {
    Object value = v.get("proof");
    List<byte[]> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("proof must be an array or null");
    }
    for (Object e : list) {
      if (!(e instanceof String s)) {
        throw new IllegalArgumentException("proof entries must be base64 strings");
      }
      out.add(Base64.getDecoder().decode(s));
    }
    return out;
  }
}

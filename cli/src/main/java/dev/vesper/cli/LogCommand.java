package dev.vesper.cli;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.MerkleProofs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "Transparency log tools: verify RFC 9162 Merkle proofs offline.",
    subcommands = {LogCommand.VerifyInclusion.class, LogCommand.VerifyConsistency.class})
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

    @Override
    public Integer call() {
      return eachFile(files, v -> MerkleProofs.verifyInclusion(
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

    @Override
    public Integer call() {
      return eachFile(files, v -> MerkleProofs.verifyConsistency(
          number(v, "size1"), number(v, "size2"), hash(v, "root1"), hash(v, "root2"), proof(v)));
    }
  }

  @FunctionalInterface
  interface Check {
    void run(Map<String, Object> vector) throws VesperException;
  }

  static int eachFile(List<Path> files, Check check) {
    boolean allOk = true;
    StringBuilder out = new StringBuilder();
    for (Path f : files) {
      try {
        check.run(Json.parseObject(CliFiles.read(f)));
        out.append("OK ").append(f).append('\n');
      } catch (VesperException e) {
        allOk = false;
        out.append("FAIL ").append(f).append(' ').append(e.code().id()).append(": ").append(e.getMessage()).append('\n');
      } catch (java.io.IOException | RuntimeException e) {
        allOk = false;
        out.append("FAIL ").append(f).append(" unreadable: ").append(e.getMessage()).append('\n');
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

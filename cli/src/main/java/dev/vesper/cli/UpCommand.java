package dev.vesper.cli;

import dev.vesper.core.json.Json;
import dev.vesper.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the whole local stack in one process: issuer, holder, registry (transparency log) and verifier,",
      "on embedded SQLite under --data (or one PostgreSQL database with --postgres). The first run generates",
      "every key and a demo trust setup (a demo KYC provider and a demo numbering authority) and seeds a demo",
      "enterprise and a demo consumer through the real issuance flow, logged in the registry. Later runs reuse",
      "the data. The facts scripts need are written to <data>/stack.json. The services' log lines (the access log",
      "among them) go to <data>/logs/vesper.log unless --verbose. Ctrl-C stops everything cleanly."
    },
    footer = {
      "",
      "Examples:",
      "  vesper up",
      "  vesper up --data /tmp/vesper --base-port 9081",
      "  vesper up --postgres 'jdbc:postgresql://127.0.0.1/vesper?user=vesper&password=...'"
    })
final class UpCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data).") Path data = Path.of("data");
  @Option(names = "--host", description = "Address to bind (default 127.0.0.1).") String host = "127.0.0.1";
  @Option(names = "--base-port", paramLabel = "PORT",
      description = "Issuer on PORT, holder PORT+1, registry PORT+2, verifier PORT+3; SIP: the verifier PORT+4, the holder PORT+5 (default 8081). Tokens name the issuer's URL,"
          + " so keep the port between runs; 0 picks free ports for a one-off run.")
  int basePort = 8081;
  @Option(names = "--postgres", paramLabel = "JDBC_URL", description = "Run every service on this PostgreSQL database, a schema each.")
  String postgres;
  @Option(names = "--json", description = "Once up, print the stack's facts (as in stack.json) as one JSON line instead of the welcome text.")
  boolean json;
  @Option(names = "--verbose", description = "Print the services' log lines (access log, warnings) here instead of to <data>/logs/vesper.log.")
  boolean verbose;

  /** Where the services' log lines go unless {@code --verbose}. */
  static Path logFile(Path data) {
    return data.resolve("logs").resolve("vesper.log");
  }

  @Override
  public Integer call() throws Exception {
    if (basePort != 0 && (basePort < 1 || basePort > 65532)) {
      throw new Errors.UsageException("--base-port must be 0 or 1..65532");
    }
    if (postgres != null && !postgres.startsWith("jdbc:postgresql:")) {
      throw new Errors.UsageException("--postgres must be a jdbc:postgresql: URL");
    }
    if (!verbose) {
      // Before any service creates a logger: slf4j-simple reads its settings once, at its first logger.
      Files.createDirectories(logFile(data).getParent());
      System.setProperty("org.slf4j.simpleLogger.logFile", logFile(data).toString());
    }
    System.err.println("starting the local stack (data in " + data.toAbsolutePath() + ")");
    LocalStack stack = LocalStack.start(new LocalStack.Options(data, host, basePort, postgres), System.err);
    if (json) {
      System.out.println(Json.write(stack.facts()));
      System.out.flush();
    } else {
      printWelcome(stack.facts());
    }
    return ServerOptions.runUntilShutdown(stack);
  }

  @SuppressWarnings("unchecked")
  private void printWelcome(Map<String, Object> facts) {
    String issuer = (String) ((Map<String, Object>) facts.get("issuer")).get("url");
    String holder = (String) ((Map<String, Object>) facts.get("holder")).get("url");
    String registry = (String) ((Map<String, Object>) facts.get("registry")).get("url");
    String verifier = (String) ((Map<String, Object>) facts.get("verifier")).get("url");
    Map<String, Object> demo = (Map<String, Object>) facts.get("demo");
    Map<String, Object> enterprise = (Map<String, Object>) demo.get("enterprise");
    String key = (String) enterprise.get("api_key");
    String number = ((List<String>) enterprise.get("numbers")).get(0);
    System.out.println();
    System.out.println("VESPER local stack is up:");
    System.out.println("  issuer    " + issuer + "   (metadata: " + issuer + "/.well-known/jwt-vc-issuer)");
    System.out.println("  holder    " + holder + "   (STI-AS: POST /stir/v1/signing; SIP redirect server on udp/tcp port "
        + ((Map<String, Object>) facts.get("holder")).get("sip_port") + ", tls " + ((Map<String, Object>) facts.get("holder")).get("sips_port") + ")");
    System.out.println("  registry  " + registry + "   (checkpoint: " + registry + "/checkpoint)");
    System.out.println("  verifier  " + verifier + "   (STI-VS: POST /stir/v1/verification; SIP redirect server on udp/tcp port "
        + ((Map<String, Object>) facts.get("verifier")).get("sip_port") + ", tls " + ((Map<String, Object>) facts.get("verifier")).get("sips_port") + ")");
    System.out.println("  pages     " + holder + "/portal/  " + verifier + "/verify/  " + registry + "/explorer/");
    System.out.println("  facts for scripts: " + data.resolve("stack.json").toAbsolutePath());
    if (!verbose) {
      System.out.println("  log lines: " + logFile(data).toAbsolutePath() + " (--verbose prints them here)");
    }
    System.out.println();
    System.out.println("Try (in another terminal):");
    System.out.println("  # the demo enterprise presents for a call: name and the calling number only");
    System.out.println("  curl -s -H 'Authorization: Bearer " + key + "' -H 'Content-Type: application/json' \\");
    System.out.println("       -d '{\"orig\":\"+" + number + "\",\"dest\":[\"+13035550199\"],\"iat\":'$(date +%s)'}' " + holder + "/v1/presentations/call");
    System.out.println("  # then verify it: POST " + verifier + "/v1/presentations/verify {\"presentation\", \"aud\", \"nonce\"}");
    System.out.println("  # the same call over STIR: sign at the holder (STI-AS), verify at the verifier (STI-VS)");
    System.out.println("  curl -s -H 'Authorization: Bearer " + key + "' -H 'Content-Type: application/json' \\");
    System.out.println("       -d '{\"signingRequest\":{\"orig\":{\"tn\":\"+" + number + "\"},\"dest\":{\"tn\":[\"+13035550199\"]},\"iat\":'$(date +%s)'}}' "
        + holder + "/stir/v1/signing");
    System.out.println("  # then POST " + verifier + "/stir/v1/verification {\"verificationRequest\":{\"from\",\"to\",\"identity\"}}");
    System.out.println("  curl -s " + registry + "/checkpoint");
    System.out.println();
    System.out.println("Ctrl-C stops the stack; run `vesper up` again to continue with the same data.");
  }
}

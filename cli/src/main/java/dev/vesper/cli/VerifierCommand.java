package dev.vesper.cli;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.verifier.HttpStatusFetcher;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verifier",
    mixinStandardHelpOptions = true,
    description = "The presentation verifier as a service.",
    subcommands = {VerifierCommand.Serve.class})
final class VerifierCommand {
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {"Run the verifier: POST /v1/presentations/verify {\"presentation\", \"aud\", \"nonce\", \"require\": [...]}",
        "answers with the same result as `vesper verify --explain` (valid, claims or error, checks)."},
      footer = {"", "Example:  vesper verifier serve --port 8084 --trust-issuer issuer.pub.jwk"})
  static final class Serve implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).") String host = "127.0.0.1";
    @Option(names = "--port", description = "Port (default 8084; 0 picks a free one).") int port = 8084;
    @Option(names = "--trust-issuer", required = true, paramLabel = "FILE", description = "JWK or JWK set of a trusted issuer; repeatable.")
    List<Path> trustIssuer = new ArrayList<>();
    @Option(names = "--log-key", paramLabel = "VKEY", description = "Require issuance receipts from this log (C2SP vkey).") String logKey;
    @Option(names = "--status-fetch", description = "Check token status: fetch status lists (https only) and refuse revoked or suspended tokens; fails closed.") boolean statusFetch;
    @Option(names = "--status-allow-http", description = "With --status-fetch: also fetch http:// status lists (local stacks only).") boolean statusAllowHttp;
    @Option(names = "--status-grace", paramLabel = "SECONDS", description = "With --status-fetch: keep using a list that went stale less than this long ago when it cannot be refetched (default 0: fail closed).") Integer statusGrace;

    @Override
    public Integer call() throws Exception {
      IssuanceReceipts receipts = null;
      if (logKey != null) {
        try {
          NoteKey key = NoteKey.parse(logKey);
          receipts = IssuanceReceipts.trusting(key.name(), List.of(key));
        } catch (VesperException e) {
          throw new Errors.UsageException("--log-key: " + e.getMessage());
        }
      }
      if (!statusFetch && (statusAllowHttp || statusGrace != null)) {
        throw new Errors.UsageException("--status-allow-http and --status-grace only apply with --status-fetch");
      }
      StatusLists status = null;
      if (statusFetch) {
        status = StatusLists.using(statusAllowHttp ? HttpStatusFetcher.allowingPlainHttp() : HttpStatusFetcher.create(), Clock.systemUTC());
        if (statusGrace != null) {
          if (statusGrace < 0 || statusGrace > 86_400) {
            throw new Errors.UsageException("--status-grace must be 0 to 86400 seconds");
          }
          status = status.withGraceOnUnavailable(java.time.Duration.ofSeconds(statusGrace));
        }
      }
      VerifierServer server;
      try {
        server = VerifierServer.start(new VerifierConfig(host, port, ServerOptions.trusted(trustIssuer), receipts, Clock.systemUTC(), status));
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException(e.getMessage());
      }
      System.err.println("verifier on http://" + host + ":" + server.port() + (receipts != null ? " (issuance receipts required)" : "")
          + (status != null ? " (token status checked)" : ""));
      return ServerOptions.runUntilShutdown(server);
    }
  }
}

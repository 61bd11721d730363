package dev.vesper.cli;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = "The transparency log and public registry (docs/transparency.md).",
    subcommands = {RegistryCommand.Keygen.class, RegistryCommand.Serve.class})
final class RegistryCommand {
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = {"Generate the log's Ed25519 checkpoint key. Writes the signer key (mode 0600) and prints the",
        "verifier key (vkey) that verifiers and monitors pin."},
      footer = {"", "Example:  vesper registry keygen --origin registry.example/log --out log.skey > log.vkey"})
  static final class Keygen implements Callable<Integer> {
    @Option(names = "--origin", required = true, paramLabel = "ORIGIN", description = "The log origin (its checkpoint's first line).") String origin;
    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;
    @Option(names = "--force", description = "Replace an existing key file.") boolean force;

    @Override
    public Integer call() throws Exception {
      NoteSigner signer;
      try {
        signer = NoteSigner.generate(origin, new SecureRandom());
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException("--origin: " + e.getMessage());
      }
      CliFiles.write(out, signer.skey() + "\n", true, force);
      System.out.println(signer.verifierKey().vkey());
      return 0;
    }
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {"Run the log: tlog-tiles reads (/checkpoint, /tile/...), proofs (/v1/proof/...) and",
        "appends (POST /v1/entries) from registered submitters, each answered with an offline receipt."},
      footer = {"", "Example:  vesper registry serve --log-key log.skey --submitter issuer.pub.jwk --port 8083"})
  static final class Serve implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).") String host = "127.0.0.1";
    @Option(names = "--port", description = "Port (default 8083; 0 picks a free one).") int port = 8083;
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory for the embedded SQLite store (default ./data/registry).") Path data = Path.of("data/registry");
    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Run on PostgreSQL instead.") String jdbcUrl;
    @Option(names = "--log-key", required = true, paramLabel = "FILE", description = "The checkpoint signer key (from registry keygen).") Path logKey;
    @Option(names = "--submitter", paramLabel = "FILE",
        description = "Public JWK or JWK set of a registrar: may append anything and register issuer keys, which may then append; repeatable.") List<Path> submitters = new ArrayList<>();
    @Option(names = "--admin-key-file", paramLabel = "FILE",
        description = "The operator key that opens /metrics (else VESPER_ADMIN_KEY; without either /metrics answers 401).") Path adminKeyFile;

    @Override
    public Integer call() throws Exception {
      NoteSigner signer;
      try {
        signer = NoteSigner.parseSkey(CliFiles.read(logKey));
      } catch (VesperException e) {
        throw new Errors.UsageException("--log-key: " + e.getMessage());
      }
      List<PublicJwk> keys = new ArrayList<>(ServerOptions.publicKeys(submitters, "--submitter"));
      RegistryServer server = RegistryServer.start(
          new RegistryConfig(host, port, jdbcUrl == null ? data : null, jdbcUrl, signer, keys, Clock.systemUTC(),
              ServerOptions.optionalAdminKey(adminKeyFile)));
      System.err.println("registry " + signer.verifierKey().vkey() + " on http://" + host + ":" + server.port()
          + " (" + (jdbcUrl == null ? "SQLite in " + data : "PostgreSQL") + ", " + keys.size() + " registrar key(s))");
      return ServerOptions.runUntilShutdown(server);
    }
  }
}

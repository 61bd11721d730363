package dev.vesper.cli;

import dev.vesper.core.crypto.CleartextKeys;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.json.Json;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Generate P-256 keys (ES256) and derive their public JWKs.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Public.class})
final class KeysCommand {
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Write a new private P-256 JWK (file mode 0600).",
      footer = {"", "Example:  vesper keys generate --out issuer.jwk --kid issuer-2026"})
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private JWK.")
    Path out;

    @Option(names = "--kid", paramLabel = "ID", description = "Key id; default: the RFC 7638 thumbprint.")
    String kid;

    @Option(names = "--force", description = "Replace an existing non-empty file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
      SigningKey key = SigningKey.generate(new SecureRandom(), kid);
      CliFiles.write(out, Json.writePretty(CleartextKeys.toPrivateJwk(key)) + "\n", true, force);
      System.err.println("wrote private key " + key.publicJwk().kid().orElseThrow() + " to " + out);
      return 0;
    }
  }

  @Command(
      name = "public",
      mixinStandardHelpOptions = true,
      description = "Write the public JWK of a private JWK.",
      footer = {"", "Example:  vesper keys public --in issuer.jwk --out issuer.pub.jwk"})
  static final class Public implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The private JWK.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the public JWK.")
    Path out;

    @Override
    public Integer call() throws Exception {
      CliFiles.write(out, Json.writePretty(CliFiles.signingKey(in).publicJwk().toJson()) + "\n", false, true);
      return 0;
    }
  }
}

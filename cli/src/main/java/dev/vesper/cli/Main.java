package dev.vesper.cli;

import dev.vesper.core.crypto.CryptoProvider;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vesper} command line. Exit codes everywhere: 0 success, 1 a stable error (or, for
 * {@code verify}, an invalid presentation), 2 a usage error.
 */
@Command(
    name = "vesper",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "VESPER: verifiable, privacy-preserving telephone identity on STIR.",
    subcommands = {
      KeysCommand.class,
      IssueCommand.class,
      PresentCommand.class,
      VerifyCommand.class,
      UpCommand.class,
      DemoCommand.class,
      HolderCommand.class,
      IssuerCommand.class,
      LogCommand.class,
      CpsCommand.class,
      RegistryCommand.class,
      VerifierCommand.class,
      GenerateCompletion.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Try:  vesper demo",
      "      vesper keys generate --out issuer.jwk",
      "      vesper keys public --in issuer.jwk --out issuer.pub.jwk"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    try {
      CryptoProvider.inUse(); // a bad VESPER_CRYPTO is a usage error, reported before any command runs
    } catch (IllegalStateException e) {
      System.err.println("vesper: " + e.getMessage());
      System.exit(2);
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new Errors());
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "vesper " + (v == null ? "dev" : v) + " (token profile vesper-token/1)",
        "crypto provider: " + CryptoProvider.describeInUse()
      };
    }
  }
}

package dev.vesper.cli;

import dev.vesper.core.stir.StiCredentials;
import dev.vesper.cps.CpsConfig;
import dev.vesper.cps.CpsServer;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "cps",
    mixinStandardHelpOptions = true,
    description = "The Call Placement Service for PASSporTs out of band (RFC 8816; docs/stir-profile.md §4.1).",
    subcommands = {CpsCommand.Serve.class})
final class CpsCommand {
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {"Run the CPS: STI-authenticated publish (POST /passports/{dest}/{orig}) and retrieve",
        "(GET /passports/{dest}/{orig}) of one call's PASSporTs, kept in memory until iat + the retention.",
        "Put it behind TLS (a reverse proxy): callers send their access tokens and PASSporTs to it."},
      footer = {"", "Example:  vesper cps serve --sti-root sti-roots.pem --audience cps.carrier.example --port 8088"})
  static final class Serve implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).") String host = "127.0.0.1";
    @Option(names = "--port", description = "Port (default 8088; 0 picks a free one).") int port = 8088;
    @Option(names = "--audience", paramLabel = "HOST",
        description = "The aud every access token must name: this CPS's host name as callers reach it (default: --host).") String audience;
    @Option(names = "--sti-root", required = true, paramLabel = "PEM",
        description = "STI root certificate(s) that callers' certificates (the access tokens' x5c) must chain to; repeatable.")
    List<Path> stiRoots = new ArrayList<>();
    @Option(names = "--spc-directory", paramLabel = "FILE",
        description = "JSON {SPC: [numbers or ranges]}: lets a certificate that names only its SPC act for those numbers.") Path spcDirectory;
    @Option(names = "--retention-seconds", paramLabel = "S",
        description = "How long a published call is kept after its iat (default 60, at most 300).") long retentionSeconds =
        CpsConfig.DEFAULT_RETENTION.toSeconds();
    @Option(names = "--rate-per-second", description = "Each caller certificate's sustained request rate (default 100).") double rate = 100;
    @Option(names = "--burst", description = "Each caller certificate's burst (default 200).") int burst = 200;
    @Option(names = "--admin-key-file", paramLabel = "FILE",
        description = "The operator key that opens /metrics (else VESPER_ADMIN_KEY; without either /metrics answers 401).") Path adminKeyFile;

    @Override
    public Integer call() throws Exception {
      StiCredentials trust;
      try {
        trust = StiCredentials.trusting(StirTrustFiles.roots(stiRoots), StirTrustFiles.spcDirectory(spcDirectory));
      } catch (IllegalArgumentException | CertificateException e) {
        throw new Errors.UsageException("--sti-root: " + e.getMessage());
      }
      CpsConfig config;
      try {
        config = new CpsConfig(host, port, audience != null ? audience : host, trust, Duration.ofSeconds(retentionSeconds), rate, burst,
            Clock.systemUTC(), ServerOptions.optionalAdminKey(adminKeyFile));
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException(e.getMessage());
      }
      CpsServer server = CpsServer.start(config);
      System.err.println("cps on http://" + host + ":" + server.port() + " (audience " + config.audience() + ", keeps a call "
          + config.retention().toSeconds() + " s after its iat)");
      return ServerOptions.runUntilShutdown(server);
    }
  }
}

package dev.vesper.cli;

import dev.vesper.core.stir.Pem;
import dev.vesper.holder.HolderConfig;
import dev.vesper.holder.HolderServer;
import dev.vesper.holder.StiCredential;
import dev.vesper.holder.WalletConfig;
import dev.vesper.holder.outbound.HttpOutbound;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import dev.vesper.server.store.Kek;
import dev.vesper.server.store.Pkcs11SigningKeys;
import dev.vesper.server.store.Pkcs11Token;
import dev.vesper.server.store.SoftwareKek;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "holder",
    mixinStandardHelpOptions = true,
    description = "The holder (wallet) service: tokens and keys for many tenants, per-call presentations.",
    subcommands = {HolderCommand.Serve.class, HolderCommand.RotateKek.class})
final class HolderCommand {
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Run the holder service. The admin key (creates tenants) comes from VESPER_ADMIN_KEY or --admin-key-file.",
        "Secrets at rest are sealed with per-tenant keys wrapped by the KEK: --kek-file, VESPER_KEK, or",
        "(local use only) a kek.b64 generated in the data directory."
      },
      footer = {
        "",
        "Example:",
        "  export VESPER_ADMIN_KEY=$(openssl rand -hex 24)",
        "  vesper holder serve --port 8082 --trust-issuer iss.jwk",
        "",
        "Config file members: host, port, data, jdbc_url, trust_issuer (array of",
        "files), admin_key_file, kek_file, rate_per_second, burst. Options win."
      })
  static final class Serve implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).") String host;
    @Option(names = "--port", description = "Port (default 8082; 0 picks a free one).") Integer port;
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory for the embedded SQLite store (default ./data/holder).") Path data;
    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Run on PostgreSQL (jdbc:postgresql://host/db?user=..&password=..).") String jdbcUrl;
    @Option(names = "--trust-issuer", paramLabel = "FILE", description = "An issuer whose tokens may be imported: its metadata document (as served at /.well-known/jwt-vc-issuer) or one bare JWK / JWK set; repeatable (two or more bare files are a usage error).") List<Path> trustIssuer = new ArrayList<>();
    @Option(names = "--admin-key-file", paramLabel = "FILE") Path adminKeyFile;
    @Option(names = "--kek-file", paramLabel = "FILE", description = "Key-encryption key (base64 of 32 bytes).") Path kekFile;
    @Option(names = "--rate-per-second", description = "Each tenant's sustained request rate (default 3000).") Double rate;
    @Option(names = "--burst", description = "Each tenant's burst (default 6000).") Integer burst;
    @Option(names = "--max-tokens-per-tenant", paramLabel = "N", description = "The most tokens one tenant may hold (default 1000).") Integer maxTokens;
    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file.") Path config;
    @Option(names = "--sti-key", paramLabel = "FILE", description = "STI-AS: the private JWK of the STI certificate (enables POST /stir/v1/signing).") Path stiKey;
    @Option(names = "--sti-cert-chain", paramLabel = "PEM", description = "STI-AS: the certificate chain of --sti-key, leaf first.") Path stiChain;
    @Option(names = "--sip-port", paramLabel = "PORT", description = "With --sti-key: also sign calls as a SIP redirect server (UDP and TCP) on this port; the proxy sends the tenant's key in X-Vesper-Api-Key.") Integer sipPort;
    @Mixin SipTlsOptions sipTls = new SipTlsOptions();
    @Option(names = "--sti-info", paramLabel = "URL", description = "STI-AS: the URL the Identity header's info names (default: this service's /stir/v1/certificate).") String stiInfo;
    @Option(names = "--verifier-root", paramLabel = "PEM", description = "Wallet: trust x509_san_dns: verifiers whose request-signing chain leads to this root; repeatable.")
    List<Path> verifierRoots = new ArrayList<>();
    @Option(names = "--allow-loopback-http-for-local-testing", description = "Wallet: also reach issuers and verifiers over plain http on loopback addresses. Local testing only.")
    boolean loopbackForLocalTesting;
    @ArgGroup(exclusive = false, heading = "PKCS#11 token (HSM) for the KEK and/or holder keys:%n")
    ServerOptions.Pkcs11 pkcs11;

    private StiCredential sti(String h, int p) throws Exception {
      return HolderCommand.sti(stiKey, stiChain, stiInfo, h, p);
    }

    private WalletConfig wallet() throws Exception {
      List<X509Certificate> roots = new ArrayList<>();
      for (Path root : verifierRoots) {
        roots.addAll(ServerOptions.certificates(root, "--verifier-root"));
      }
      OutboundFetcher fetcher =
          OutboundFetcher.create(Resolver.system(), Clock.systemUTC());
      return new WalletConfig(
          HttpOutbound.over(loopbackForLocalTesting ? fetcher.forLocalTesting() : fetcher), roots);
    }

    @Override
    public Integer call() throws Exception {
      Map<String, Object> c = ServerOptions.config(config);
      String h = host != null ? host : (String) c.getOrDefault("host", "127.0.0.1");
      int p = port != null ? port : ((Number) c.getOrDefault("port", 8082L)).intValue();
      String jdbc = jdbcUrl != null ? jdbcUrl : (String) c.get("jdbc_url");
      Path dir = data != null ? data : Path.of((String) c.getOrDefault("data", "data/holder"));
      List<Path> issuers = new ArrayList<>(trustIssuer);
      if (issuers.isEmpty() && c.get("trust_issuer") instanceof List<?> l) {
        l.forEach(f -> issuers.add(Path.of((String) f)));
      }
      Path adminFile = adminKeyFile != null ? adminKeyFile : c.containsKey("admin_key_file") ? Path.of((String) c.get("admin_key_file")) : null;
      Path kekPath = kekFile != null ? kekFile : c.containsKey("kek_file") ? Path.of((String) c.get("kek_file")) : null;
      double r = rate != null ? rate : ((Number) c.getOrDefault("rate_per_second", 3000L)).doubleValue();
      int b = burst != null ? burst : ((Number) c.getOrDefault("burst", 6000L)).intValue();
      int maxPerTenant = maxTokens != null ? maxTokens
          : ((Number) c.getOrDefault("max_tokens_per_tenant", (long) HolderConfig.DEFAULT_MAX_TOKENS_PER_TENANT)).intValue();
      Pkcs11Token token = pkcs11 != null ? pkcs11.login() : null;
      Pkcs11SigningKeys holderKeys = token != null && pkcs11.holderKeys ? new Pkcs11SigningKeys(token) : null;
      HolderConfig holder;
      try {
        holder = new HolderConfig(h, p, jdbc == null ? dir : null, jdbc, ServerOptions.trusted(issuers, "--trust-issuer"), ServerOptions.adminKey(adminFile),
            ServerOptions.kek(kekPath, jdbc == null ? dir : null, token, pkcs11 != null ? pkcs11.kekLabel : null), r, b,
            Clock.systemUTC(), holderKeys, sti(h, p), sipPort, wallet(), sipTls.listener(), maxPerTenant);
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException(e.getMessage());
      }
      HolderServer server = HolderServer.start(holder);
      System.err.println("holder service on http://" + h + ":" + server.port() + " (" + (jdbc == null ? "SQLite in " + dir : "PostgreSQL") + ")"
          + (server.sipPort() != 0 ? ", STI-AS SIP redirect server on " + h + ":" + server.sipPort() : "")
          + (server.sipsPort() != 0 ? ", SIP over TLS on " + h + ":" + server.sipsPort() : ""));
      return ServerOptions.runUntilShutdown(server);
    }
  }

  /** The STI-AS credential from --sti-key and --sti-cert-chain, or null without them. */
  static StiCredential sti(Path key, Path chain, String info, String host, int port) throws Exception {
    if (key == null && chain == null) {
      return null;
    }
    if (key == null || chain == null) {
      throw new Errors.UsageException("the STI-AS needs both --sti-key and --sti-cert-chain");
    }
    List<String> x5c = Pem.x5c(ServerOptions.certificates(chain, "--sti-cert-chain"));
    try {
      return new StiCredential(CliFiles.signingKey(key), x5c,
          info != null ? info : "http://" + host + ":" + port + "/stir/v1/certificate");
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException(e.getMessage());
    }
  }

  @Command(
      name = "rotate-kek",
      mixinStandardHelpOptions = true,
      description = {"Re-wrap every tenant's data key from the old KEK to the new one. Data is not re-encrypted;",
        "the command is idempotent and can be re-run after an interruption. Stop the service first."},
      footer = {"", "Example:  vesper holder rotate-kek --data data/holder --old-kek-file kek-2025.b64 --new-kek-file kek-2026.b64"})
  static final class RotateKek implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data/holder).") Path data;
    @Option(names = "--jdbc-url", paramLabel = "URL") String jdbcUrl;
    @Option(names = "--old-kek-file", required = true, paramLabel = "FILE") Path oldKek;
    @Option(names = "--new-kek-file", required = true, paramLabel = "FILE") Path newKek;

    @Override
    public Integer call() throws Exception {
      Kek from = SoftwareKek.fromFile(oldKek);
      Kek to = SoftwareKek.fromFile(newKek);
      int n = HolderServer.rotateKek(jdbcUrl, data != null ? data : Path.of("data/holder"), from, to);
      System.err.println("re-wrapped " + n + " tenant data key(s) from " + from.id() + " to " + to.id());
      return 0;
    }
  }
}

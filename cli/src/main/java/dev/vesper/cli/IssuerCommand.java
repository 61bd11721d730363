package dev.vesper.cli;

import dev.vesper.core.crypto.CleartextKeys;
import dev.vesper.core.crypto.Signer;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.stir.Pem;
import dev.vesper.issuer.IssuerConfig;
import dev.vesper.issuer.IssuerServer;
import dev.vesper.issuer.vetting.HttpX5uFetcher;
import dev.vesper.issuer.vetting.TrustedSources;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.store.Pkcs11SigningKeys;
import dev.vesper.server.store.Pkcs11Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "issuer",
    mixinStandardHelpOptions = true,
    description = "The issuer (vetting authority): KYC, right-to-use, key-bound issuance, revocation, status lists.",
    subcommands = {IssuerCommand.Serve.class})
final class IssuerCommand {
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Run the issuer service. The operator key comes from VESPER_ADMIN_KEY or --admin-key-file.",
        "The signing key: --signing-key FILE (a private JWK), a PKCS#11 key (--pkcs11-... with",
        "--signing-key-label), or (local use) issuer-key.jwk generated in the data directory.",
        "Rotation: restart with a new key; the old one stays published until its last token expires."
      },
      footer = {
        "",
        "Example:",
        "  export VESPER_ADMIN_KEY=$(openssl rand -hex 24)",
        "  vesper issuer serve --port 8081 --issuer-url https://issuer.example \\",
        "      --trust-kyc-provider kyc.jwks --trust-numbering-authority na.jwks",
        "",
        "A trust file is a JWK or JWK set; a top-level \"iss\" pins the iss its tokens must carry.",
        "Config file members: host, port, data, jdbc_url, issuer_url, signing_key, trust_kyc_provider and",
        "trust_numbering_authority (arrays of files), admin_key_file, cert_chain, kyc_validity_days,",
        "token_validity_days, status_ttl_seconds, log_url, log_label_key, rate_per_second, burst. Options win."
      })
  static final class Serve implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).") String host;
    @Option(names = "--port", description = "Port (default 8081; 0 picks a free one).") Integer port;
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory for the embedded SQLite store (default ./data/issuer).") Path data;
    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Run on PostgreSQL (jdbc:postgresql://host/db?user=..&password=..).") String jdbcUrl;
    @Option(names = "--issuer-url", paramLabel = "URL", description = "The issuer identifier (iss); default http://HOST:PORT.") String issuerUrl;
    @Option(names = "--signing-key", paramLabel = "FILE", description = "The issuer's private P-256 JWK.") Path signingKey;
    @Option(names = "--cert-chain", paramLabel = "FILE", description = "PEM certificate chain of the signing key, end-entity first; sent as x5c.") Path certChain;
    @Option(names = "--trust-kyc-provider", paramLabel = "FILE", description = "JWK or JWK set of a trusted KYC provider; repeatable.") List<Path> kycProviders = new ArrayList<>();
    @Option(names = "--trust-numbering-authority", paramLabel = "FILE", description = "A trusted numbering authority: its JWK or JWK set (tokens select the key by kid), or PEM root certificates (tokens carry their certificate as x5c); repeatable.") List<Path> authorities = new ArrayList<>();
    @Option(names = "--authority-x5u-allow", paramLabel = "ORIGIN", description = "Fetch numbering authorities' x5u certificate chains from this origin, https://host[:port]; repeatable (default: authority certificates only as x5c).") List<String> authorityX5u = new ArrayList<>();
    @Option(names = "--admin-key-file", paramLabel = "FILE") Path adminKeyFile;
    @Option(names = "--kyc-validity-days", description = "How long a vetting decision counts (default 365).") Integer kycDays;
    @Option(names = "--token-validity-days", description = "Longest token lifetime (default 30).") Integer tokenDays;
    @Option(names = "--status-ttl", paramLabel = "SECONDS", description = "ttl of status list tokens (default 300).") Integer statusTtl;
    @Option(names = "--log-url", paramLabel = "URL", description = "Report issuance and status changes to this transparency log (the issuer key must be registered there).") String logUrl;
    @Option(names = "--log-label-key", paramLabel = "FILE", description = "With --log-url: the log's number-label key (base64, at least 32 bytes).") Path labelKey;
    @Option(names = "--rate-per-second", description = "Each caller's sustained request rate (default 1000).") Double rate;
    @Option(names = "--burst", description = "Each caller's burst (default 2000).") Integer burst;
    @Option(names = "--registrations-per-minute", paramLabel = "N",
        description = "Anonymous self-registrations a minute in all, a tenth of them from one address (default 60).") Integer registrations;
    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file.") Path config;
    @Option(names = "--signing-key-label", paramLabel = "LABEL", description = "With --pkcs11-library: the signing key's label (generated when missing).") String signingKeyLabel;
    @ArgGroup(exclusive = false, heading = "PKCS#11 token (HSM) for the signing key:%n")
    ServerOptions.Pkcs11 pkcs11;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> c = ServerOptions.config(config);
      String h = host != null ? host : (String) c.getOrDefault("host", "127.0.0.1");
      int p = port != null ? port : ((Number) c.getOrDefault("port", 8081L)).intValue();
      String jdbc = jdbcUrl != null ? jdbcUrl : (String) c.get("jdbc_url");
      Path dir = data != null ? data : Path.of((String) c.getOrDefault("data", "data/issuer"));
      String url = issuerUrl != null ? issuerUrl : (String) c.get("issuer_url");
      Path adminFile = adminKeyFile != null ? adminKeyFile : c.containsKey("admin_key_file") ? Path.of((String) c.get("admin_key_file")) : null;
      Path keyFile = signingKey != null ? signingKey : c.containsKey("signing_key") ? Path.of((String) c.get("signing_key")) : null;
      Path chain = certChain != null ? certChain : c.containsKey("cert_chain") ? Path.of((String) c.get("cert_chain")) : null;
      Signer signer = signer(keyFile, jdbc == null ? dir : null);
      IssuerConfig issuer;
      try {
        issuer = new IssuerConfig(h, p, jdbc == null ? dir : null, jdbc, url, ServerOptions.adminKey(adminFile), signer,
            chain == null ? List.of() : x5c(chain, signer), sources(kycProviders, c.get("trust_kyc_provider")),
            withX5u(sources(authorities, c.get("trust_numbering_authority")), authorityX5u, c.get("authority_x5u_allow")),
            Duration.ofDays(kycDays != null ? kycDays : ((Number) c.getOrDefault("kyc_validity_days", 365L)).longValue()),
            Duration.ofDays(tokenDays != null ? tokenDays : ((Number) c.getOrDefault("token_validity_days", 30L)).longValue()),
            Duration.ofSeconds(statusTtl != null ? statusTtl : ((Number) c.getOrDefault("status_ttl_seconds", 300L)).longValue()),
            rate != null ? rate : ((Number) c.getOrDefault("rate_per_second", 1000L)).doubleValue(),
            burst != null ? burst : ((Number) c.getOrDefault("burst", 2000L)).intValue(), Clock.systemUTC(), Randomness.secure(),
            logUrl != null ? logUrl : (String) c.get("log_url"), labelKey(labelKey != null ? labelKey
                : c.containsKey("log_label_key") ? Path.of((String) c.get("log_label_key")) : null),
            registrations != null ? registrations
                : ((Number) c.getOrDefault("registrations_per_minute", (long) IssuerConfig.DEFAULT_REGISTRATIONS_PER_MINUTE)).intValue());
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException(e.getMessage());
      }
      IssuerServer server = IssuerServer.start(issuer);
      System.err.println("issuer service on http://" + h + ":" + server.port() + " as " + server.url()
          + " (" + (jdbc == null ? "SQLite in " + dir : "PostgreSQL") + ")");
      return ServerOptions.runUntilShutdown(server);
    }

    private Signer signer(Path keyFile, Path dataDir) throws Exception {
      if (pkcs11 != null) {
        if (signingKeyLabel == null) {
          throw new Errors.UsageException("with --pkcs11-library, name the signing key: --signing-key-label LABEL");
        }
        Pkcs11Token token = pkcs11.login();
        Pkcs11SigningKeys keys = new Pkcs11SigningKeys(token);
        try {
          return keys.signer(signingKeyLabel);
        } catch (VesperException missing) {
          return keys.generate(signingKeyLabel);
        }
      }
      if (keyFile != null) {
        return CliFiles.signingKey(keyFile);
      }
      if (dataDir == null) {
        throw new Errors.UsageException("with --jdbc-url, give the signing key: --signing-key FILE or a PKCS#11 key");
      }
      Path generated = dataDir.resolve("issuer-key.jwk");
      if (!Files.exists(generated)) {
        System.err.println("warning: no --signing-key: generating " + generated + " (fine for a local stack)");
        Files.createDirectories(dataDir);
        SigningKey key = SigningKey.generate(new SecureRandom(), null);
        CliFiles.write(generated, Json.write(CleartextKeys.toPrivateJwk(key)) + "\n", true, false);
      }
      return CliFiles.signingKey(generated);
    }

    private static byte[] labelKey(Path file) throws Exception {
      if (file == null) {
        return null;
      }
      try {
        return Base64.getDecoder().decode(CliFiles.read(file).strip());
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException("--log-label-key: not base64");
      }
    }

    private static TrustedSources sources(List<Path> files, Object fromConfig) throws Exception {
      List<Path> all = new ArrayList<>(files);
      if (all.isEmpty() && fromConfig instanceof List<?> l) {
        l.forEach(f -> all.add(Path.of((String) f)));
      }
      List<String> texts = new ArrayList<>();
      for (Path f : all) {
        texts.add(CliFiles.read(f));
      }
      return TrustedSources.parse(texts);
    }

    /** {@code sources} fetching x5u from the allow-listed origins (options win over the config file). */
    private static TrustedSources withX5u(TrustedSources sources, List<String> origins, Object fromConfig) {
      List<String> all = new ArrayList<>(origins);
      if (all.isEmpty() && fromConfig instanceof List<?> l) {
        l.forEach(o -> all.add((String) o));
      }
      if (all.isEmpty()) {
        return sources;
      }
      Set<Origin> allowed = new LinkedHashSet<>();
      for (String o : all) {
        Origin origin;
        try {
          origin = Origin.parse(o);
        } catch (IllegalArgumentException e) {
          throw new Errors.UsageException("--authority-x5u-allow: " + e.getMessage());
        }
        if (!origin.scheme().equals("https")) {
          throw new Errors.UsageException("--authority-x5u-allow: authority certificates are fetched over https only: " + o);
        }
        allowed.add(origin);
      }
      return sources.withX5u(allowed.stream().map(o -> o + "/").toList(),
          HttpX5uFetcher.allowing(allowed, ServerOptions.fetcher(false)));
    }

    /** The chain as x5c, after checking that its end-entity certificate certifies the signing key. */
    private static List<String> x5c(Path pem, Signer signer) throws Exception {
      List<X509Certificate> chain = ServerOptions.certificates(pem, "--cert-chain");
      if (!Pem.publicKey(chain.get(0)).sameKeyAs(signer.publicJwk())) {
        throw new Errors.UsageException("--cert-chain: the first certificate does not certify the signing key");
      }
      return Pem.x5c(chain);
    }
  }
}

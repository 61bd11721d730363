package dev.vesper.cli;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.stir.Pem;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.ops.TrustReloader;
import dev.vesper.verifier.HttpStatusFetcher;
import dev.vesper.verifier.ReloadableIssuerTrust;
import dev.vesper.verifier.RemoteIssuers;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.http.SqlReplayStore;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import dev.vesper.verifier.oid4vp.Oid4vpClient;
import dev.vesper.verifier.stir.CrlCache;
import dev.vesper.verifier.stir.HttpReferenceFetcher;
import dev.vesper.verifier.stir.OutOfBand;
import dev.vesper.verifier.stir.StirVerifier;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      footer = {"", "Examples:", "  vesper verifier serve --port 8084 --trusted-issuer https://issuer.example",
        "  vesper verifier serve --port 8084 --trust-issuer issuer-metadata.json",
        "  vesper verifier serve --trust-issuer issuer.pub.jwk --status-fetch --sti-root sti-root.pem --x5u-allow cert.carrier.example --sip-port 5064"})
  static final class Serve implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).") String host = "127.0.0.1";
    @Option(names = "--port", description = "Port (default 8084; 0 picks a free one).") int port = 8084;
    @Option(names = "--trust-issuer", paramLabel = "FILE", description = "A trusted issuer: its metadata document (as served at /.well-known/jwt-vc-issuer; its keys verify only its tokens) or one bare JWK / JWK set; repeatable (two or more bare files are a usage error).")
    List<Path> trustIssuer = new ArrayList<>();
    @Option(names = "--trusted-issuer", paramLabel = "URL", description = "A trusted issuer by its identifier (the iss of its tokens): its keys come from its metadata at the SD-JWT VC well-known URL, over https, cached by HTTP caching rules and refetched on an unknown kid; repeatable.")
    List<String> trustedIssuerUrls = new ArrayList<>();
    @Option(names = "--log-key", paramLabel = "VKEY", description = "Require issuance receipts from this log (C2SP vkey).") String logKey;
    @Option(names = "--status-fetch", description = "Check token status: fetch status lists (https only) and refuse revoked or suspended tokens; fails closed.") boolean statusFetch;
    @Option(names = {"--local-testing", "--status-allow-http"}, description = "Local stacks and tests only: status lists, x5u chains and issuer metadata are also fetched over plain http and from loopback or private addresses.") boolean localTesting;
    @Option(names = "--sti-root", paramLabel = "PEM", description = "Trust this STI root certificate (PEM); enables the STI-VS at POST /stir/v1/verification; repeatable.")
    List<Path> stiRoots = new ArrayList<>();
    @Option(names = "--x5u-allow", paramLabel = "ORIGIN", description = "With --sti-root: fetch x5u certificate chains from this origin, https://host[:port] (a bare host means port 443); repeatable (default: x5c only).")
    List<String> x5uOrigins = new ArrayList<>();
    @Option(names = "--x5u-allow-file", paramLabel = "FILE", description = "With --sti-root: more x5u origins, one per line; reloaded with the trust.")
    Path x5uAllowFile;
    @Option(names = "--sti-crl", description = "With --sti-root: check STI certificates against the CRLs their distribution points name (fetched, cached, refreshed; fail closed).")
    boolean stiCrl;
    @Option(names = "--reference-allow", paramLabel = "ORIGIN", description = "With --sti-root: fetch presentations by reference and RCD icons only from this origin; repeatable (default: any public https origin).")
    List<String> referenceOrigins = new ArrayList<>();
    @Option(names = "--cps-url", paramLabel = "URL", description = "With --sti-root: when an INVITE has no Identity, retrieve its PASSporTs from this Call Placement Service (with --cps-key, --cps-cert-chain).")
    String cpsUrl;
    @Option(names = "--cps-key", paramLabel = "FILE", description = "With --cps-url: the private JWK of this verifier's STI certificate (signs retrieve tokens).")
    Path cpsKey;
    @Option(names = "--cps-cert-chain", paramLabel = "PEM", description = "With --cps-url: that STI certificate chain, leaf first; its TNAuthList covers the called numbers.")
    Path cpsChain;
    @Option(names = "--sip-port", paramLabel = "PORT", description = "With --sti-root: also answer INVITEs as a SIP redirect server (UDP and TCP) on this port: 302 with the verstat.")
    Integer sipPort;
    @Mixin SipTlsOptions sipTls = new SipTlsOptions();
    @Option(names = "--replay-jdbc-url", paramLabel = "URL", description = "With --sti-root: share replay detection across instances through this PostgreSQL database (jdbc:postgresql:...).")
    String replayJdbcUrl;
    @Option(names = "--spc-directory", paramLabel = "FILE", description = "With --sti-root: JSON {\"SPC\": [numbers or ranges]} so SPC entries of TNAuthLists cover numbers.")
    Path spcDirectory;
    @Option(names = "--admin-key-file", paramLabel = "FILE",
        description = "The operator key that opens /metrics (else VESPER_ADMIN_KEY; without either /metrics answers 401).") Path adminKeyFile;
    @Option(names = "--status-grace", paramLabel = "SECONDS", description = "With --status-fetch: keep using a list that went stale less than this long ago when it cannot be refetched (default 0: fail closed).") Integer statusGrace;
    @Option(names = "--public-url", paramLabel = "URL", description = "OpenID4VP: the verifier's public base URL (response and request URIs live under it; default http://HOST:PORT).")
    String publicUrl;
    @Option(names = "--request-signing-key", paramLabel = "FILE", description = "OpenID4VP: private JWK that signs requests as x509_san_dns: (with --request-signing-cert-chain and --public-url).")
    Path requestKey;
    @Option(names = "--request-signing-cert-chain", paramLabel = "PEM", description = "OpenID4VP: its certificate chain, leaf first; the leaf names the public URL's host as a dNSName.")
    Path requestChain;

    private Oid4vpClient oid4vp() throws Exception {
      if ((requestKey == null) != (requestChain == null)) {
        throw new Errors.UsageException("--request-signing-key and --request-signing-cert-chain go together");
      }
      if (requestKey == null) {
        return publicUrl == null ? null : Oid4vpClient.byRedirectUri(publicUrl);
      }
      if (publicUrl == null) {
        throw new Errors.UsageException("signed requests need --public-url (its host is the x509_san_dns: client identifier)");
      }
      try {
        return Oid4vpClient.x509SanDns(publicUrl, SigningKey.parse(CliFiles.read(requestKey)),
            CliFiles.read(requestChain));
      } catch (IllegalArgumentException | VesperException e) {
        throw new Errors.UsageException("--request-signing-*: " + e.getMessage());
      }
    }

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
      if (!statusFetch && statusGrace != null) {
        throw new Errors.UsageException("--status-grace only applies with --status-fetch");
      }
      OutboundFetcher fetcher = ServerOptions.fetcher(localTesting);
      StatusLists status = null;
      if (statusFetch) {
        status = StatusLists.using(HttpStatusFetcher.using(fetcher), Clock.systemUTC());
        if (statusGrace != null) {
          if (statusGrace < 0 || statusGrace > 86_400) {
            throw new Errors.UsageException("--status-grace must be 0 to 86400 seconds");
          }
          status = status.withGraceOnUnavailable(Duration.ofSeconds(statusGrace));
        }
      }
      if (trustIssuer.isEmpty() && trustedIssuerUrls.isEmpty()) {
        throw new Errors.UsageException("trust at least one issuer: --trusted-issuer URL or --trust-issuer FILE");
      }
      IssuerTrust loaded;
      try {
        loaded = issuerTrust(fetcher, true);
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException("--trusted-issuer: " + e.getMessage());
      }
      // One trust object for the REST verifier, OpenID4VP and the STI-VS, replaced whole on a reload.
      ReloadableIssuerTrust issuers = new ReloadableIssuerTrust(loaded);
      StirTrustFiles trustFiles = stiRoots.isEmpty() ? null : new StirTrustFiles(stiRoots, spcDirectory, trustIssuer,
          issuers, x5uOrigins, x5uAllowFile, stiCrl ? crls(fetcher) : null, fetcher);
      StirVerifier stir = trustFiles == null ? null : stirVerifier(trustFiles, status, fetcher);
      if (stir == null && (!x5uOrigins.isEmpty() || spcDirectory != null || sipPort != null || replayJdbcUrl != null)) {
        throw new Errors.UsageException("--x5u-allow, --spc-directory, --sip-port and --replay-jdbc-url only apply with --sti-root");
      }
      VerifierServer server;
      try {
        server = VerifierServer.start(new VerifierConfig(host, port, issuers, receipts, Clock.systemUTC(), status, stir, sipPort, oid4vp(),
            ServerOptions.optionalAdminKey(adminKeyFile), sipTls.listener()));
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException(e.getMessage());
      }
      System.err.println("verifier on http://" + host + ":" + server.port() + (receipts != null ? " (issuance receipts required)" : "")
          + (status != null ? " (token status checked)" : "") + (stir != null ? " (STI-VS at /stir/v1/verification)" : "")
          + (server.sipPort() != 0 ? " (SIP redirect server on " + host + ":" + server.sipPort() + ")" : "")
          + (server.sipsPort() != 0 ? " (SIP over TLS on " + host + ":" + server.sipsPort() + ")" : ""));
      List<Path> watched = stir != null ? trustFiles.watched() : trustIssuer;
      if (watched.isEmpty()) {
        return ServerOptions.runUntilShutdown(server); // issuers by URL only: their metadata follows HTTP caching
      }
      // SIGHUP or a changed file: the whole trust is read and validated again before it replaces the old.
      TrustReloader reloader = TrustReloader.watch("verifier", watched,
          Duration.ofSeconds(2), () -> {
            IssuerTrust nextIssuers = issuerTrust(fetcher, false);
            StirVerifier.Trust nextSti = stir == null ? null : trustFiles.load();
            issuers.replace(nextIssuers);
            if (nextSti != null) {
              stir.reload(nextSti);
            }
            return (stir == null ? "" : stiRoots.size() + " STI root file(s), ") + trustIssuer.size() + " issuer key file(s)";
          });
      return ServerOptions.runUntilShutdown(() -> {
        reloader.close();
        server.close();
      });
    }

    /**
     * The issuers the {@code --trust-issuer} files and {@code --trusted-issuer} URLs name, read afresh (at
     * start, and on every reload); {@code prefetch}: fetch the URLs' metadata now, warning about failures.
     */
    private IssuerTrust issuerTrust(OutboundFetcher fetcher, boolean prefetch)
        throws Exception {
      TrustedKeys files = ServerOptions.trusted(trustIssuer, "--trust-issuer");
      if (trustedIssuerUrls.isEmpty()) {
        return files;
      }
      RemoteIssuers remote = RemoteIssuers.of(trustedIssuerUrls, files, fetcher, Clock.systemUTC());
      if (prefetch) {
        for (String failed : remote.prefetch()) {
          System.err.println("warning: " + failed + "; it is fetched again when a token names the issuer");
        }
      }
      return remote;
    }

    /** CRLs through the fetcher (10 s each), refreshed every minute in the background. */
    private CrlCache crls(OutboundFetcher fetcher) {
      CrlCache cache = new CrlCache(HttpReferenceFetcher.allowing(
          "STI CRL", Set.of(), fetcher, Duration.ofSeconds(10)), Clock.systemUTC());
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vesper-crl-refresh");
        t.setDaemon(true);
        return t;
      }).scheduleWithFixedDelay(cache::refresh, 1, 1, TimeUnit.MINUTES);
      return cache;
    }

    private StirVerifier stirVerifier(StirTrustFiles files, StatusLists status, OutboundFetcher fetcher) throws Exception {
      StirVerifier.Trust trust;
      try {
        trust = files.load();
      } catch (IllegalArgumentException | CertificateException e) {
        throw new Errors.UsageException("--sti-root, --trust-issuer, --spc-directory, --x5u-allow: " + e.getMessage());
      }
      StirVerifier.Builder b = StirVerifier.builder(trust.credentials(), trust.issuers()).fetchX5u(trust.x5u());
      Set<Origin> references = new HashSet<>();
      for (String o : referenceOrigins) {
        references.add(Origin.parse(o));
      }
      b.fetchReferences(HttpReferenceFetcher.allowing("presentation by reference", references, fetcher,
          HttpReferenceFetcher.CALL_TIMEOUT));
      if (cpsUrl != null) {
        if (cpsKey == null || cpsChain == null) {
          throw new Errors.UsageException("--cps-url needs --cps-key and --cps-cert-chain");
        }
        b.retrieveOutOfBand(OutOfBand.from(cpsUrl, SigningKey.parse(CliFiles.read(cpsKey)),
            Pem.x5c(ServerOptions.certificates(cpsChain, "--cps-cert-chain")), fetcher, Clock.systemUTC()));
      }
      if (status != null) {
        b.checkStatus(status);
      }
      if (replayJdbcUrl != null) {
        if (!replayJdbcUrl.startsWith("jdbc:postgresql:")) {
          throw new Errors.UsageException("--replay-jdbc-url must be a jdbc:postgresql: URL");
        }
        b.replayStore(SqlReplayStore.open(replayJdbcUrl));
      }
      return b.build();
    }
  }
}

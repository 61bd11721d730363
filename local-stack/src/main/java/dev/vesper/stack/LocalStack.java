package dev.vesper.stack;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.entry.EntryType;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.cps.CpsConfig;
import dev.vesper.cps.CpsServer;
import dev.vesper.holder.HolderConfig;
import dev.vesper.holder.HolderServer;
import dev.vesper.holder.StiCredential;
import dev.vesper.holder.WalletConfig;
import dev.vesper.holder.outbound.HttpOutbound;
import dev.vesper.issuer.IssuerConfig;
import dev.vesper.issuer.IssuerServer;
import dev.vesper.issuer.vetting.TrustedSources;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.server.store.Database;
import dev.vesper.server.store.SoftwareKek;
import dev.vesper.verifier.HttpStatusFetcher;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.http.VerifierConfig;
import dev.vesper.verifier.http.VerifierServer;
import dev.vesper.verifier.stir.HttpCertificateFetcher;
import dev.vesper.verifier.stir.HttpReferenceFetcher;
import dev.vesper.verifier.stir.OutOfBand;
import dev.vesper.verifier.stir.StirVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole local stack in one JVM: registry, issuer (reporting to the registry), holder and verifier,
 * on embedded SQLite under {@code <data>} or on one PostgreSQL database (a schema per service). The
 * first start generates every key and a demo trust setup and seeds a demo enterprise, a demo consumer
 * (a pool of five tokens the holder refills by itself) and a demo contact centre with a grant from the
 * enterprise, through the real flows; later starts reuse the data. {@code <data>/stack.json} records the
 * facts scripts need.
 */
public final class LocalStack implements AutoCloseable {
  private final List<AutoCloseable> servers;
  private final Map<String, Object> facts;
  private final StackKeys keys;

  private LocalStack(List<AutoCloseable> servers, Map<String, Object> facts, StackKeys keys) {
    this.servers = servers;
    this.facts = facts;
    this.keys = keys;
  }

  /**
   * Where and how to run: {@code basePort} 0 picks free ports, otherwise issuer, holder, registry and
   * verifier take base..base+3, the verifier's SIP redirect server base+4 and the holder's base+5 (UDP and TCP), their SIP
   * over TLS base+6 and base+7, the Call Placement Service base+8; {@code postgresUrl} null for SQLite under {@code dataDir};
   * {@code statusTtl} is the status lists' ttl (how soon verifiers see a revocation).
   */
  public record Options(Path dataDir, String host, int basePort, String postgresUrl, Duration statusTtl) {
    public Options(Path dataDir, String host, int basePort, String postgresUrl) {
      this(dataDir, host, basePort, postgresUrl, Duration.ofSeconds(60));
    }
  }

  /** A seeded demo persona: its holder tenant, numbers, and its entity at the issuer. */
  public record Persona(String apiKey, String tenantId, List<String> numbers, String tokenId, String entityId, String entityApiKey) {}

  public static LocalStack start(Options o, PrintStream progress) throws IOException, VesperException, InterruptedException {
    Files.createDirectories(o.dataDir());
    StackKeys keys = StackKeys.loadOrCreate(o.dataDir());
    StackSti sti = StackSti.loadOrCreate(o.dataDir());
    StackSipTls sipTls = StackSipTls.loadOrCreate(o.dataDir(), o.host());
    Path factsFile = o.dataDir().resolve("stack.json");
    Map<String, Object> previous = Files.exists(factsFile) ? Json.parseObject(StackFiles.read(factsFile)) : Map.of();
    List<AutoCloseable> servers = new ArrayList<>();
    try {
      RegistryServer registry = RegistryServer.start(new RegistryConfig(o.host(), port(o, 2), o.dataDir().resolve("registry"),
          jdbc(o, "registry"), keys.log(), List.of(keys.registrar().publicJwk()), Clock.systemUTC(), keys.adminKey()));
      servers.add(registry);
      String registryUrl = url(o, registry.port());
      IssuerServer issuer = IssuerServer.start(new IssuerConfig(o.host(), port(o, 0), o.dataDir().resolve("issuer"), jdbc(o, "issuer"),
          null, keys.adminKey(), keys.issuer(), List.of(), pinned(keys.demoKycProvider(), StackSeeder.DEMO_KYC_ISS),
          pinned(keys.demoNumberingAuthority(), StackSeeder.DEMO_AUTHORITY_ISS), Duration.ofDays(365), Duration.ofDays(30),
          o.statusTtl(), 1000, 2000, Clock.systemUTC(), Randomness.secure(), registryUrl, keys.labelKey()));
      servers.add(issuer);
      ensureIssuerKeyRegistered(registryUrl, issuer.url(), keys);
      // Every component trusts the issuer through its metadata document, exactly as the issuer serves it:
      // its keys then verify only tokens whose iss is this issuer's (issue 12 §1).
      Path metadataFile = o.dataDir().resolve("keys").resolve("issuer-metadata.json");
      String metadata = StackClient.text(issuer.url() + "/.well-known/jwt-vc-issuer");
      StackFiles.write(metadataFile, metadata + "\n", false);
      TrustedKeys issuerKeys = TrustedKeys.parse(metadata);
      // The Call Placement Service (out-of-band delivery): the holder publishes every call it signs, the
      // verifier retrieves when an INVITE arrives without Identity. Its audience is the host callers use.
      StiCredentials stiTrust = StiCredentials.trusting(List.of(sti.root()), SpcDirectory.none());
      CpsServer cps = CpsServer.start(new CpsConfig(o.host(), port(o, 8), o.host(), stiTrust, CpsConfig.DEFAULT_RETENTION, 100, 200,
          Clock.systemUTC(), keys.adminKey()));
      servers.add(cps);
      String cpsUrl = url(o, cps.port());
      // The holder's STI-AS names its own chain as info; with a free port it is only known once bound.
      int holderPort = port(o, 1) != 0 ? port(o, 1) : freePort();
      int holderSipPort = o.basePort() == 0 ? freeUdpPort() : o.basePort() + 5;
      int holderSipsPort = o.basePort() == 0 ? freePort() : o.basePort() + 7;
      HolderServer holder = HolderServer.start(new HolderConfig(o.host(), holderPort, o.dataDir().resolve("holder"), jdbc(o, "holder"),
          issuerKeys, keys.adminKey(), SoftwareKek.loadOrCreate(keys.kekFile()), 3000, 6000, Clock.systemUTC(), null,
          new StiCredential(sti.key(), sti.x5c(), url(o, holderPort) + "/stir/v1/certificate", cpsUrl), holderSipPort,
          // The stack's services talk over loopback http: the wallet's named local-testing relaxation.
          new WalletConfig(HttpOutbound.over(OutboundFetcher.create(Resolver.system(), Clock.systemUTC()).forLocalTesting()), List.of()),
          new SipRedirectServer.TlsListener(holderSipsPort, sipTls.settings())));
      servers.add(holder);
      // The stack runs on loopback over plain http: its fetches use the named local-testing relaxation.
      OutboundFetcher fetcher = OutboundFetcher.create(Resolver.system(), Clock.systemUTC()).forLocalTesting();
      StatusLists status = StatusLists.using(HttpStatusFetcher.using(fetcher), Clock.systemUTC());
      StirVerifier stir = StirVerifier.builder(stiTrust, issuerKeys)
          .retrieveOutOfBand(OutOfBand.from(cpsUrl, sti.key(), sti.x5c(), fetcher, Clock.systemUTC()))
          .fetchX5u(HttpCertificateFetcher.allowing(Set.of(Origin.of(URI.create(url(o, holderPort)))), fetcher,
              Clock.systemUTC()))
          .fetchReferences(HttpReferenceFetcher.allowing("presentation by reference",
              Set.of(Origin.of(URI.create(url(o, holderPort)))), fetcher, HttpReferenceFetcher.CALL_TIMEOUT))
          .checkStatus(status).build();
      int sipPort = o.basePort() == 0 ? freeUdpPort() : o.basePort() + 4;
      int sipsPort = o.basePort() == 0 ? freePort() : o.basePort() + 6;
      VerifierServer verifier = VerifierServer.start(new VerifierConfig(o.host(), port(o, 3), issuerKeys, null, Clock.systemUTC(),
          status, stir, sipPort, null, keys.adminKey(), new SipRedirectServer.TlsListener(sipsPort, sipTls.settings())));
      servers.add(verifier);

      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("issuer", Map.of("url", issuer.url(), "jwks", Json.parseObject(StackClient.text(issuer.url() + "/jwks.json")),
          "metadata_file", metadataFile.toAbsolutePath().toString()));
      facts.put("holder", sipFacts(url(o, holder.port()), holder.sipPort(), holder.sipsPort()));
      facts.put("verifier", sipFacts(url(o, verifier.port()), verifier.sipPort(), verifier.sipsPort()));
      facts.put("sip_tls", sipTls.facts());
      facts.put("cps", Map.of("url", cpsUrl));
      facts.put("registry", Map.of("url", registryUrl, "origin", keys.log().verifierKey().name(), "log_key", keys.log().verifierKey().vkey()));
      facts.put("admin_key", keys.adminKey());
      facts.put("sti", Map.of("root_pem", o.dataDir().resolve("keys/demo-sti-root.pem").toAbsolutePath().toString(),
          "signing", url(o, holder.port()) + "/stir/v1/signing", "verification", url(o, verifier.port()) + "/stir/v1/verification"));
      facts.put("data", o.dataDir().toAbsolutePath().toString());
      facts.put("store", o.postgresUrl() == null ? "sqlite" : "postgresql");
      StackSeeder seeder = new StackSeeder(issuer.url(), url(o, holder.port()), keys, progress);
      Map<String, Object> demo = previous.get("demo") instanceof Map<?, ?> m ? new LinkedHashMap<>(castMap(m)) : null;
      if (demo == null) {
        progress.println("first run: seeding the demo personas through the real flows");
        demo = new LinkedHashMap<>();
        demo.put("enterprise", persona(seeder.enterprise()));
        demo.put("consumer", persona(seeder.consumer()));
      }
      if (!demo.containsKey("contact_centre")) { // also for data directories seeded before it existed
        Persona agent = seeder.contactCentre();
        Map<String, Object> contactCentre = persona(agent);
        contactCentre.put("grant", seeder.grant(personaOf(castMap((Map<?, ?>) demo.get("enterprise"))), "Acme Widgets (demo enterprise)", agent,
            "+12025550210"));
        demo.put("contact_centre", contactCentre);
      }
      facts.put("demo", demo);
      StackFiles.write(factsFile, Json.writePretty(facts) + "\n", true);
      return new LocalStack(servers, facts, keys);
    } catch (IOException | VesperException | InterruptedException | RuntimeException e) {
      closeAll(servers);
      throw e;
    }
  }

  /** What stack.json holds. */
  public Map<String, Object> facts() {
    return facts;
  }

  public String issuerUrl() {
    return url("issuer");
  }

  public String holderUrl() {
    return url("holder");
  }

  public String verifierUrl() {
    return url("verifier");
  }

  public String registryUrl() {
    return url("registry");
  }

  /** The operator key of every service (the issuer's and holder's admin key; it opens every /metrics). */
  public String adminKey() {
    return keys.adminKey();
  }

  /** The log's verifier key (C2SP vkey). */
  public String logKey() {
    return keys.log().verifierKey().vkey();
  }

  /** {@code enterprise}, {@code consumer} or {@code contact_centre}. */
  @SuppressWarnings("unchecked")
  public Persona persona(String name) {
    return personaOf((Map<String, Object>) ((Map<String, Object>) facts.get("demo")).get(name));
  }

  /** The demo enterprise's grant to the demo contact centre: {@code {"id", "client", "numbers", "expires_at"}}. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> contactCentreGrant() {
    return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) facts.get("demo")).get("contact_centre")).get("grant");
  }

  @SuppressWarnings("unchecked")
  private static Persona personaOf(Map<String, Object> p) {
    Map<String, Object> entity = (Map<String, Object>) p.get("issuer_entity");
    return new Persona((String) p.get("api_key"), (String) p.get("tenant_id"), (List<String>) p.get("numbers"), (String) p.get("token_id"),
        (String) entity.get("id"), (String) entity.get("api_key"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  @SuppressWarnings("unchecked")
  private String url(String service) {
    return (String) ((Map<String, Object>) facts.get(service)).get("url");
  }

  @Override
  public void close() {
    closeAll(servers);
  }

  private static void closeAll(List<AutoCloseable> servers) {
    for (int i = servers.size() - 1; i >= 0; i--) {
      try {
        servers.get(i).close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e.getMessage());
      }
    }
  }

  /**
   * A registrar registers the issuer's key in the log under the issuer identifier its entries name (its
   * URL), so the log accepts them (an issuer key logs only for its own issuer); skipped when the log
   * already has that key in force for that issuer. Data directories whose key was registered under
   * another name are mended on their next start.
   */
  private static void ensureIssuerKeyRegistered(String registryUrl, String issuerUrl, StackKeys keys)
      throws IOException, InterruptedException, VesperException {
    HttpClient http = HttpClient.newHttpClient();
    String kid = keys.issuer().publicJwk().kid().orElseThrow();
    HttpResponse<String> current = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/v1/issuers/"
        + Base64Url.encode(issuerUrl) + "/keys")).build(), HttpResponse.BodyHandlers.ofString());
    if (current.statusCode() == 200 && Json.parseObject(current.body()).get("current") instanceof List<?> kids && kids.contains(kid)) {
      return;
    }
    IssuerKeyEvent event = new IssuerKeyEvent(EntryType.ISSUER_KEY_REGISTERED, issuerUrl, keys.issuer().publicJwk(), 0, Reason.UNSPECIFIED);
    byte[] entry = new LogEntry(0, Submission.sign(event, System.currentTimeMillis(), keys.registrar())).encode();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/v1/entries"))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(entry)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("registering the issuer key in the log failed: " + r.body());
    }
  }

  private static Map<String, Object> persona(Persona p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("api_key", p.apiKey());
    m.put("tenant_id", p.tenantId());
    m.put("numbers", p.numbers());
    m.put("token_id", p.tokenId());
    m.put("issuer_entity", Map.of("id", p.entityId(), "api_key", p.entityApiKey()));
    return m;
  }

  private static TrustedSources pinned(SigningKey key, String iss) throws VesperException {
    Map<String, Object> json = new LinkedHashMap<>(Map.of("iss", iss, "keys", List.of(key.publicJwk().toJson())));
    return TrustedSources.parse(List.of(Json.write(json)));
  }

  private static int port(Options o, int offset) {
    return o.basePort() == 0 ? 0 : o.basePort() + offset;
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String jdbc(Options o, String schema) {
    return o.postgresUrl() == null ? null : Database.withSchema(o.postgresUrl(), schema);
  }

  private static String url(Options o, int port) {
    return "http://" + o.host() + ":" + port;
  }


  private static Map<String, Object> sipFacts(String url, int sipPort, int sipsPort) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", url);
    m.put("sip_port", sipPort);
    m.put("sips_port", sipsPort);
    return m;
  }
}

package dev.vesper.cli;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.stir.Pem;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import dev.vesper.server.store.Kek;
import dev.vesper.server.store.Pkcs11Kek;
import dev.vesper.server.store.Pkcs11Token;
import dev.vesper.server.store.SoftwareKek;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Option;

/** What the server commands share: admin key, KEK, trusted keys, config file. */
final class ServerOptions {
  /** A PKCS#11 token (an HSM; SoftHSM2 for tests) for the KEK and/or the holder keys. */
  static final class Pkcs11 {
    @Option(names = "--pkcs11-library", paramLabel = "PATH", required = true,
        description = "PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so.")
    Path library;

    @Option(names = "--pkcs11-slot", paramLabel = "INDEX", description = "Slot list index (default 0).")
    int slot;

    @Option(names = "--pkcs11-pin-file", paramLabel = "FILE", description = "User PIN (else VESPER_PKCS11_PIN).")
    Path pinFile;

    @Option(names = "--kek-pkcs11-label", paramLabel = "LABEL",
        description = "Keep the KEK in the token as this AES key (generated when missing).")
    String kekLabel;

    @Option(names = "--holder-keys-in-pkcs11", description = "Generate holder keys in the token (never exported).")
    boolean holderKeys;

    Pkcs11Token login() throws IOException, VesperException {
      String pin = pinFile != null ? CliFiles.read(pinFile) : System.getenv("VESPER_PKCS11_PIN");
      if (pin == null || pin.isBlank()) {
        throw new Errors.UsageException("the PKCS#11 PIN: set VESPER_PKCS11_PIN or pass --pkcs11-pin-file");
      }
      return Pkcs11Token.login(library, slot, pin.strip().toCharArray());
    }
  }

  private ServerOptions() {}

  /** The admin key from {@code --admin-key-file} or {@code VESPER_ADMIN_KEY}; a usage error without one. */
  static String adminKey(Path file) throws IOException {
    if (file != null) {
      return CliFiles.read(file);
    }
    String env = System.getenv("VESPER_ADMIN_KEY");
    if (env == null || env.isBlank()) {
      throw new Errors.UsageException("no admin key: set VESPER_ADMIN_KEY or pass --admin-key-file FILE");
    }
    return env.strip();
  }

  /**
   * The operator key of a server that runs without one ({@code /metrics} closed): {@code --admin-key-file},
   * else {@code VESPER_ADMIN_KEY}, else null.
   */
  static String optionalAdminKey(Path file) throws IOException {
    if (file != null) {
      return CliFiles.read(file);
    }
    String env = System.getenv("VESPER_ADMIN_KEY");
    return env == null || env.isBlank() ? null : env.strip();
  }

  /**
   * The key-encryption key: {@code --kek-file}, else {@code VESPER_KEK} (base64 of 32 bytes), else a
   * file created beside the data (embedded default; printed as a warning).
   */
  static Kek kek(Path file, Path dataDir) throws IOException, VesperException {
    return kek(file, dataDir, null, null);
  }

  /** As {@link #kek(Path, Path)}, with a KEK in the PKCS#11 {@code token} taking precedence when labelled. */
  static Kek kek(Path file, Path dataDir, Pkcs11Token token, String kekLabel) throws IOException, VesperException {
    if (token != null && kekLabel != null) {
      return Pkcs11Kek.open(token, kekLabel, true);
    }
    if (file != null) {
      return SoftwareKek.fromFile(file);
    }
    String env = System.getenv("VESPER_KEK");
    if (env != null && !env.isBlank()) {
      return SoftwareKek.fromText(env);
    }
    if (dataDir == null) {
      throw new Errors.UsageException("with --jdbc-url, give the key-encryption key: --kek-file FILE or VESPER_KEK");
    }
    Path generated = dataDir.resolve("kek.b64");
    if (!Files.exists(generated)) {
      System.err.println("warning: no --kek-file or VESPER_KEK: generating " + generated
          + " (fine for a local stack; in production keep the KEK outside the data directory)");
    }
    return SoftwareKek.loadOrCreate(generated);
  }

  /**
   * The process's outbound fetcher (x5u, status lists, issuer metadata): public https only, or with
   * {@code localTesting} also plain http and loopback or private addresses (local stacks and tests).
   */
  static OutboundFetcher fetcher(boolean localTesting) {
    OutboundFetcher strict =
        OutboundFetcher.create(Resolver.system(), Clock.systemUTC());
    return localTesting ? strict.forLocalTesting() : strict;
  }

  /**
   * The issuer trust in {@code files} ({@code option} names them in messages): each an issuer's JWT VC
   * Issuer Metadata document (its keys then verify only that issuer's tokens), or a bare JWK / JWK set
   * (bound to no issuer). Two or more bare files are a usage error: nothing would tell whose key is whose.
   */
  static TrustedKeys trusted(List<Path> files, String option) throws IOException, VesperException {
    List<TrustedKeys> sets = new ArrayList<>();
    List<Path> bare = new ArrayList<>();
    for (Path f : files) {
      TrustedKeys keys = TrustedKeys.parse(publicOnly(CliFiles.read(f), option, f));
      if (keys.issuers().isEmpty()) {
        bare.add(f);
      }
      sets.add(keys);
    }
    if (bare.size() > 1) {
      throw new Errors.UsageException(option + " " + bare + ": two or more bare JWK files would trust every key for every issuer;"
          + " give each issuer's metadata document instead ({\"issuer\": URL, \"jwks\": {...}}, as served at"
          + " <issuer>/.well-known/jwt-vc-issuer)");
    }
    try {
      return TrustedKeys.union(sets);
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException(option + ": " + e.getMessage());
    }
  }

  /** The public keys of the JWKs or JWK sets in {@code files}, for keys that are not issuers' (registrars). */
  static List<PublicJwk> publicKeys(List<Path> files, String option) throws IOException, VesperException {
    List<PublicJwk> keys = new ArrayList<>();
    for (Path f : files) {
      keys.addAll(TrustedKeys.parse(publicOnly(CliFiles.read(f), option, f)).keys());
    }
    return keys;
  }

  private static String publicOnly(String json, String option, Path file) throws VesperException {
    Map<String, Object> m = Json.parseObject(json);
    if (m.containsKey("d")) {
      System.err.println("warning: " + option + " " + file + " holds a private key; only its public part is used. "
          + "Give verifiers the output of 'vesper keys public' or the issuer's metadata.");
      m.remove("d");
      return Json.write(m);
    }
    return json;
  }

  /** The certificates of the PEM file given to {@code option}; a usage error when it holds none. */
  static List<X509Certificate> certificates(Path file, String option) throws IOException {
    try {
      return Pem.certificates(CliFiles.read(file));
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException(option + " " + file + ": " + e.getMessage());
    }
  }

  /** A JSON config file: option names without dashes as members ({@code {"port": 8082, "data": "..."}}). */
  static Map<String, Object> config(Path file) throws IOException, VesperException {
    return file == null ? Map.of() : Json.parseObject(CliFiles.read(file));
  }

  /** Keeps the process up until it is asked to stop (SIGTERM, Ctrl-C), then closes {@code server}. */
  static int runUntilShutdown(AutoCloseable server) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e.getMessage());
      }
      stop.countDown();
    }));
    stop.await();
    return 0;
  }
}

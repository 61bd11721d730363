package dev.vesper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.LogHasher;
import dev.vesper.core.log.MerkleTree;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.Receipt;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.NumberLabel;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.phone.TnAuthList.One;
import dev.vesper.core.stir.Pem;
import dev.vesper.core.stir.StiPki;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as external checks call it: arguments, stdin, stdout, exit codes. */
class CliTest {
  @TempDir Path dir;

  private String stdout;
  private String stderr;

  private int run(String stdin, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      return Main.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
      stdout = o.toString(StandardCharsets.UTF_8);
      stderr = e.toString(StandardCharsets.UTF_8);
    }
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @BeforeEach
  void keysAndToken() throws Exception {
    assertThat(run("", "keys", "generate", "--out", p("issuer.jwk"), "--kid", "issuer-1")).isZero();
    assertThat(run("", "keys", "generate", "--out", p("holder.jwk"))).isZero();
    assertThat(run("", "keys", "public", "--in", p("issuer.jwk"), "--out", p("issuer.pub.jwk"))).isZero();
    Files.writeString(
        dir.resolve("claims.json"),
        "{\"name\":\"Acme\",\"entity_type\":\"organization\",\"address\":{\"locality\":\"Washington\",\"country\":\"US\"},"
            + "\"tn\":[\"+1 202 555 0100\",{\"start\":\"12025550200\",\"count\":100}]}");
    assertThat(run("", "issue", "--issuer-key", p("issuer.jwk"), "--holder-key", p("holder.jwk"), "--claims", p("claims.json"))).isZero();
    Files.writeString(dir.resolve("token.sdjwt"), stdout);
  }

  private String present(String... disclose) {
    String[] base = {"present", "--token", p("token.sdjwt"), "--holder-key", p("holder.jwk"), "--aud", "sip:v.example", "--nonce", "n1"};
    String[] args = new String[base.length + disclose.length * 2];
    System.arraycopy(base, 0, args, 0, base.length);
    for (int i = 0; i < disclose.length; i++) {
      args[base.length + 2 * i] = "--disclose";
      args[base.length + 2 * i + 1] = disclose[i];
    }
    assertThat(run("", args)).as(stderr).isZero();
    return stdout.strip();
  }

  @Test
  void privateKeysAreWrittenWithMode0600() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("issuer.jwk")))).isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve("issuer.pub.jwk"))).doesNotContain("\"d\"").contains("issuer-1");
  }

  @Test
  void issuePresentVerifyRevealsOnlyTheChosenClaims() {
    String vp = present("name", "tn=+12025550250", "address.locality");
    int code = run(vp, "verify", "--issuer-key", p("issuer.pub.jwk"), "--aud", "sip:v.example", "--nonce", "n1", "--require", "name", "--require", "tn=12025550250");
    assertThat(code).as(stderr).isZero();
    assertThat(stdout).startsWith("{\"valid\":true,\"claims\":{").contains("\"name\":\"Acme\"").contains("\"locality\":\"Washington\"")
        .contains("{\"start\":\"12025550200\",\"count\":100}").doesNotContain("12025550100").doesNotContain("\"country\"");
  }

  @Test
  void aWrongNonceIsInvalidWithExitCode1AndAStableError() {
    String vp = present("name");
    assertThat(run(vp, "verify", "--issuer-key", p("issuer.pub.jwk"), "--aud", "sip:v.example", "--nonce", "other")).isEqualTo(1);
    assertThat(stdout.strip()).startsWith("{\"valid\":false,\"error\":\"key_binding.nonce_mismatch\",\"message\":");
  }

  @Test
  void aRequiredIssuanceReceiptIsCheckedOffline() throws Exception {
    String vp = present("name");
    String jwt = vp.substring(0, vp.indexOf('~'));
    SigningKey issuer = SigningKey.parse(Files.readString(dir.resolve("issuer.jwk")));
    var issued = new TokenIssued("https://issuer.example", "issuer-1",
        Hash32.of(Sha256.digest(jwt.getBytes(StandardCharsets.US_ASCII))), 0, 1,
        List.of(NumberLabel.pseudonym(Hash32.of(new byte[32]))));
    byte[] leaf = new LogEntry(5, Submission.sign(issued, 5, issuer)).encode();
    NoteSigner log = NoteSigner.fromSeed("registry.example/log", new byte[32]);
    MerkleTree tree = new MerkleTree();
    tree.append(LogHasher.leafHash(leaf));
    String note = log.sign(new Checkpoint("registry.example/log", 1, tree.root(1)).text());
    Files.writeString(dir.resolve("receipt.txt"), Receipt.of(leaf, 0, tree.inclusionProof(0, 1), note).text());
    String vkey = log.verifierKey().vkey();
    String[] base = {"verify", "--explain", "--issuer-key", p("issuer.pub.jwk"), "--aud", "sip:v.example", "--nonce", "n1", "--log-key", vkey};

    assertThat(run(vp, concat(base, "--receipt", p("receipt.txt")))).as(stdout + stderr).isZero();
    assertThat(stdout).contains("{\"check\":\"issuance_receipt\",\"outcome\":\"passed\"}");
    assertThat(run(vp, base)).isEqualTo(1);
    assertThat(stdout).contains("\"error\":\"log.receipt_missing\"");
    assertThat(run(present("name"), concat(base, "--receipt", p("receipt.txt")))).isZero();
    assertThat(run(vp, "verify", "--issuer-key", p("issuer.pub.jwk"), "--aud", "a", "--nonce", "n", "--receipt", p("receipt.txt"))).isEqualTo(2);
    assertThat(run(vp, concat(base, "--receipt", p("missing.txt")))).isEqualTo(2);
  }

  private static String[] concat(String[] base, String... more) {
    String[] out = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  @Test
  void registryKeygenWritesASecretSignerKeyAndPrintsItsVkey() throws Exception {
    assertThat(run("", "registry", "keygen", "--origin", "registry.example/log", "--out", p("log.skey"))).as(stderr).isZero();
    String vkey = stdout.strip();
    assertThat(vkey).startsWith("registry.example/log+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("log.skey")))).isEqualTo("rw-------");
    assertThat(NoteSigner.parseSkey(Files.readString(dir.resolve("log.skey"))).verifierKey().vkey()).isEqualTo(vkey);
    assertThat(run("", "registry", "keygen", "--origin", "registry.example/log", "--out", p("log.skey"))).isEqualTo(2);
    assertThat(run("", "registry", "keygen", "--origin", "has space", "--out", p("other.skey"))).isEqualTo(2);
    Files.writeString(dir.resolve("bad.skey"), "PRIVATE+KEY+nope");
    assertThat(run("", "registry", "serve", "--log-key", p("bad.skey"), "--port", "0")).isEqualTo(2);
    assertThat(stderr).contains("--log-key");
  }

  @Test
  void theMonitorFollowsALogAndCatchesAFork() throws Exception {
    NoteSigner key = NoteSigner.fromSeed("mon.example/log", new byte[32]);
    String vkey = key.verifierKey().vkey();
    SigningKey issuer = SigningKey.parse(Files.readString(dir.resolve("issuer.jwk")));
    try (var a = registry(dir.resolve("a"), key, issuer); var b = registry(dir.resolve("b"), key, issuer)) {
      appendTo(a, issuer, 0, 3);
      String urlA = "http://127.0.0.1:" + a.port();
      String[] monitor = {"log", "monitor", "--once", "--log-key", vkey, "--state", p("mon.json")};
      assertThat(run("", concat(monitor, "--url", urlA))).as(stdout + stderr).isZero();
      assertThat(stdout).startsWith("OK 3 ");
      appendTo(a, issuer, 3, 5);
      assertThat(run("", concat(monitor, "--url", urlA))).as(stdout + stderr).isZero();
      assertThat(stdout).startsWith("OK 5 ");
      appendTo(b, issuer, 100, 106); // same key, different history: a fork
      assertThat(run("", concat(monitor, "--url", "http://127.0.0.1:" + b.port()))).isEqualTo(1);
      assertThat(stdout).startsWith("FORK ").contains("--- last verified checkpoint\nmon.example/log\n5\n")
          .contains("--- new checkpoint\nmon.example/log\n6\n");
      assertThat(run("", concat(monitor, "--url", "http://127.0.0.1:1"))).isEqualTo(3);
      assertThat(run("", "log", "monitor", "--once", "--log-key", "bad", "--url", urlA)).isEqualTo(2);
    }
  }

  private static RegistryServer registry(
      Path data, NoteSigner key, SigningKey submitter) throws Exception {
    return RegistryServer.start(new RegistryConfig("127.0.0.1", 0, data, null, key,
        List.of(submitter.publicJwk()), Clock.systemUTC()));
  }

  private static void appendTo(RegistryServer server, SigningKey submitter, int from, int to)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = from; i < to; i++) {
      byte[] hash = ByteBuffer.allocate(32).putInt(i).array();
      var body = new TokenStatusChanged(Hash32.of(hash),
          TokenStatus.SUSPENDED, Reason.FRAUD);
      byte[] entry = new LogEntry(0,
          Submission.sign(body, i, submitter)).encode();
      var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/entries"))
          .POST(BodyPublishers.ofByteArray(entry)).build(), BodyHandlers.discarding());
      assertThat(r.statusCode()).isEqualTo(201);
    }
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    List<String> missing = new ArrayList<>();
    walk(new CommandLine(new Main()), missing);
    assertThat(missing).as("commands whose --help shows no example").isEmpty();
  }

  private static void walk(CommandLine command, List<String> missing) {
    boolean leaf = command.getSubcommands().isEmpty();
    String name = command.getCommandSpec().qualifiedName();
    boolean builtIn = name.endsWith("help") || name.endsWith("generate-completion");
    if (leaf && !builtIn && !command.getUsageMessage().contains("Example")) {
      missing.add(name);
    }
    command.getSubcommands().values().stream().distinct().forEach(c -> walk(c, missing));
  }

  @Test
  void aCompletionScriptAndJsonOutputForScripts() throws Exception {
    assertThat(run("", "generate-completion")).isZero();
    assertThat(stdout).contains("complete").contains("vesper").contains("verify");
    Path vectors = Fixtures.sharedVector("merkle/inclusion/1/happy-path.json").getParent();
    List<String> args = new ArrayList<>(List.of("log", "verify-inclusion", "--json"));
    try (var files = Files.list(vectors)) {
      files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> args.add(f.toString()));
    }
    int code = run("", args.toArray(String[]::new));
    String[] lines = stdout.strip().split("\n");
    assertThat(lines).hasSize(args.size() - 3);
    for (String line : lines) {
      Map<String, Object> json = Json.parseObject(line);
      assertThat(json).containsKeys("file", "ok");
      if (Boolean.FALSE.equals(json.get("ok"))) {
        assertThat(json).containsKeys("error", "message");
      }
    }
    assertThat(stdout).contains("happy-path.json\",\"ok\":true").contains("\"ok\":false");
    assertThat(code).as("some vectors are meant to fail").isEqualTo(1);
  }

  @Test
  void issuerServeRefusesBadOptionsWithUsageErrors() throws Exception {
    Files.writeString(dir.resolve("admin.key"), "issuer-admin-key-0123456789");
    Files.writeString(dir.resolve("not-a-chain.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    String[] base = {"issuer", "serve", "--port", "0", "--data", p("issuer-data"), "--admin-key-file", p("admin.key"), "--signing-key", p("issuer.jwk")};
    assertThat(run("", concat(base, "--issuer-url", "https://issuer.example/"))).isEqualTo(2);
    assertThat(stderr).contains("--issuer-url");
    assertThat(run("", concat(base, "--trust-kyc-provider", p("missing.jwk")))).isEqualTo(2);
    assertThat(run("", concat(base, "--cert-chain", p("not-a-chain.pem")))).isEqualTo(2);
    assertThat(run("", concat(base, "--authority-x5u-allow", "http://authority.example"))).isEqualTo(2);
    assertThat(stderr).contains("--authority-x5u-allow");
    assertThat(run("", concat(base, "--authority-x5u-allow", "https://authority.example/certs"))).isEqualTo(2);
    assertThat(run("", "issuer", "serve", "--port", "0", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x", "--admin-key-file", p("admin.key"))).isEqualTo(2);
    assertThat(stderr).contains("--signing-key");
  }

  /** Issue 12 §1: metadata documents bind keys to their issuer; two bare key files are a usage error. */
  @Test
  void trustFilesBindKeysToTheirIssuer() throws Exception {
    String vp = present("name");
    String key = Files.readString(dir.resolve("issuer.pub.jwk")).strip();
    assertThat(run("", "keys", "generate", "--out", p("other.jwk"), "--kid", "other-1")).isZero();
    assertThat(run("", "keys", "public", "--in", p("other.jwk"), "--out", p("other.pub.jwk"))).isZero();
    String otherKey = Files.readString(dir.resolve("other.pub.jwk")).strip();
    Files.writeString(dir.resolve("ours.json"), "{\"issuer\":\"https://issuer.vesper.example\",\"jwks\":{\"keys\":[" + key + "]}}");
    Files.writeString(dir.resolve("theirs.json"), "{\"issuer\":\"https://other.example\",\"jwks\":{\"keys\":[" + otherKey + "]}}");
    Files.writeString(dir.resolve("misbound.json"), "{\"issuer\":\"https://other.example\",\"jwks\":{\"keys\":[" + key + "]}}");
    String[] verify = {"verify", "--aud", "sip:v.example", "--nonce", "n1"};

    assertThat(run(vp, concat(verify, "--issuer-key", p("ours.json"), "--issuer-key", p("theirs.json")))).as(stderr).isZero();
    assertThat(stdout).contains("\"valid\":true");
    assertThat(run(vp, concat(verify, "--issuer-key", p("misbound.json")))).isEqualTo(1);
    assertThat(stdout).contains("\"valid\":false").contains("issuer_signature.issuer_mismatch");
    assertThat(run(vp, concat(verify, "--issuer-key", p("theirs.json"), "--issuer-key", p("issuer.pub.jwk")))).as("one bare file still works")
        .isZero();
    assertThat(run(vp, concat(verify, "--issuer-key", p("issuer.pub.jwk"), "--issuer-key", p("other.pub.jwk")))).isEqualTo(2);
    assertThat(stderr).contains("metadata");
    assertThat(run("", "verifier", "serve", "--port", "0", "--trust-issuer", p("issuer.pub.jwk"), "--trust-issuer", p("other.pub.jwk")))
        .isEqualTo(2);
    assertThat(run("", "verifier", "serve", "--port", "0", "--trusted-issuer", "https://issuer.example/t?x=1")).isEqualTo(2);
    assertThat(run("", "verifier", "serve", "--port", "0", "--trust-issuer", p("theirs.json"), "--trusted-issuer", "https://other.example"))
        .as("one issuer given both ways").isEqualTo(2);
  }

  @Test
  void verifierServeRefusesBadOptionsWithUsageErrors() {
    assertThat(run("", "verifier", "serve", "--port", "0")).isEqualTo(2);
    assertThat(run("", "verifier", "serve", "--port", "0", "--trust-issuer", p("issuer.pub.jwk"), "--log-key", "nope")).isEqualTo(2);
    assertThat(stderr).contains("--log-key");
    assertThat(run("", "verifier", "serve", "--port", "0", "--trust-issuer", p("missing.jwk"))).isEqualTo(2);
    assertThat(run("", "verifier", "serve", "--port", "0", "--trust-issuer", p("issuer.pub.jwk"), "--x5u-allow", "cert.example")).isEqualTo(2);
    assertThat(stderr).contains("--sti-root");
    assertThat(run("", "verifier", "serve", "--port", "0", "--trust-issuer", p("issuer.pub.jwk"), "--sti-root", p("issuer.pub.jwk"))).isEqualTo(2);
    assertThat(stderr).contains("PEM");
  }

  @Test
  void cpsServeRefusesBadOptionsWithUsageErrors() throws Exception {
    assertThat(run("", "cps", "serve", "--port", "0")).as("no --sti-root").isEqualTo(2);
    assertThat(run("", "cps", "serve", "--port", "0", "--sti-root", p("issuer.pub.jwk"))).isEqualTo(2);
    assertThat(stderr).contains("--sti-root");
    StiPki pki = StiPki.generate(new SecureRandom(), "CLI test");
    Files.writeString(dir.resolve("sti-root.pem"), Pem.encode(pki.issue("Leaf",
        new TnAuthList(List.of(new One("12025550100")))).x5c()));
    assertThat(run("", "cps", "serve", "--port", "0", "--sti-root", p("sti-root.pem"))).as("a leaf is no root").isEqualTo(2);
    assertThat(stderr).contains("not a CA certificate");
    Files.writeString(dir.resolve("root.pem"), Pem.encode(List.of(Base64.getEncoder()
        .encodeToString(pki.root().getEncoded()))));
    assertThat(run("", "cps", "serve", "--port", "0", "--sti-root", p("root.pem"), "--retention-seconds", "600")).isEqualTo(2);
    assertThat(stderr).contains("retention");
    Files.writeString(dir.resolve("short.key"), "short");
    assertThat(run("", "cps", "serve", "--port", "0", "--sti-root", p("root.pem"), "--admin-key-file", p("short.key"))).isEqualTo(2);
    assertThat(stderr).contains("admin key");
  }

  @Test
  void explainListsEachCheckUpToTheOneThatFailed() {
    String vp = present("name");
    assertThat(run(vp, "verify", "--explain", "--issuer-key", p("issuer.pub.jwk"), "--aud", "sip:v.example", "--nonce", "other")).isEqualTo(1);
    assertThat(stdout)
        .contains("{\"check\":\"profile\",\"outcome\":\"passed\"}")
        .contains("{\"check\":\"key_binding\",\"outcome\":\"failed\",\"error\":\"key_binding.nonce_mismatch\"}")
        .contains("{\"check\":\"required_claims\",\"outcome\":\"not_run\"}");
    assertThat(run(vp, "verify", "--issuer-key", p("issuer.pub.jwk"), "--aud", "sip:v.example", "--nonce", "other")).isEqualTo(1);
    assertThat(stdout).doesNotContain("\"checks\"");
  }

  @Test
  void explainReportsTheChecksTheOptionsSkipAsNotRequired() throws Exception {
    String issued = Files.readString(dir.resolve("token.sdjwt")).strip();
    assertThat(run(issued, "verify", "--explain", "--issuer-key", p("issuer.pub.jwk"), "--no-kb", "--profile", "generic")).as(stderr).isZero();
    assertThat(stdout)
        .contains("{\"check\":\"key_binding_required\",\"outcome\":\"passed\"}")
        .contains("{\"check\":\"profile\",\"outcome\":\"not_required\"}")
        .contains("{\"check\":\"key_binding\",\"outcome\":\"not_required\"}")
        .contains("{\"check\":\"status\",\"outcome\":\"not_required\"}");
  }

  @Test
  void batchPrintsOneLinePerPresentation() throws Exception {
    String good = present("name");
    Files.writeString(dir.resolve("batch.txt"), good + "\n" + good.substring(0, good.length() - 3) + "xyz\n\n");
    assertThat(run("", "verify", "--issuer-key", p("issuer.pub.jwk"), "--aud", "sip:v.example", "--nonce", "n1", "--batch", p("batch.txt"))).isEqualTo(1);
    String[] lines = stdout.strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("{\"valid\":true");
    assertThat(lines[1]).startsWith("{\"valid\":false,\"error\":");
  }

  @Test
  void usageErrorsExitWith2() {
    assertThat(run("x", "verify", "--issuer-key", p("issuer.pub.jwk"))).isEqualTo(2);
    assertThat(stderr).contains("--aud and --nonce");
    assertThat(run("x", "verify", "--issuer-key", p("issuer.pub.jwk"), "--no-kb", "--aud", "a")).isEqualTo(2);
    assertThat(run("x", "verify", "--issuer-key", p("issuer.pub.jwk"), "--no-kb", "--profile", "other")).isEqualTo(2);
    assertThat(run("x", "verify", "--bogus")).isEqualTo(2);
    assertThat(run("x", "verify", "--issuer-key", p("missing.jwk"), "--no-kb")).isEqualTo(2);
  }

  @Test
  void presentRefusesANumberTheTokenDoesNotHold() {
    assertThat(run("", "present", "--token", p("token.sdjwt"), "--holder-key", p("holder.jwk"), "--aud", "a", "--nonce", "n", "--disclose", "tn=+12025559999"))
        .isEqualTo(1);
    assertThat(stderr).startsWith("error: presentation.unknown_path:");
  }

  @Test
  void verifiesTheRfc9901ExampleAsGiven() {
    Path root = Path.of(System.getProperty("vesper.root", ".."));
    String vector = root.resolve("../shared/vectors/rfc9901/example1-some-disclosures.txt").toString();
    String key = root.resolve("../shared/vectors/rfc9901/issuer.pub.jwk").toString();
    String text;
    try {
      text = Files.readString(Path.of(vector));
    } catch (IOException e) {
      throw new AssertionError("conformance vector missing: " + vector, e);
    }
    assertThat(run(text, "verify", "--issuer-key", key, "--profile", "generic", "--no-kb", "--now", "1700000000")).as(stderr).isZero();
    assertThat(stdout).contains("\"given_name\":\"John\"").contains("\"nationalities\":[\"US\"]");
  }

  @Test
  void logVerifyCommandsReadTheMerkleVectors() throws Exception {
    Path root = Path.of(System.getProperty("vesper.root", "..")).resolve("../shared/vectors/merkle").normalize();
    for (String kind : List.of("inclusion", "consistency")) {
      List<Path> files;
      try (var walk = Files.walk(root.resolve(kind))) {
        files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      }
      assertThat(files).as("vectors under " + root).hasSizeGreaterThan(40);
      String[] args = new String[files.size() + 2];
      args[0] = "log";
      args[1] = "verify-" + kind;
      for (int i = 0; i < files.size(); i++) {
        args[i + 2] = files.get(i).toString();
      }
      assertThat(run("", args)).isEqualTo(1);
      String[] lines = stdout.strip().split("\n");
      assertThat(lines).hasSize(files.size());
      for (int i = 0; i < files.size(); i++) {
        boolean wantErr = Files.readString(files.get(i)).contains("\"wantErr\": true");
        assertThat(lines[i]).startsWith((wantErr ? "FAIL " : "OK ") + files.get(i));
      }
    }
    Path happy = root.resolve("inclusion/1/happy-path.json");
    assertThat(run("", "log", "verify-inclusion", happy.toString())).isZero();
    assertThat(run("", "log", "verify-inclusion")).isEqualTo(2);
  }

  @Test
  void logVerifyReceiptChecksAnOfflineReceiptWithThePinnedKey() throws Exception {
    var log = NoteSigner.generate("registry.example/log", new SecureRandom());
    var tree = new MerkleTree();
    byte[] entry = "issued token".getBytes(StandardCharsets.UTF_8);
    tree.append(LogHasher.leafHash("first".getBytes(StandardCharsets.UTF_8)));
    tree.append(LogHasher.leafHash(entry));
    String note = log.sign(new Checkpoint("registry.example/log", 2, tree.root(2)).text());
    Files.writeString(dir.resolve("r.tlog-proof"), Receipt.of(entry, 1, tree.inclusionProof(1, 2), note).text());
    String vkey = log.verifierKey().vkey();
    assertThat(run("", "log", "verify-receipt", p("r.tlog-proof"), "--log-key", vkey)).as(stderr).isZero();
    assertThat(stdout.strip()).isEqualTo("OK " + p("r.tlog-proof") + " index 1 size 2");
    String other = NoteSigner.generate("registry.example/log", new SecureRandom()).verifierKey().vkey();
    assertThat(run("", "log", "verify-receipt", p("r.tlog-proof"), "--log-key", other)).isEqualTo(1);
    assertThat(stdout).startsWith("FAIL ").contains("log.bad_signature");
    assertThat(run("", "log", "verify-receipt", p("r.tlog-proof"), "--log-key", "nonsense")).isEqualTo(2);
  }

  @Test
  void demoRunsEndToEnd() {
    assertThat(run("", "demo")).as(stderr).isZero();
    assertThat(stdout).contains("refused: key_binding.aud_mismatch").contains("\"name\" : \"Acme Widgets Inc.\"");
  }
}

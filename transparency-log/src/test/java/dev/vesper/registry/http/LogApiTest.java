package dev.vesper.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.LogHasher;
import dev.vesper.core.log.MerkleProofs;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.Receipt;
import dev.vesper.core.log.SignedNote;
import dev.vesper.core.log.entry.EntryType;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.NumberLabel;
import dev.vesper.core.log.entry.NumberRightToUse;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's HTTP API against a running server: appends, refusals, tiles, bundles, proofs. */
class LogApiTest {
  private static final String ORIGIN = "registry.vesper.test/log";
  private static final NoteSigner LOG_KEY = NoteSigner.fromSeed(ORIGIN, new byte[32]);
  private static final List<NoteKey> KEYS = List.of(LOG_KEY.verifierKey());
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;
  private RegistryServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = RegistryServer.start(new RegistryConfig("127.0.0.1", 0, dir, null, LOG_KEY,
        List.of(Fixtures.issuerKey().publicJwk()), Clock.systemUTC()));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] submission(int n, SigningKey by) {
    byte[] hash = ByteBuffer.allocate(32).putInt(n).array();
    Submission s = Submission.sign(new TokenStatusChanged(Hash32.of(hash), TokenStatus.REVOKED, Reason.FRAUD), 1000 + n, by);
    return new LogEntry(0, s).encode();
  }

  private HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Map<String, Object> json(HttpResponse<byte[]> r) throws Exception {
    return Json.parseObject(r.body());
  }

  @Test
  void appendsAnswerWithAReceiptThatVerifiesOffline() throws Exception {
    byte[] body = submission(1, Fixtures.issuerKey());
    HttpResponse<byte[]> r = post("/v1/entries", body);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    Receipt receipt = Receipt.parse((String) json(r).get("receipt"));
    assertThat(receipt.verify(ORIGIN, KEYS).size()).isEqualTo(1);
    assertThat(LogEntry.decode(receipt.entry()).submission()).isEqualTo(LogEntry.decode(body).submission());

    HttpResponse<byte[]> again = post("/v1/entries?await=sequenced", body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again)).containsEntry("index", 0L).containsEntry("duplicate", true).doesNotContainKey("receipt");
  }

  @Test
  void badSubmissionsAreRefusedWithStableCodes() throws Exception {
    assertProblem(post("/v1/entries", submission(2, Fixtures.attackerKey())), 403, "auth.forbidden");
    byte[] forged = submission(3, Fixtures.issuerKey());
    forged[forged.length - 1] ^= 1;
    assertProblem(post("/v1/entries", forged), 422, "log.bad_signature");
    assertProblem(post("/v1/entries", "not an entry".getBytes(StandardCharsets.UTF_8)), 422, "log.bad_entry");
    byte[] preLogged = submission(4, Fixtures.issuerKey());
    preLogged[10] = 1; // logged_at_ms is the log's to assign
    assertProblem(post("/v1/entries", preLogged), 422, "log.bad_entry");
    assertProblem(post("/v1/entries?await=later", submission(5, Fixtures.issuerKey())), 400, "request.bad_body");
    assertThat(post("/v1/entries", new byte[70_000]).statusCode()).isEqualTo(413);
    assertThat(json(get("/v1/proof/consistency?from=1&to=1"))).containsEntry("error", "request.not_found");
  }

  @Test
  void aRegistrarRegistersIssuerKeysWhichThenAppendUntilRevokedAcrossRestarts() throws Exception {
    SigningKey issuer = Fixtures.holderKey(); // a new issuer's key, not configured
    assertProblem(post("/v1/entries", submission(20, issuer)), 403, "auth.forbidden");
    assertThat(post("/v1/entries", keyEvent(EntryType.ISSUER_KEY_REGISTERED, issuer, Fixtures.issuerKey())).statusCode()).isEqualTo(201);
    assertThat(post("/v1/entries", issued(21, issuer, NEW_ISSUER)).statusCode()).isEqualTo(201);
    // An issuer cannot register keys itself.
    assertProblem(post("/v1/entries", keyEvent(EntryType.ISSUER_KEY_REGISTERED, Fixtures.attackerKey(), issuer)), 403, "auth.forbidden");

    server.close();
    start();
    assertThat(post("/v1/entries", issued(22, issuer, NEW_ISSUER)).statusCode()).as("still registered after a restart").isEqualTo(201);
    assertThat(post("/v1/entries", keyEvent(EntryType.ISSUER_KEY_REVOKED, issuer, Fixtures.issuerKey())).statusCode()).isEqualTo(201);
    assertProblem(post("/v1/entries", issued(23, issuer, NEW_ISSUER)), 403, "auth.forbidden");
    server.close();
    start();
    assertProblem(post("/v1/entries", issued(24, issuer, NEW_ISSUER)), 403, "auth.forbidden");
  }

  /** Issue 11 §5: an issuer key logs only for the issuer it was registered for. */
  @Test
  void anIssuerKeyLogsOnlyItsOwnIssuersEntries() throws Exception {
    SigningKey issuer = Fixtures.holderKey();
    assertThat(post("/v1/entries", keyEvent(EntryType.ISSUER_KEY_REGISTERED, issuer, Fixtures.issuerKey())).statusCode()).isEqualTo(201);
    String other = "https://other-issuer.example";
    // The other issuer's token, logged by a registrar on its behalf.
    assertThat(post("/v1/entries", issued(30, Fixtures.issuerKey(), other)).statusCode()).isEqualTo(201);

    assertProblem(post("/v1/entries", issued(31, issuer, other)), 403, "log.issuer_mismatch");
    assertProblem(post("/v1/entries", status(30, issuer)), 403, "log.issuer_mismatch");
    assertProblem(post("/v1/entries", status(32, issuer)), 403, "log.issuer_mismatch"); // a token nobody logged
    assertProblem(post("/v1/entries", listing(issuer, other)), 403, "log.issuer_mismatch");

    assertThat(post("/v1/entries", issued(33, issuer, NEW_ISSUER)).statusCode()).isEqualTo(201);
    assertThat(post("/v1/entries", status(33, issuer)).statusCode()).isEqualTo(201);
    assertThat(post("/v1/entries", listing(issuer, NEW_ISSUER)).statusCode()).isEqualTo(201);
    assertThat(json(get("/v1/numbers/12025550100")).get("entries")).asList().hasSize(1);
  }

  private static final String NEW_ISSUER = "https://new-issuer.example";

  private static byte[] keyEvent(EntryType type, SigningKey key, SigningKey signedBy) {
    IssuerKeyEvent event = new IssuerKeyEvent(type, NEW_ISSUER, key.publicJwk().withKid("n1"), 0, Reason.UNSPECIFIED);
    return new LogEntry(0, Submission.sign(event, 1, signedBy)).encode();
  }

  private static Hash32 token(int n) {
    return Hash32.of(ByteBuffer.allocate(32).putInt(n).array());
  }

  /** TOKEN_ISSUED of token {@code n}, naming {@code issuerId}, submitted by {@code by}. */
  private static byte[] issued(int n, SigningKey by, String issuerId) {
    TokenIssued body = new TokenIssued(issuerId, "n1", token(n), 1000, 2000,
        List.of(NumberLabel.pseudonym(Hash32.of(ByteBuffer.allocate(32).putInt(-n).array()))));
    return new LogEntry(0, Submission.sign(body, 1000 + n, by)).encode();
  }

  private static byte[] status(int n, SigningKey by) {
    return new LogEntry(0, Submission.sign(new TokenStatusChanged(token(n), TokenStatus.SUSPENDED, Reason.FRAUD), 5000 + n, by)).encode();
  }

  /** A public listing of +1 202 555 0100 asserted by {@code authority}. */
  private static byte[] listing(SigningKey by, String authority) {
    NumberRightToUse body = new NumberRightToUse(EntryType.NUMBER_RTU_ASSERTED, NumberLabel.listed(NumberEntry.of(new TelephoneNumber("12025550100"))),
        Submission.keyIdOf(Fixtures.attackerKey().publicJwk()), authority, 0, Reason.UNSPECIFIED);
    return new LogEntry(0, Submission.sign(body, 7000 + authority.length(), by)).encode();
  }

  @Test
  void tilesBundlesAndProofsMatchTheEntries() throws Exception {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(Receipt.parse((String) json(post("/v1/entries", submission(10 + i, Fixtures.issuerKey()))).get("receipt")).entry());
    }
    SignedNote note = SignedNote.parse(new String(get("/checkpoint").body(), StandardCharsets.UTF_8));
    note.verify(KEYS);
    Checkpoint cp = Checkpoint.parse(note.text());
    assertThat(cp.size()).isEqualTo(5);

    HttpResponse<byte[]> tile = get("/tile/0/000.p/5");
    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(tile.headers().firstValue("Cache-Control")).contains("no-store");
    ByteArrayOutputStream hashes = new ByteArrayOutputStream();
    ByteArrayOutputStream bundle = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      hashes.writeBytes(LogHasher.leafHash(e));
      bundle.write(e.length >>> 8);
      bundle.write(e.length);
      bundle.writeBytes(e);
    }
    assertThat(tile.body()).isEqualTo(hashes.toByteArray());
    assertThat(get("/tile/entries/000.p/5").body()).isEqualTo(bundle.toByteArray());
    assertThat(get("/tile/0/000.p/6").statusCode()).isEqualTo(404);
    assertThat(get("/tile/0/000").statusCode()).isEqualTo(404);
    assertThat(get("/tile/0/0.p/5").statusCode()).isEqualTo(404);

    Map<String, Object> inclusion = json(get("/v1/proof/by-hash?size=5&leaf_hash="
        + URLEncoder.encode(Base64.getEncoder().encodeToString(LogHasher.leafHash(entries.get(3))), StandardCharsets.UTF_8)));
    assertThat(inclusion).containsEntry("index", 3L);
    MerkleProofs.verifyInclusion(3, 5, LogHasher.leafHash(entries.get(3)), decode(inclusion.get("proof")), cp.root());
    Map<String, Object> byIndex = json(get("/v1/proof/inclusion?index=3&size=5"));
    assertThat(byIndex.get("proof")).isEqualTo(inclusion.get("proof"));
    Map<String, Object> consistency = json(get("/v1/proof/consistency?from=2&to=5"));
    byte[] root2 = LogHasher.nodeHash(LogHasher.leafHash(entries.get(0)), LogHasher.leafHash(entries.get(1)));
    MerkleProofs.verifyConsistency(2, 5, root2, cp.root(), decode(consistency.get("proof")));
    assertProblem(get("/v1/proof/inclusion?index=5&size=5"), 404, "request.not_found");
    assertProblem(get("/v1/proof/inclusion?index=-1&size=5"), 400, "request.bad_body");
    assertProblem(get("/v1/proof/by-hash?size=5&leaf_hash=AAAA"), 400, "request.bad_body");
  }

  @SuppressWarnings("unchecked")
  private static List<byte[]> decode(Object proof) {
    return ((List<String>) proof).stream().map(s -> Base64.getDecoder().decode(s)).toList();
  }

  private static void assertProblem(HttpResponse<byte[]> r, int status, String error) throws Exception {
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
    assertThat(json(r)).containsEntry("error", error);
  }
}

package dev.vesper.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.Checkpoint;
import dev.vesper.core.log.MerkleProofs;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.NoteSigner;
import dev.vesper.core.log.SignedNote;
import dev.vesper.core.log.entry.EntryBody;
import dev.vesper.core.log.entry.EntryType;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.LogEntry;
import dev.vesper.core.log.entry.NumberLabeler;
import dev.vesper.core.log.entry.Reason;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatus;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.NumberRange;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.registry.RegistryConfig;
import dev.vesper.registry.RegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import dev.vesper.server.testing.TestDatabases;

/** The public registry queries over a running log, on SQLite and PostgreSQL: tokens, issuers and keys, listed numbers, privacy. */
@ParameterizedClass
@ValueSource(strings = {"sqlite", "postgres"})
class RegistryApiTest {
  @Parameter String store;

  private static final String ORIGIN = "registry.vesper.test/log";
  private static final NoteSigner LOG_KEY = NoteSigner.fromSeed(ORIGIN, new byte[32]);
  private static final List<NoteKey> KEYS = List.of(LOG_KEY.verifierKey());
  private static final String ISSUER = "https://issuer.example";
  private static final Hash32 TOKEN = Hash32.ofHex("ab".repeat(32));
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;
  private RegistryServer server;
  private String base;

  @BeforeEach
  void startAndLog() throws Exception {
    String jdbc = store.equals("postgres") ? TestDatabases.freshPostgres() : null;
    server = RegistryServer.start(new RegistryConfig("127.0.0.1", 0, dir, jdbc, LOG_KEY,
        List.of(Fixtures.issuerKey().publicJwk()), Clock.systemUTC()));
    base = "http://127.0.0.1:" + server.port();
    NumberLabeler labeler = NumberLabeler.withKey(new byte[32]);
    append(new IssuerKeyEvent(EntryType.ISSUER_KEY_REGISTERED, ISSUER, Fixtures.issuerKey().publicJwk().withKid("k1"), 0, Reason.UNSPECIFIED));
    append(new IssuerKeyEvent(EntryType.ISSUER_KEY_REGISTERED, ISSUER, Fixtures.holderKey().publicJwk().withKid("k2"), 0, Reason.UNSPECIFIED));
    append(new IssuerKeyEvent(EntryType.ISSUER_KEY_ROTATED, ISSUER, Fixtures.attackerKey().publicJwk().withKid("k3"), 0, Reason.SUPERSEDED));
    append(new TokenIssued(ISSUER, "k3", TOKEN, 1, 2, List.of(
        labeler.labelFor(NumberEntry.of(new TelephoneNumber("12025550100")), true),
        labeler.labelFor(NumberEntry.of(NumberRange.of("12025550200", 100)), true),
        labeler.labelFor(NumberEntry.of(new TelephoneNumber("12025559999")), false))));
    append(new TokenStatusChanged(TOKEN, TokenStatus.REVOKED, Reason.KEY_COMPROMISE));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void append(EntryBody body) throws Exception {
    byte[] entry = new LogEntry(0, Submission.sign(body, 5, Fixtures.issuerKey())).encode();
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/entries"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(entry)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private Map<String, Object> ok(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return Json.parseObject(r.body());
  }

  @Test
  void aTokensHistoryComesWithProofsThatVerifyAgainstItsCheckpoint() throws Exception {
    Map<String, Object> h = ok("/v1/tokens/" + TOKEN.hex());
    List<Map<String, Object>> entries = entries(h);
    assertThat(entries).extracting(e -> e.get("type")).containsExactly("token_issued", "token_status_changed");
    assertThat(entries.get(1)).containsEntry("status", "revoked").containsEntry("reason", "key_compromise");
    verifyProofs(h);
    assertThat(get("/v1/tokens/" + "cd".repeat(32)).statusCode()).isEqualTo(404);
    assertThat(get("/v1/tokens/XYZ").statusCode()).isEqualTo(400);
  }

  @Test
  void issuersAndTheirCurrentAndHistoricalKeys() throws Exception {
    String id = Base64Url.encode(ISSUER);
    assertThat(ok("/v1/issuers")).isEqualTo(Map.of("issuers", List.of(Map.of("id", id, "issuer", ISSUER))));
    Map<String, Object> keys = ok("/v1/issuers/" + id + "/keys");
    assertThat(keys).containsEntry("issuer", ISSUER).containsEntry("current", List.of("k3"));
    assertThat(entries(keys)).extracting(e -> e.get("kid")).containsExactly("k1", "k2", "k3");
    verifyProofs(keys);
    assertThat(get("/v1/issuers/" + Base64Url.encode("https://other.example") + "/keys").statusCode()).isEqualTo(404);
  }

  @Test
  void listedNumbersAreAnsweredAndPseudonymousOnesAreNot() throws Exception {
    assertThat(entries(ok("/v1/numbers/12025550100"))).hasSize(1);
    Map<String, Object> inRange = ok("/v1/numbers/+1-202-555-0250");
    assertThat(inRange).containsEntry("number", "12025550250");
    verifyProofs(inRange);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> numbers = (List<Map<String, Object>>) entries(inRange).get(0).get("numbers");
    assertThat(numbers.get(2)).containsOnlyKeys("label");
    assertThat(numbers.toString()).doesNotContain("12025559999");
    assertThat(get("/v1/numbers/12025559999").statusCode()).isEqualTo(404);
    assertThat(get("/v1/numbers/12025550300").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> bad = get("/v1/numbers/not-a-number");
    assertThat(bad.statusCode()).isBetween(400, 499);
    assertThat(new String(bad.body(), StandardCharsets.UTF_8)).contains("\"error\":\"tn.");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entries(Map<String, Object> answer) {
    return (List<Map<String, Object>>) answer.get("entries");
  }

  /** Each entry's proof leads from its leaf hash to the root of the signed checkpoint in the answer. */
  @SuppressWarnings("unchecked")
  private static void verifyProofs(Map<String, Object> answer) throws Exception {
    SignedNote note = SignedNote.parse((String) answer.get("checkpoint"));
    note.verify(KEYS);
    Checkpoint cp = Checkpoint.parse(note.text());
    assertThat(cp.size()).isEqualTo(answer.get("size"));
    for (Map<String, Object> e : entries(answer)) {
      byte[] leafHash = Base64.getDecoder().decode((String) e.get("leaf_hash"));
      List<byte[]> proof = ((List<String>) e.get("proof")).stream().map(p -> Base64.getDecoder().decode(p)).toList();
      MerkleProofs.verifyInclusion((Long) e.get("index"), cp.size(), leafHash, proof, cp.root());
    }
  }
}

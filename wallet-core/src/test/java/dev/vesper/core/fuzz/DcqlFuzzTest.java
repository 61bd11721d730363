package dev.vesper.core.fuzz;

import static dev.vesper.core.testing.Fuzz.require;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vesper.core.dcql.CredentialQuery;
import dev.vesper.core.dcql.DcqlQuery;
import dev.vesper.core.dcql.ValueMatcher;
import dev.vesper.core.json.Json;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.core.testing.Fuzz;
import dev.vesper.core.token.VesperDcql;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DCQL queries (OpenID4VP 1.0 §6) as a wallet receives them in an authorization request. Invariants:
 * only {@code VesperException}; a parsed query's JSON form parses back to an equal query; selecting
 * claims from a token and picking credential sets never throw.
 */
class DcqlFuzzTest {
  private static final Map<String, Object> TOKEN = Fixtures.enterprise().claims();

  @FuzzTest
  void parse(byte[] data) {
    Fuzz.attempt(() -> DcqlQuery.parse(Json.parse(data))).ifPresent(q -> {
      byte[] written = Json.write(q.toJson()).getBytes(StandardCharsets.UTF_8);
      require(Fuzz.attempt(() -> DcqlQuery.parse(Json.parse(written))).map(q::equals).orElse(false),
          "a query's JSON form parses back to an equal query");
      Fuzz.passes(() -> VesperDcql.checkAskable(q));
      for (CredentialQuery c : q.credentials()) {
        c.select(TOKEN, ValueMatcher.EXACT);
        c.select(TOKEN, VesperDcql.MATCHER);
      }
      q.toAnswer(id -> true);
      q.toAnswer(id -> id.hashCode() % 2 == 0);
    });
  }
}

package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.testing.TestDatabases;
import dev.vesper.verifier.http.SqlReplayStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two STI-VS instances on one PostgreSQL: a PASSporT verified by one is a replay at the other. */
class SharedReplayTest {
  @Test
  void aReplayIsSeenAcrossInstances() throws Exception {
    String jdbc = TestDatabases.freshPostgres();
    try (SqlReplayStore storeA = SqlReplayStore.open(jdbc); SqlReplayStore storeB = SqlReplayStore.open(jdbc)) {
      StirVerifier a = instance(storeA);
      StirVerifier b = instance(storeB);
      StirCalls.Call call = new StirCalls.Call();
      String identity = call.identity();
      TelephoneNumber from = new TelephoneNumber(call.orig);
      List<TelephoneNumber> to = List.of(new TelephoneNumber(call.dest.get(0)));
      assertThat(a.verify(List.of(identity), from, to).passed()).isTrue();
      StirResult atB = b.verify(List.of(identity), from, to);
      assertThat(atB.error()).hasValue("stir.replayed");
      assertThat(b.verify(List.of(new StirCalls.Call().identity()), from, to).passed()).as("a new PASSporT still passes").isTrue();
    }
  }

  private static StirVerifier instance(SqlReplayStore store) {
    return StirVerifier.builder(StiCredentials.trusting(List.of(StirCalls.PKI.root()), SpcDirectory.none()),
        TrustedKeys.of(Fixtures.issuerKey().publicJwk())).replayStore(store).build();
  }
}

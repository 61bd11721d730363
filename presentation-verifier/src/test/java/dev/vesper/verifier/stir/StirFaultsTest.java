package dev.vesper.verifier.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Faults on the real fetch paths, within the call's budget: a presentation URL whose server accepts and
 * never answers (436 after the 2 s limit, not a hang), and a Call Placement Service that is down or silent
 * (No-TN-Validation, the call goes on). The peers are loopback sockets reached through the outbound
 * fetcher's local-testing relaxation; nothing leaves the machine.
 */
class StirFaultsTest {
  private final OutboundFetcher fetcher = OutboundFetcher.create(Resolver.system(), Clock.systemUTC()).forLocalTesting();

  @Test
  void aPresentationUrlThatNeverAnswersFails436WithinTheBudget() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); Hold held = new Hold(silent)) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/stir/v1/presentations/x";
      StirVerifier verifier = builder().fetchReferences(HttpReferenceFetcher.allowing("presentation by reference",
          Set.of(Origin.of(URI.create(url))), fetcher, HttpReferenceFetcher.CALL_TIMEOUT)).build();
      StirCalls.Call call = new StirCalls.Call();
      call.byReference = true;
      call.servedInstead = new byte[0];
      call.referenceBase = "http://127.0.0.1:" + silent.getLocalPort() + "/stir/v1/presentations/";
      long started = System.nanoTime();
      StirResult r = verifier.verify(List.of(call.identity()), StirVerifierTest.tn(call.orig), List.of(StirVerifierTest.tn(call.dest.get(0))));
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(r.reasonCode()).as(String.valueOf(r.toJson())).isEqualTo(436);
      assertThat(r.error()).hasValue("stir.bad_identity_info");
      assertThat(r.cause()).hasValue("fetch.failed");
      assertThat(seconds).as("bounded by the 2 s limit, not a hang").isLessThan(6);
    }
  }

  @Test
  void aSilentReferenceServerMeans436AndNoHang() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); Hold held = new Hold(silent)) {
      HttpReferenceFetcher references = HttpReferenceFetcher.allowing("presentation by reference", Set.of(), fetcher,
          HttpReferenceFetcher.CALL_TIMEOUT);
      long started = System.nanoTime();
      try {
        references.fetch("http://127.0.0.1:" + silent.getLocalPort() + "/p", 1024);
        throw new AssertionError("a silent server gave bytes");
      } catch (VesperException e) {
        assertThat(e.code().id()).isEqualTo("fetch.failed");
      }
      assertThat((System.nanoTime() - started) / 1e9).as("bounded by the 2 s limit").isLessThan(6);
    }
  }

  @Test
  void aCpsThatIsDownOrSilentLeavesTheCallUnverifiedNotFailed() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); Hold held = new Hold(silent)) {
      for (int port : new int[] {closed, silent.getLocalPort()}) {
        StirVerifier verifier = builder().retrieveOutOfBand(OutOfBand.from("http://127.0.0.1:" + port, StirCalls.CARRIER.key(),
            StirCalls.CARRIER.x5c(), fetcher, Clock.systemUTC())).build();
        long started = System.nanoTime();
        StirResult r = verifier.verify(List.of(), StirVerifierTest.tn("12025550100"), List.of(StirVerifierTest.tn("14155550123")));
        assertThat(r.verstat()).isEqualTo("No-TN-Validation");
        assertThat(r.reasonCode()).isEqualTo(428);
        assertThat(r.toJson()).doesNotContainKey("delivery").containsEntry("cause", "fetch.failed");
        assertThat((System.nanoTime() - started) / 1e9).as("within the CPS's 1 s limit, plus margin").isLessThan(5);
      }
    }
  }

  private static StirVerifier.Builder builder() {
    return StirVerifier.builder(StiCredentials.trusting(List.of(StirCalls.PKI.root()), SpcDirectory.none()),
        TrustedKeys.of(Fixtures.issuerKey().publicJwk()));
  }

  /** Accepts connections and never answers. */
  private static final class Hold implements AutoCloseable {
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread thread;

    Hold(ServerSocket server) {
      thread = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket s = server.accept();
            synchronized (accepted) {
              accepted.add(s);
            }
          } catch (IOException closed) {
            return;
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws Exception {
      synchronized (accepted) {
        for (Socket s : accepted) {
          s.close();
        }
      }
      thread.join(Duration.ofSeconds(1).toMillis());
    }
  }
}

package dev.vesper.holder;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.testing.Fixtures;
import dev.vesper.server.store.SoftwareKek;
import java.nio.file.Path;
import java.time.Clock;

/** A holder server in its own JVM, for the crash test: prints its port, then serves until killed. */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    HolderServer server = HolderServer.start(new HolderConfig("127.0.0.1", 0, Path.of(args[0]), null,
        TrustedKeys.of(Fixtures.issuerKey().publicJwk()), HolderHarness.ADMIN_KEY, SoftwareKek.fromText(HolderHarness.KEK),
        100_000, 100_000, Clock.systemUTC()));
    System.out.println("PORT " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}

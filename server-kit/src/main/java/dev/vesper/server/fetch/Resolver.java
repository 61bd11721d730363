package dev.vesper.server.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. Injected so that tests answer with a stub (and never send traffic to a
 * non-loopback address) and deployments may use their own DNS; {@link #system()} asks the JDK. The
 * fetcher checks every address returned and connects only to one of those, never resolving again.
 */
@FunctionalInterface
public interface Resolver {
  /** The addresses of {@code host} (never an IP literal: the fetcher parses those itself). */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JDK's resolver ({@link InetAddress#getAllByName}). */
  static Resolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}

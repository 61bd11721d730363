package dev.vesper.holder;

import dev.vesper.core.crypto.Signer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * The STI-AS credential the holder service signs PASSporTs with: its key (software or PKCS#11), its
 * certificate chain as x5c (leaf first, the leaf's TNAuthList covering the numbers it signs for), and
 * the URL where the same chain is published (the Identity header's {@code info}, RFC 8224 §4, and the
 * SHAKEN PASSporT's {@code x5u}): {@code https}, or plain {@code http} on a loopback host for local stacks
 * and tests (a verifier fetches that only with its local-testing relaxation). With {@code cpsUrl}, every call
 * signed is also published to that Call Placement Service (out-of-band delivery, RFC 8816); null for none.
 */
public record StiCredential(Signer key, List<String> x5c, String info, String cpsUrl) {
  /** A credential whose calls go in band only. */
  public StiCredential(Signer key, List<String> x5c, String info) {
    this(key, x5c, info, null);
  }

  public StiCredential {
    Objects.requireNonNull(key, "key == null");
    x5c = List.copyOf(x5c);
    if (x5c.isEmpty()) {
      throw new IllegalArgumentException("an STI credential needs its certificate chain");
    }
    if (info == null || !usableInfo(info)) {
      throw new IllegalArgumentException("the STI credential's info must be the https URL of its certificate chain"
          + " (plain http only on a loopback host, for local testing)");
    }
    if (cpsUrl != null && !usableInfo(cpsUrl)) {
      throw new IllegalArgumentException("the CPS URL must be https (plain http only on a loopback host, for local testing)");
    }
  }

  private static boolean usableInfo(String url) {
    try {
      URI u = new URI(url);
      String host = u.getHost();
      return host != null && ("https".equals(u.getScheme())
          || "http".equals(u.getScheme()) && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}

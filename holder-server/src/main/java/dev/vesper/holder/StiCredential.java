package dev.vesper.holder;

import dev.vesper.core.crypto.Signer;
import java.util.List;
import java.util.Objects;

/**
 * The STI-AS credential the holder service signs PASSporTs with: its key (software or PKCS#11), its
 * certificate chain as x5c (leaf first, the leaf's TNAuthList covering the numbers it signs for), and
 * the URL where the same chain is published (the Identity header's {@code info}, RFC 8224 §4).
 */
public record StiCredential(Signer key, List<String> x5c, String info) {
  public StiCredential {
    Objects.requireNonNull(key, "key == null");
    x5c = List.copyOf(x5c);
    if (x5c.isEmpty()) {
      throw new IllegalArgumentException("an STI credential needs its certificate chain");
    }
    if (info == null || !(info.startsWith("https://") || info.startsWith("http://"))) {
      throw new IllegalArgumentException("the STI credential's info must be the http(s) URL of its certificate chain");
    }
  }
}

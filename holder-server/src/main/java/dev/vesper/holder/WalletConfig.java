package dev.vesper.holder;

import dev.vesper.holder.outbound.HttpOutbound;
import dev.vesper.holder.outbound.Outbound;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.server.fetch.Resolver;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The holder as a wallet (OpenID4VCI offers, OpenID4VP requests): how it reaches issuers and verifiers,
 * and the certificate authorities whose {@code x509_san_dns:} verifiers it authenticates.
 *
 * @param outbound every outbound request goes through it
 * @param verifierAnchors trusted roots for verifiers' request-signing certificates (empty: only
 *     {@code redirect_uri:} requests can be answered)
 */
public record WalletConfig(Outbound outbound, List<X509Certificate> verifierAnchors) {
  public WalletConfig {
    Objects.requireNonNull(outbound, "outbound == null");
    verifierAnchors = List.copyOf(verifierAnchors);
  }

  /** Public https only (the system resolver and trust store), no verifier roots. */
  public static WalletConfig defaults() {
    return new WalletConfig(HttpOutbound.over(OutboundFetcher.create(Resolver.system(), Clock.systemUTC())), List.of());
  }
}

package dev.vesper.issuer.vetting;

import dev.vesper.core.error.VesperException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Fetches the certificate chain an authority token's {@code x5u} names (RFC 7515 §4.1.5, RFC 9447 §3).
 * {@link TrustedSources} calls it only for https URLs on the issuer's allow-list, after the token parsed;
 * an implementation bounds time and size, follows no redirect off the list, connects only to the address
 * it checked, and throws {@link VesperException} for every failure (the caller answers all alike).
 */
@FunctionalInterface
public interface X5uFetcher {
  /** The chain at {@code url}, end-entity first. */
  List<X509Certificate> fetch(URI url) throws VesperException;
}

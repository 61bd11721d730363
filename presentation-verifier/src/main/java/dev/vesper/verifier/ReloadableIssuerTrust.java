package dev.vesper.verifier;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.VesperException;
import java.util.Objects;

/**
 * A verifier service's issuer trust, replaced whole on a trust reload ({@code vesper verifier serve}:
 * SIGHUP or a changed {@code --trust-issuer} file): the REST verifier, OpenID4VP and the STI-VS read it
 * through this one object, so every verification that starts after a reload uses the new set and none
 * sees half of each. Thread-safe.
 */
public final class ReloadableIssuerTrust implements IssuerTrust {
  private volatile IssuerTrust current;

  public ReloadableIssuerTrust(IssuerTrust initial) {
    this.current = Objects.requireNonNull(initial, "initial == null");
  }

  /** Replaces the trust for every verification that starts from now on. */
  public void replace(IssuerTrust next) {
    this.current = Objects.requireNonNull(next, "next == null");
  }

  @Override
  public PublicJwk keyFor(String iss, String kid) throws VesperException {
    return current.keyFor(iss, kid);
  }

  @Override
  public TrustedKeys keysOf(String iss) throws VesperException {
    return current.keysOf(iss);
  }
}

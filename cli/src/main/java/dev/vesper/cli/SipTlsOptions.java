package dev.vesper.cli;

import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.server.sip.SipTls;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** SIP over TLS for a service's SIP face ({@code --sips-port} and its key material); shared by holder and verifier. */
final class SipTlsOptions {
  @Option(names = "--sips-port", paramLabel = "PORT", description = "With --sip-port: also listen for SIP over TLS (sips:, TLS 1.3/1.2) on this TCP port.")
  Integer sipsPort;
  @Option(names = "--sip-tls-key", paramLabel = "PEM", description = "With --sips-port: the TLS private key (PKCS#8 or EC PEM).")
  Path key;
  @Option(names = "--sip-tls-cert", paramLabel = "PEM", description = "With --sips-port: the TLS certificate chain (PEM, leaf first).")
  Path cert;
  @Option(names = "--sip-tls-client-ca", paramLabel = "PEM", description = "With --sips-port: require client certificates that chain to these roots (mutual TLS).")
  Path clientCa;

  /** The TLS listener, or null when --sips-port is not given. */
  SipRedirectServer.TlsListener listener() throws Errors.UsageException {
    if (sipsPort == null) {
      if (key != null || cert != null || clientCa != null) {
        throw new Errors.UsageException("--sip-tls-key, --sip-tls-cert and --sip-tls-client-ca only apply with --sips-port");
      }
      return null;
    }
    if (key == null || cert == null) {
      throw new Errors.UsageException("--sips-port needs --sip-tls-key and --sip-tls-cert");
    }
    try {
      return new SipRedirectServer.TlsListener(sipsPort, SipTls.fromPem(key, cert, clientCa));
    } catch (IOException | IllegalArgumentException e) {
      throw new Errors.UsageException("--sip-tls-*: " + e.getMessage());
    }
  }
}

package dev.vesper.stack;

import dev.vesper.server.sip.LocalTlsPki;
import dev.vesper.server.sip.SipTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The local stack's SIP over TLS material, generated on first run into {@code <data>/keys}: a private TLS
 * CA ({@code sip-tls-ca.pem}), the server certificate both SIP faces present (for {@code localhost} and
 * {@code 127.0.0.1}) and a client certificate for callers, since the faces require mutual TLS as carrier
 * interconnects do. Local use only.
 */
record StackSipTls(Path ca, Path serverChain, Path serverKey, Path clientChain, Path clientKey) {
  static StackSipTls loadOrCreate(Path dataDir, String host) throws IOException {
    Path dir = dataDir.resolve("keys");
    StackSipTls files = new StackSipTls(dir.resolve("sip-tls-ca.pem"), dir.resolve("sip-tls-server.pem"), dir.resolve("sip-tls-server.key"),
        dir.resolve("sip-tls-client.pem"), dir.resolve("sip-tls-client.key"));
    if (!Files.exists(files.ca()) || !Files.exists(files.serverKey()) || !Files.exists(files.clientKey())) {
      LocalTlsPki pki = LocalTlsPki.generate(new SecureRandom(), "Vesper local stack");
      LocalTlsPki.Issued server = pki.server("localhost", "127.0.0.1", host);
      LocalTlsPki.Issued client = pki.client("Vesper local stack SIP client");
      StackFiles.write(files.serverKey(), server.keyPem(), true);
      StackFiles.write(files.serverChain(), server.chainPem(), false);
      StackFiles.write(files.clientKey(), client.keyPem(), true);
      StackFiles.write(files.clientChain(), client.chainPem(), false);
      StackFiles.write(files.ca(), LocalTlsPki.pem(pki.ca()), false);
    }
    return files;
  }

  /** What both SIP faces listen with: the server certificate, client certificates from the stack's CA required. */
  SipTls settings() throws IOException {
    return SipTls.fromPem(serverKey, serverChain, ca);
  }

  /** The files a TLS caller needs, for stack.json. */
  Map<String, Object> facts() {
    return Map.of("ca", ca.toAbsolutePath().toString(), "client_cert", clientChain.toAbsolutePath().toString(),
        "client_key", clientKey.toAbsolutePath().toString());
  }
}

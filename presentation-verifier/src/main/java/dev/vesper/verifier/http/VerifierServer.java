package dev.vesper.verifier.http;

import dev.vesper.core.sdjwt.Randomness;
import dev.vesper.server.http.ServerApp;
import dev.vesper.verifier.oid4vp.Oid4vpClient;
import dev.vesper.verifier.oid4vp.PresentationRequests;
import dev.vesper.verifier.sip.SipVerificationServer;
import java.util.concurrent.atomic.AtomicReference;

/** The verifier as an HTTP service ({@code vesper verifier serve}). Wiring only. */
public final class VerifierServer implements AutoCloseable {
  /** A presentation with a receipt fits well inside. */
  static final long MAX_REQUEST_BYTES = 256 * 1024;

  private final ServerApp app;
  private final SipVerificationServer sip;

  private VerifierServer(ServerApp app, SipVerificationServer sip) {
    this.app = app;
    this.sip = sip;
  }

  public static VerifierServer start(VerifierConfig config) {
    VerifyRoutes routes = new VerifyRoutes(config);
    AtomicReference<PresentationRequests> requests = new AtomicReference<>();
    Oid4vpRoutes oid4vp = new Oid4vpRoutes(requests::get);
    StirRoutes stir = config.stir() == null ? null : new StirRoutes(config.stir());
    SipVerificationServer sip = config.sipPort() == null ? null : SipVerificationServer.start(config.host(), config.sipPort(), config.sipTls(), config.stir());
    ServerApp.Builder builder = ServerApp.builder("verifier").host(config.host()).port(config.port())
        .maxRequestBytes(MAX_REQUEST_BYTES).openApi("/verifier-openapi.json").page("/verify", "/web/verify");
    if (config.operatorKey() != null) {
      builder.operatorKey(config.operatorKey());
    }
    ServerApp app = builder.routes(r -> {
      routes.register(r);
      oid4vp.register(r);
      if (stir != null) {
        stir.register(r);
      }
    }).start();
    Oid4vpClient client = config.oid4vp() != null ? config.oid4vp() : Oid4vpClient.byRedirectUri("http://" + config.host() + ":" + app.port());
    requests.set(new PresentationRequests(client, config.trustedIssuers(), config.statusLists(), config.clock(), Randomness.secure()));
    return new VerifierServer(app, sip);
  }

  public int port() {
    return app.port();
  }

  /** The SIP over TLS port, or 0 when there is none. */
  public int sipsPort() {
    return sip == null ? 0 : sip.tlsPort();
  }

  /** The SIP port, or 0 when the service has no SIP face. */
  public int sipPort() {
    return sip == null ? 0 : sip.port();
  }

  @Override
  public void close() {
    app.stop();
    if (sip != null) {
      sip.close();
    }
  }
}

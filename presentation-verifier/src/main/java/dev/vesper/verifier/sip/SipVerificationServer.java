package dev.vesper.verifier.sip;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.server.sip.SipRedirectServer;
import dev.vesper.verifier.stir.StirResult;
import dev.vesper.verifier.stir.StirVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The STI-VS as a SIP redirect server: an INVITE is verified ({@link StirVerifier}) and answered
 * {@code 302 Moved Temporarily} with the verdict, so the terminating network's proxy continues the call
 * with it: the {@code Contact} names the caller with the {@code verstat} parameter (RFC 8224 §6.2.2,
 * ATIS practice); a failure adds {@code Reason: SIP ;cause=<428|436|437|438|403> ;text="…"} (RFC 9410
 * style) and {@code X-Vesper-Error: <stable id>}; verified Rich Call Data (RFC 9795; for a VESPER caller
 * the vetted name) becomes the Contact's display name and one RCD {@code Call-Info} (RFC 9796: a jCard
 * with the name and logo, the icon, {@code call-reason}), and a VESPER caller's name also
 * {@code X-Vesper-Name}, and, for a contact centre calling on the client's behalf (docs/token-profile.md §6),
 * {@code X-Vesper-Delegate: "<the agent's verified name>";expires=<when the grant ends>}; a call accepted
 * only after RFC 8224 §8.3 canonicalisation of its signed numbers
 * adds {@code X-Vesper-Tolerated: orig.tn.canonicalized,…}. The caller is the P-Asserted-Identity, else the From; the callee is the
 * Request-URI. SIP transport: {@link SipRedirectServer}.
 */
public final class SipVerificationServer implements AutoCloseable {
  private final SipRedirectServer server;

  private SipVerificationServer(SipRedirectServer server) {
    this.server = server;
  }

  public static SipVerificationServer start(String host, int port, StirVerifier verifier) {
    return start(host, port, null, verifier);
  }

  /** Also on SIP over TLS when {@code tls} is not null. */
  public static SipVerificationServer start(String host, int port, SipRedirectServer.TlsListener tls, StirVerifier verifier) {
    return new SipVerificationServer(SipRedirectServer.start("sti-vs", host, port, tls, invite -> answer(invite, verifier, host)));
  }

  public int port() {
    return server.port();
  }

  /** The TLS port, or 0. */
  public int tlsPort() {
    return server.tlsPort();
  }

  @Override
  public void close() {
    server.close();
  }

  static SipRedirectServer.Answer answer(SipRedirectServer.Invite invite, StirVerifier verifier, String host) {
    TelephoneNumber from;
    TelephoneNumber to;
    try {
      from = TelephoneNumber.parse(invite.callerUri());
      to = TelephoneNumber.parse(invite.requestUri());
    } catch (VesperException e) {
      return new SipRedirectServer.Answer(400, "Caller or callee is not a telephone number", null, List.of());
    }
    StirResult result = verifier.verify(invite.all("Identity"), from, List.of(to));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (!result.passed()) {
      headers.add(Map.entry("Reason", "SIP ;cause=" + result.reasonCode() + " ;text=\"" + result.reasonText() + "\""));
      headers.add(Map.entry("X-Vesper-Error", result.cause().orElse(result.error().orElse("unknown"))));
    }
    if (!result.tolerated().isEmpty()) {
      headers.add(Map.entry("X-Vesper-Tolerated", String.join(",", result.tolerated())));
    }
    // The PASSporT's verified RCD, else (a VESPER PASSporT without rcd claims) the name the presentation disclosed.
    Optional<Map<String, Object>> rcd = result.rcd().or(() -> result.vesper()
        .map(StirResult.VesperCall::name).map(n -> Map.<String, Object>of("nam", n)));
    String name = rcd.map(r -> (String) r.get("nam")).orElse(null);
    if (name != null) {
      CallInfo.of(rcd.get()).forEach(v -> headers.add(Map.entry("Call-Info", v)));
      if (result.vesper().isPresent()) {
        headers.add(Map.entry("X-Vesper-Name", CallInfo.quoted(name)));
      }
    }
    result.vesper().map(StirResult.VesperCall::delegate).ifPresent(d ->
        headers.add(Map.entry("X-Vesper-Delegate", CallInfo.quoted(d.name()) + ";expires=" + d.expiresAt())));
    String contact = "sip:+" + from.digits() + ";verstat=" + result.verstat() + "@" + host + ";user=phone";
    return new SipRedirectServer.Answer(302, "Moved Temporarily", contact, name, headers);
  }
}

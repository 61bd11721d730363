package dev.vesper.holder.http;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.token.CallBinding;
import dev.vesper.holder.service.CallSigning;
import dev.vesper.holder.service.Caller;
import dev.vesper.holder.service.Tenants;
import dev.vesper.server.http.RateLimiter;
import dev.vesper.server.sip.SipRedirectServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STI-AS as a SIP redirect server: the originating proxy sends the INVITE with the tenant's API key
 * in {@code X-Vesper-Api-Key} (so run this face on a trusted network or over TLS); the answer is
 * {@code 302} back to the same Request-URI carrying the {@code Identity} header(s) to add: the
 * {@code ppt=vesper} one (its presentation by reference unless {@code X-Vesper-Delivery: inline}; the call
 * reason of the INVITE's RCD {@code Call-Info}, RFC 9796, signed as {@code crn}), and a SHAKEN one when
 * {@code X-Vesper-Attest} gives A, B or C. When the call
 * cannot be signed (no token covers the caller, say) the 302 carries no Identity and
 * {@code X-Vesper-Error} says why: the call goes on unsigned, as STI-AS practice has it. An unknown key
 * gets 403. Each tenant's calls count against the same rate limit as its HTTP requests: beyond it, the
 * call goes on unsigned with {@code X-Vesper-Error: request.rate_limited} and nothing is signed.
 */
public final class SipSigning {
  private final Tenants tenants;
  private final CallSigning signing;
  private final RateLimiter limiter;
  private final Clock clock;

  /** {@code limiter} is the one the tenant's HTTP requests count against. */
  public SipSigning(Tenants tenants, CallSigning signing, RateLimiter limiter, Clock clock) {
    this.tenants = tenants;
    this.signing = signing;
    this.limiter = limiter;
    this.clock = clock;
  }

  public SipRedirectServer.Answer invite(SipRedirectServer.Invite invite) {
    Caller caller;
    try {
      caller = tenants.authenticate(invite.first("X-Vesper-Api-Key"));
    } catch (VesperException e) {
      return new SipRedirectServer.Answer(403, "Forbidden", null, List.of(Map.entry("X-Vesper-Error", e.code().id())));
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (limiter.acquire(caller.tenantId()) > 0) {
      headers.add(Map.entry("X-Vesper-Error", ErrorCode.REQUEST_RATE_LIMITED.id()));
      return new SipRedirectServer.Answer(302, "Moved Temporarily", invite.requestUri(), headers);
    }
    try {
      CallBinding call = new CallBinding(TelephoneNumber.parse(invite.callerUri()), List.of(TelephoneNumber.parse(invite.requestUri())),
          clock.instant().getEpochSecond(), UUID.randomUUID().toString());
      CallSigning.Options options = new CallSigning.Options(invite.first("X-Vesper-Attest"),
          CallSigning.Delivery.parse(invite.first("X-Vesper-Delivery")), callReason(invite.first("Call-Info")), null, null);
      for (String identity : signing.sign(caller, call, options)) {
        headers.add(Map.entry("Identity", identity));
      }
    } catch (VesperException e) {
      headers.add(Map.entry("X-Vesper-Error", e.code().id()));
    }
    return new SipRedirectServer.Answer(302, "Moved Temporarily", invite.requestUri(), headers);
  }

  /** The {@code call-reason} parameter of the INVITE's RCD Call-Info (RFC 9796 §5), or null. */
  static String callReason(String callInfo) {
    if (callInfo == null) {
      return null;
    }
    Matcher m = Pattern.compile("(?i);\\s*call-reason\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(callInfo);
    return m.find() ? m.group(1).replaceAll("\\\\(.)", "$1") : null;
  }
}

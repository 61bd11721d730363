package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.stir.IdentityHeader;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.token.CallBinding;
import dev.vesper.holder.StiCredential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The STI-AS (docs/stir-profile.md): for a call of the caller, the policy-limited presentation bound to
 * the call ({@link Presentations#presentCall}) goes into a {@code ppt=vesper} PASSporT as its
 * {@code vesper} claim, signed with the service's STI credential (x5c inline), and comes back as the
 * SIP Identity header value. A SHAKEN PASSporT, when asked for, is shaped as SHAKEN networks expect
 * (ATIS-1000074): header {@code alg}, {@code ppt}, {@code typ} and {@code x5u} equal to the Identity
 * header's {@code info}, no {@code x5c}.
 */
public final class CallSigning {
  /** SHAKEN attestation levels (RFC 8588). */
  private static final Set<String> ATTEST = Set.of("A", "B", "C");

  private final Presentations presentations;
  private final StiCredential credential;

  public CallSigning(Presentations presentations, StiCredential credential) {
    this.presentations = presentations;
    this.credential = credential;
  }

  /** The credential's chain as PEM, leaf first. */
  public String chainPem() {
    return dev.vesper.core.stir.Pem.encode(credential.x5c());
  }

  /**
   * The Identity header values for {@code call}: the {@code ppt=vesper} one first, and with
   * {@code attest} (A, B or C) also a plain SHAKEN one (RFC 8588), since operators run both side by side.
   */
  public List<String> sign(Caller caller, CallBinding call, String attest) throws VesperException {
    if (attest != null && !ATTEST.contains(attest)) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "attest must be A, B or C (RFC 8588)");
    }
    Map<String, Object> presented = presentations.presentCall(caller, call);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("ppt", "vesper");
    header.put("x5c", credential.x5c());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("orig", Map.of("tn", call.orig().digits()));
    payload.put("dest", Map.of("tn", call.dest().stream().map(d -> d.digits()).toList()));
    payload.put("iat", call.iat());
    if (call.origid() != null) {
      payload.put("origid", call.origid());
    }
    if (attest != null) {
      payload.put("attest", attest);
    }
    Map<String, Object> shaken = new LinkedHashMap<>(payload);
    payload.put("vesper", presented.get("presentation"));
    if (presented.get("delegation") != null) { // a call for a grant's owner: the agent and the client's delegation (token-profile §6)
      payload.put("vesper_delegation", presented.get("delegation"));
    }
    String passport = Passport.sign(header, payload, credential.key());
    List<String> out = new ArrayList<>();
    out.add(IdentityHeader.of(passport, credential.info(), "vesper").toString());
    if (attest != null) {
      if (call.origid() == null) {
        shaken.put("origid", java.util.UUID.randomUUID().toString());
      }
      Map<String, Object> shakenHeader = Map.of("ppt", "shaken", "x5u", credential.info());
      out.add(IdentityHeader.of(Passport.sign(shakenHeader, shaken, credential.key()), credential.info(), "shaken").toString());
    }
    return out;
  }
}

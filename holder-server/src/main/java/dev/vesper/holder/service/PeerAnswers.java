package dev.vesper.holder.service;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.holder.outbound.Outbound;
import java.util.Map;

/** Reading what an issuer or verifier answered: a JSON object on success, its OAuth error otherwise. */
final class PeerAnswers {
  private PeerAnswers() {}

  /** The JSON object of a 2xx answer; {@code malformed} when it is not one; {@link ErrorCode#OID4VC_PEER_REFUSED} for any other status. */
  static Map<String, Object> object(Outbound.Response r, String what, ErrorCode malformed) throws VesperException {
    if (!r.ok()) {
      throw refused(r, what);
    }
    try {
      return Json.parseObject(r.body());
    } catch (VesperException e) {
      throw new VesperException(malformed, what + " is not a JSON object");
    }
  }

  /** {@link ErrorCode#OID4VC_PEER_REFUSED} naming the peer's OAuth {@code error} when it sent one. */
  static VesperException refused(Outbound.Response r, String what) {
    String error = null;
    String description = null;
    try {
      Map<String, Object> body = Json.parseObject(r.body());
      error = body.get("error") instanceof String s ? clip(s) : null;
      description = body.get("error_description") instanceof String s ? clip(s) : null;
    } catch (VesperException e) {
      // not JSON: the status says enough
    }
    return new VesperException(ErrorCode.OID4VC_PEER_REFUSED, what + " answered " + r.status() + (error == null ? "" : " " + error)
        + (description == null ? "" : ": " + description));
  }

  /** The OAuth error of a refusal, or null. */
  static String error(Outbound.Response r) {
    try {
      return Json.parseObject(r.body()).get("error") instanceof String s ? s : null;
    } catch (VesperException e) {
      return null;
    }
  }

  static String clip(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}

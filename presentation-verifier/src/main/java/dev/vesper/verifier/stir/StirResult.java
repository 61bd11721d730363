package dev.vesper.verifier.stir;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.verifier.Delegate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an STI-VS concludes about a call: the {@code verstat} (TN-Validation-Passed, TN-Validation-Failed,
 * No-TN-Validation), the RFC 8224 reason when it failed, the stable error id behind it, and the verified
 * VESPER attributes when the call carried a valid presentation. Immutable.
 */
public final class StirResult {
  public static final String PASSED = "TN-Validation-Passed";
  public static final String FAILED = "TN-Validation-Failed";
  public static final String NO_VALIDATION = "No-TN-Validation";

  /**
   * What a verified {@code ppt=vesper} call says of its caller: the vetted name its presentation disclosed
   * (or null), the PASSporT's Rich Call Data when it verified against that name (or null), the other
   * disclosed profile attributes (each a JSON value, in profile order), the KYC level (or null), the
   * disclosed paths, and for a delegated call the agent (or null).
   */
  public record VesperCall(String name, Map<String, Object> rcd, Map<String, Object> attributes, Object kycLevel, List<String> disclosed,
      Delegate delegate) {
    /** The attributes a call reports beside the name, in this order. */
    static final List<String> REPORTED = List.of("entity_type", "business_category", "address", "business_ids");

    /**
     * The {@code vesper} member of the verification response: {@code rcd} (the verified RCD, else the name
     * as {@code {"nam"}}) when the name was disclosed, the attributes, {@code kyc_level}, {@code disclosed},
     * {@code delegate}.
     */
    public Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      if (name != null) {
        out.put("rcd", rcd != null ? rcd : Map.of("nam", name));
      }
      out.putAll(attributes);
      if (kycLevel != null) {
        out.put("kyc_level", kycLevel);
      }
      out.put("disclosed", disclosed);
      if (delegate != null) {
        out.put("delegate", delegate.toJson());
      }
      return out;
    }
  }

  private final String verstat;
  private final int reasonCode;
  private final String reasonText;
  private final String error;
  private final String message;
  private final VesperCall vesper;
  private final ErrorCode cause;
  private final List<String> tolerated;
  private final Map<String, Object> rcd;
  private final VesperException rcdDropped;
  private boolean outOfBand;

  private StirResult(String verstat, int reasonCode, String reasonText, String error, String message, VesperCall vesper,
      ErrorCode cause, List<String> tolerated, Map<String, Object> rcd, VesperException rcdDropped) {
    this.verstat = verstat;
    this.reasonCode = reasonCode;
    this.reasonText = reasonText;
    this.error = error;
    this.message = message;
    this.vesper = vesper;
    this.cause = cause;
    this.tolerated = List.copyOf(tolerated);
    this.rcd = rcd == null ? null : Map.copyOf(rcd);
    this.rcdDropped = rcdDropped;
  }

  /**
   * A pass; {@code vesper} is null for a SHAKEN or base PASSporT, {@code tolerated} names what was read
   * liberally, {@code rcd} is the verified Rich Call Data (or null) and {@code rcdDropped} why some was dropped.
   */
  static StirResult passed(VesperCall vesper, List<String> tolerated, Map<String, Object> rcd, VesperException rcdDropped) {
    return new StirResult(PASSED, 0, null, null, null, vesper, null, tolerated, rcd, rcdDropped);
  }

  /**
   * A failure, mapped to its RFC 8224 reason (§6.2.2): {@code code} is the STIR one, or the VESPER
   * presentation's own (such as status.revoked, answered 438); {@code cause} is the error behind a STIR
   * one (the fetch failure behind stir.bad_identity_info), else the same as {@code code}.
   */
  static StirResult failed(ErrorCode code, String message, ErrorCode cause) {
    int reason = reasonCode(code);
    String verstat = code == ErrorCode.STIR_IDENTITY_MISSING ? NO_VALIDATION : FAILED;
    return new StirResult(verstat, reason, reasonText(reason), code.id(), message, null, cause, List.of(), null, null);
  }

  static int reasonCode(ErrorCode code) {
    return switch (code) {
      case STIR_IDENTITY_MISSING -> 428;
      case STIR_BAD_IDENTITY_INFO -> 436;
      case STIR_UNSUPPORTED_CREDENTIAL, STIR_CERTIFICATE_REVOKED -> 437;
      case STIR_STALE -> 403;
      default -> 438;
    };
  }

  private static String reasonText(int code) {
    return switch (code) {
      case 428 -> "Use Identity Header";
      case 436 -> "Bad Identity Info";
      case 437 -> "Unsupported Credential";
      case 403 -> "Stale Date";
      default -> "Invalid Identity Header";
    };
  }

  /** The error id behind the failure: the fetch failure behind stir.bad_identity_info, else {@link #error()}. */
  public Optional<String> cause() {
    return Optional.ofNullable(cause).map(ErrorCode::id);
  }

  public String verstat() {
    return verstat;
  }

  public boolean passed() {
    return PASSED.equals(verstat);
  }

  /** The RFC 8224 reason code (428, 436, 437, 438, 403), or 0 when the call passed. */
  public int reasonCode() {
    return reasonCode;
  }

  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The RFC 8224 reason phrase (e.g. {@code Invalid Identity Header}), or null when the call passed. */
  public String reasonText() {
    return reasonText;
  }

  /** The verified VESPER attributes (name, entity type, KYC level, …) of a {@code ppt=vesper} call. */
  public Optional<VesperCall> vesper() {
    return Optional.ofNullable(vesper);
  }

  /** The same verdict, marked as reached through a Call Placement Service (the INVITE had no Identity). */
  StirResult retrievedOutOfBand() {
    StirResult copy = new StirResult(verstat, reasonCode, reasonText, error, message, vesper, cause, tolerated, rcd, rcdDropped);
    copy.outOfBand = true;
    return copy;
  }

  /** True when the PASSporTs came from a Call Placement Service, not the INVITE. */
  public boolean outOfBand() {
    return outOfBand;
  }

  /** The verified Rich Call Data (RFC 9795: {@code nam}, and {@code icn}, {@code crn} when they verified). */
  public Optional<Map<String, Object>> rcd() {
    return Optional.ofNullable(rcd);
  }

  /** Why the call's Rich Call Data was dropped, in whole or in part ({@code stir.rcd_unverified}). */
  public Optional<String> rcdDropped() {
    return Optional.ofNullable(rcdDropped).map(VesperException::getMessage);
  }

  /**
   * What the verifier accepted only by being liberal, e.g. {@code orig.tn.canonicalized} (a {@code +} or
   * visual separators in the signed number, RFC 8224 §8.3); empty for a strictly canonical call.
   */
  public List<String> tolerated() {
    return tolerated;
  }

  /** The ATIS-1000082 {@code verificationResponse} object, with our additions ({@code error}, {@code vesper}). */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verstat", verstat);
    if (reasonCode != 0) {
      out.put("reasoncode", reasonCode);
      out.put("reasontext", reasonText);
      out.put("error", error);
      if (cause != null && !cause.id().equals(error)) {
        out.put("cause", cause.id());
      }
      out.put("message", message);
    }
    if (!tolerated.isEmpty()) {
      out.put("tolerated", tolerated);
    }
    if (outOfBand) {
      out.put("delivery", "oob");
    }
    if (rcd != null) {
      out.put("rcd", rcd);
    }
    if (rcdDropped != null) {
      out.put("rcd_error", Map.of("error", rcdDropped.code().id(), "message", rcdDropped.getMessage()));
    }
    if (vesper != null) {
      out.put("vesper", vesper.toJson());
    }
    return out;
  }
}

package dev.vesper.holder.service;

import dev.vesper.core.crypto.Sha256;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.sdjwt.Disclosure;
import dev.vesper.core.stir.IdentityHeader;
import dev.vesper.core.stir.Passport;
import dev.vesper.core.stir.Pem;
import dev.vesper.core.stir.RichCallData;
import dev.vesper.core.token.CallBinding;
import dev.vesper.holder.StiCredential;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The STI-AS (docs/stir-profile.md): for a call of the caller, the policy-limited presentation bound to
 * the call ({@link Presentations#presentCall}) goes into a {@code ppt=vesper} PASSporT, signed with the
 * service's STI credential, and comes back as the SIP Identity header value. Two deliveries: by
 * {@linkplain Delivery#REFERENCE reference} (the default: the {@code vesper} claim carries the SHA-256 of
 * the presentation and the HTTPS URL where it is served until the call's freshness window ends, at
 * {@code /stir/v1/presentations/<id>} on the origin of {@code info}, and the
 * certificate goes by {@code x5u} = {@code info}, so the header stays under 1,024 bytes) or
 * {@linkplain Delivery#INLINE inline} (the presentation itself as the claim, the chain as {@code x5c}).
 * A contact centre's call for a client also carries {@code vesper_delegation} (docs/token-profile.md §6),
 * delivered the same way: inline, or by reference as an {@code application/json} document.
 * When the presentation discloses the vetted name, the PASSporT also carries it as Rich Call Data (RFC
 * 9795 {@code rcd.nam}), with the caller's call reason ({@code crn}) and icon ({@code rcd.icn} and its
 * {@code rcdi} digest) when given. A SHAKEN PASSporT, when asked for, is shaped as SHAKEN networks expect
 * (ATIS-1000074): header {@code alg}, {@code ppt}, {@code typ} and {@code x5u} equal to {@code info}. With a
 * {@link CpsPublisher}, every signed call is also published out of band.
 */
public final class CallSigning {
  /** SHAKEN attestation levels (RFC 8588). */
  private static final Set<String> ATTEST = Set.of("A", "B", "C");
  /** RFC 8224 §6.2 step 4: a referenced presentation is served no longer than the 60 s freshness window. */
  static final long FRESHNESS_SECONDS = 60;

  /** How the presentation travels. */
  public enum Delivery {
    INLINE, REFERENCE;

    /** {@code inline} or {@code reference}; null means the default, reference. */
    public static Delivery parse(String value) throws VesperException {
      if (value == null) {
        return REFERENCE;
      }
      return switch (value) {
        case "inline" -> INLINE;
        case "reference" -> REFERENCE;
        default -> throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "vesper_delivery is inline or reference");
      };
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What a signing request may add: SHAKEN {@code attest} (A, B, C or null), the delivery, and Rich Call
   * Data beyond the vetted name: the call reason {@code crn}, an icon URL {@code icn} with its
   * {@code icnIntegrity} ({@code sha256-<base64>} of its bytes).
   */
  public record Options(String attest, Delivery delivery, String crn, String icn, String icnIntegrity) {
    public static Options defaults() {
      return new Options(null, Delivery.REFERENCE, null, null, null);
    }
  }

  private final Presentations presentations;
  private final StiCredential credential;
  private final PresentationReferences references;
  private final CpsPublisher cps;

  /** {@code cps} null: calls are not published out of band. */
  public CallSigning(Presentations presentations, StiCredential credential, PresentationReferences references, CpsPublisher cps) {
    this.presentations = presentations;
    this.credential = credential;
    this.references = references;
    this.cps = cps;
  }

  /** The credential's chain as PEM, leaf first. */
  public String chainPem() {
    return Pem.encode(credential.x5c());
  }

  /** A document delivered by reference (a presentation or a delegation), while its call's window lasts. */
  public Optional<PresentationReferences.Referenced> referenced(String id, long now) {
    return references.get(id, now);
  }

  /**
   * The Identity header values for {@code call}: the {@code ppt=vesper} one first, and with
   * {@code attest} (A, B or C) also a plain SHAKEN one (RFC 8588), since operators run both side by side.
   */
  public List<String> sign(Caller caller, CallBinding call, Options options) throws VesperException {
    if (options.attest() != null && !ATTEST.contains(options.attest())) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "attest must be A, B or C (RFC 8588)");
    }
    Presentations.CallPresentation presented = presentations.presentCall(caller, call);
    String presentation = presented.presentation();
    Presentations.Delegated delegation = presented.delegation(); // a call for a grant's owner (docs/token-profile.md §6)
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("orig", Map.of("tn", call.orig().digits()));
    payload.put("dest", Map.of("tn", call.dest().stream().map(d -> d.digits()).toList()));
    payload.put("iat", call.iat());
    if (call.origid() != null) {
      payload.put("origid", call.origid());
    }
    if (options.attest() != null) {
      payload.put("attest", options.attest());
    }
    Map<String, Object> shaken = new LinkedHashMap<>(payload);
    RichCallData rcd = richCallData(presentation, options);
    if (rcd != null) {
      rcd.addTo(payload);
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("ppt", "vesper");
    if (options.delivery() == Delivery.INLINE) {
      header.put("x5c", credential.x5c());
      payload.put("vesper", presentation);
      if (delegation != null) {
        payload.put("vesper_delegation", delegation.toJson());
      }
    } else {
      header.put("x5u", credential.info());
      payload.put("vesper", reference("application/sd-jwt", presentation, call));
      if (delegation != null) {
        payload.put("vesper_delegation", reference("application/json", Json.write(delegation.toJson()), call));
      }
    }
    List<String> out = new ArrayList<>();
    out.add(IdentityHeader.of(Passport.sign(header, payload, credential.key()), credential.info(), "vesper").toString());
    if (options.attest() != null) {
      if (call.origid() == null) {
        shaken.put("origid", UUID.randomUUID().toString());
      }
      Map<String, Object> shakenHeader = Map.of("ppt", "shaken", "x5u", credential.info());
      out.add(IdentityHeader.of(Passport.sign(shakenHeader, shaken, credential.key()), credential.info(), "shaken").toString());
    }
    if (cps != null) {
      cps.publish(call, out);
    }
    return out;
  }

  /** Serves {@code body} by reference for the call's freshness window: the claim {@code {"url", "sha256"}}. */
  private Map<String, Object> reference(String mediaType, String body, CallBinding call) {
    String id = references.put(mediaType, body, call.iat() + FRESHNESS_SECONDS);
    return Map.of("url", URI.create(credential.info()).resolve("/stir/v1/presentations/" + id).toString(),
        "sha256", Base64Url.encode(Sha256.digest(body.getBytes(StandardCharsets.US_ASCII))));
  }

  /** RCD with the presentation's disclosed (vetted) name; none when the policy does not disclose the name. */
  private static RichCallData richCallData(String presentation, Options options) throws VesperException {
    String name = disclosedName(presentation);
    if (name == null) {
      if (options.crn() != null || options.icn() != null) {
        throw new VesperException(ErrorCode.REQUEST_BAD_BODY, "crn and rcd.icn need the name disclosed to this callee (RFC 9795 rcd.nam)");
      }
      return null;
    }
    try {
      return new RichCallData(name.length() > 256 ? name.substring(0, 256) : name, options.icn(), options.icnIntegrity(), options.crn());
    } catch (IllegalArgumentException e) {
      throw new VesperException(ErrorCode.REQUEST_BAD_BODY, e.getMessage());
    }
  }

  /** The value of the {@code name} disclosure the presentation carries, or null. */
  static String disclosedName(String presentation) throws VesperException {
    String[] parts = presentation.split("~", -1);
    for (int i = 1; i < parts.length - 1; i++) {
      Disclosure d = Disclosure.parse(parts[i]);
      if ("name".equals(d.name()) && d.value() instanceof String s) {
        return s;
      }
    }
    return null;
  }
}

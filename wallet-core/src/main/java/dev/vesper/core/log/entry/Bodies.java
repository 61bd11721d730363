package dev.vesper.core.log.entry;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Wire encoding of each {@link EntryBody} (docs/transparency.md §2.2). */
final class Bodies {
  private Bodies() {}

  static byte[] encode(EntryBody body) {
    Wire.Writer w = new Wire.Writer();
    if (body instanceof IssuerKeyEvent k) {
      w.ascii8(k.issuer()).ascii8(k.kid())
          .opaque16(Json.write(k.key().withoutKid().toJson()).getBytes(StandardCharsets.UTF_8))
          .u64(k.notAfterMs()).u8(k.reason().code());
    } else if (body instanceof TokenIssued t) {
      w.ascii8(t.issuer()).ascii8(t.issuerKid()).fixed(t.tokenHash().raw())
          .u64(t.notBeforeMs()).u64(t.notAfterMs()).u16(t.numbers().size());
      for (NumberLabel n : t.numbers()) {
        n.writeTo(w);
      }
    } else if (body instanceof TokenStatusChanged s) {
      w.fixed(s.tokenHash().raw()).u8(s.status().code()).u8(s.reason().code());
    } else if (body instanceof NumberRightToUse r) {
      r.number().writeTo(w);
      w.fixed(r.holder().raw()).ascii8(r.authority()).u64(r.notAfterMs()).u8(r.reason().code());
    } else {
      throw new IllegalStateException("unknown body " + body.getClass());
    }
    return w.toByteArray();
  }

  /** Decodes a body of {@code type}; the whole of {@code bytes} must be consumed. */
  static EntryBody decode(EntryType type, byte[] bytes) throws VesperException {
    Wire.Reader r = new Wire.Reader(bytes, "log entry body (" + type.name().toLowerCase() + ")");
    EntryBody body;
    try {
      body = switch (type) {
        case ISSUER_KEY_REGISTERED, ISSUER_KEY_ROTATED, ISSUER_KEY_REVOKED -> issuerKey(type, r);
        case TOKEN_ISSUED -> tokenIssued(r);
        case TOKEN_STATUS_CHANGED -> new TokenStatusChanged(Hash32.of(r.fixed(32)), status(r), reason(r));
        case NUMBER_RTU_ASSERTED, NUMBER_RTU_RELEASED -> new NumberRightToUse(
            type, NumberLabel.readFrom(r), Hash32.of(r.fixed(32)), r.ascii8("authority", false), r.u64(), reason(r));
      };
    } catch (IllegalArgumentException e) {
      throw r.bad(e.getMessage());
    }
    r.end();
    return body;
  }

  private static IssuerKeyEvent issuerKey(EntryType type, Wire.Reader r) throws VesperException {
    String issuer = r.ascii8("issuer", false);
    String kid = r.ascii8("kid", false);
    PublicJwk key;
    try {
      key = PublicJwk.parse(new String(r.opaque16(), StandardCharsets.UTF_8)).withKid(kid);
    } catch (VesperException e) {
      throw r.bad("issuer key: " + e.getMessage());
    }
    return new IssuerKeyEvent(type, issuer, key, r.u64(), reason(r));
  }

  private static TokenIssued tokenIssued(Wire.Reader r) throws VesperException {
    String issuer = r.ascii8("issuer", false);
    String kid = r.ascii8("issuerKid", false);
    Hash32 hash = Hash32.of(r.fixed(32));
    long notBefore = r.u64();
    long notAfter = r.u64();
    int count = r.u16();
    List<NumberLabel> numbers = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      numbers.add(NumberLabel.readFrom(r));
    }
    return new TokenIssued(issuer, kid, hash, notBefore, notAfter, numbers);
  }

  private static Reason reason(Wire.Reader r) throws VesperException {
    int code = r.u8();
    return WireCode.find(Reason.class, code).orElseThrow(() -> r.bad("unknown reason code " + code));
  }

  private static TokenStatus status(Wire.Reader r) throws VesperException {
    int code = r.u8();
    return WireCode.find(TokenStatus.class, code).orElseThrow(() -> r.bad("unknown token status " + code));
  }
}

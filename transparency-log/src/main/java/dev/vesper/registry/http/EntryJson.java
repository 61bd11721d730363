package dev.vesper.registry.http;

import dev.vesper.core.log.LogHasher;
import dev.vesper.core.log.entry.EntryBody;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.NumberLabel;
import dev.vesper.core.log.entry.NumberRightToUse;
import dev.vesper.core.log.entry.Submission;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.registry.log.TransparencyLog;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON view of logged entries in registry answers. Every field is public data (docs/transparency.md §3). */
final class EntryJson {
  private EntryJson() {}

  static Map<String, Object> history(TransparencyLog.History h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("size", h.size());
    out.put("checkpoint", h.checkpoint());
    out.put("entries", h.entries().stream().map(EntryJson::logged).toList());
    return out;
  }

  static Map<String, Object> logged(TransparencyLog.LoggedEntry e) {
    Submission s = e.entry().submission();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", e.index());
    out.put("type", lower(s.type()));
    out.put("logged_at_ms", e.entry().loggedAtMs());
    out.put("effective_at_ms", s.effectiveAtMs());
    out.put("submitter", s.submitterKeyId().hex());
    out.putAll(body(s.body()));
    out.put("leaf_hash", Base64.getEncoder().encodeToString(LogHasher.leafHash(e.entry().encode())));
    out.put("proof", e.proof().stream().map(p -> Base64.getEncoder().encodeToString(p)).toList());
    return out;
  }

  static Map<String, Object> body(EntryBody body) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (body instanceof IssuerKeyEvent k) {
      out.put("issuer", k.issuer());
      out.put("kid", k.kid());
      out.put("jwk", k.key().toJson());
      out.put("not_after_ms", k.notAfterMs());
      out.put("reason", lower(k.reason()));
    } else if (body instanceof TokenIssued t) {
      out.put("issuer", t.issuer());
      out.put("issuer_kid", t.issuerKid());
      out.put("token_hash", t.tokenHash().hex());
      out.put("not_before_ms", t.notBeforeMs());
      out.put("not_after_ms", t.notAfterMs());
      out.put("numbers", t.numbers().stream().map(EntryJson::number).toList());
    } else if (body instanceof TokenStatusChanged s) {
      out.put("token_hash", s.tokenHash().hex());
      out.put("status", lower(s.status()));
      out.put("reason", lower(s.reason()));
    } else if (body instanceof NumberRightToUse r) {
      out.put("number", number(r.number()));
      out.put(r.number().isListed() ? "holder_thumbprint" : "holder_commitment", r.holder().hex());
      out.put("authority", r.authority());
      out.put("not_after_ms", r.notAfterMs());
      out.put("reason", lower(r.reason()));
    }
    return out;
  }

  private static Map<String, Object> number(NumberLabel label) {
    if (label.isListed()) {
      return Map.of("listed", label.listedEntry().orElseThrow().toJson());
    }
    return Map.of(label.isPerToken() ? "token_label" : "label", label.pseudonym().orElseThrow().hex());
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}

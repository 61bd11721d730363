package dev.vesper.registry.log;

import dev.vesper.core.log.entry.EntryBody;
import dev.vesper.core.log.entry.Hash32;
import dev.vesper.core.log.entry.IssuerKeyEvent;
import dev.vesper.core.log.entry.NumberLabel;
import dev.vesper.core.log.entry.NumberRightToUse;
import dev.vesper.core.log.entry.TokenIssued;
import dev.vesper.core.log.entry.TokenStatusChanged;
import dev.vesper.core.phone.NumberEntry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The index keys of an entry: what the registry can be asked about. Public data only (docs/transparency.md
 * §3). Per-token labels are not indexed: no other entry carries the same one, and their holders find them by
 * reading the log (§3.1).
 */
public final class Subjects {
  private Subjects() {}

  public static String token(Hash32 tokenHash) {
    return "token:" + tokenHash.hex();
  }

  public static String issuer(String issuer) {
    return "issuer:" + issuer;
  }

  public static String listed(NumberEntry entry) {
    return entry.isRange()
        ? "listed-range:" + entry.range().start().digits() + "+" + entry.range().count()
        : "listed:" + entry.single().digits();
  }

  static List<String> of(EntryBody body) {
    Set<String> out = new LinkedHashSet<>();
    if (body instanceof IssuerKeyEvent k) {
      out.add(issuer(k.issuer()));
    } else if (body instanceof TokenIssued t) {
      out.add(token(t.tokenHash()));
      out.add(issuer(t.issuer()));
      for (NumberLabel n : t.numbers()) {
        if (!n.isPerToken()) { // a per-token label names nothing another entry could share
          out.add(number(n));
        }
      }
    } else if (body instanceof TokenStatusChanged s) {
      out.add(token(s.tokenHash()));
    } else if (body instanceof NumberRightToUse r) {
      out.add(number(r.number()));
    }
    return List.copyOf(out);
  }

  private static String number(NumberLabel label) {
    return label.isListed() ? listed(label.listedEntry().orElseThrow()) : "number:" + label.pseudonym().orElseThrow().hex();
  }
}

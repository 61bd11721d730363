package dev.vesper.verifier.sip;

import dev.vesper.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The single RCD {@code Call-Info} header field (RFC 9796) for verified Rich Call Data: a jCard (RFC 7095)
 * with the name ({@code fn}) and, when verified, the logo, as a {@code data:} URI with
 * {@code purpose=rcd-jcard}; the verified icon with {@code purpose=icon}; the call reason as the
 * {@code call-reason} parameter. Values come only from a verified PASSporT.
 */
final class CallInfo {
  private CallInfo() {}

  /**
   * The header field's values: the jCard, then the icon if any; the call reason a parameter of the last.
   * Rows of a comma-separated header field are one field (RFC 3261 §7.3.1), so they may go out as rows.
   */
  static List<String> of(Map<String, Object> rcd) {
    String nam = (String) rcd.get("nam");
    String icn = (String) rcd.get("icn");
    String crn = (String) rcd.get("crn");
    List<Object> card = new ArrayList<>();
    card.add(List.of("version", Map.of(), "text", "4.0"));
    card.add(List.of("fn", Map.of(), "text", nam));
    if (icn != null) {
      card.add(List.of("logo", Map.of(), "uri", icn));
    }
    String jcard = Base64.getEncoder().encodeToString(Json.write(List.of("vcard", card)).getBytes(StandardCharsets.UTF_8));
    List<String> out = new ArrayList<>();
    out.add("<data:application/json;base64," + jcard + ">;purpose=rcd-jcard");
    if (icn != null) {
      out.add("<" + icn + ">;purpose=icon");
    }
    if (crn != null) {
      out.set(out.size() - 1, out.get(out.size() - 1) + ";call-reason=" + quoted(crn));
    }
    return out;
  }

  /** A SIP quoted-string (RFC 3261 §25.1): backslash and double quote escaped. */
  static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

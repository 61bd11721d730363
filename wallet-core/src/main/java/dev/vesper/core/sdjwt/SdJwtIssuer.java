package dev.vesper.core.sdjwt;

import dev.vesper.core.crypto.Signer;
import dev.vesper.core.jose.CompactJws;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Signs an encoded claim tree into a compact SD-JWT (RFC 9901 §4): {@code <JWT>~<D1>~...~<Dn>~}. */
public final class SdJwtIssuer {
  private SdJwtIssuer() {}

  /**
   * Issues {@code claims} with every member except {@code alwaysVisible} selectively disclosable.
   *
   * @param header the JOSE header; {@code alg} is set to ES256
   */
  public static String issue(
      Map<String, Object> header,
      Map<String, Object> claims,
      Set<String> alwaysVisible,
      SdJwtEncoder encoder,
      Signer key) {
    SdJwtEncoder.Encoded encoded = encoder.encode(claims, alwaysVisible);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", "ES256");
    header.forEach((k, v) -> {
      if (!k.equals("alg")) {
        h.put(k, v);
      }
    });
    String jwt = CompactJws.sign(h, encoded.payload(), key);
    return SdJwt.serialize(jwt, encoded.disclosures());
  }
}

package dev.vesper.core.crypto;

import dev.vesper.core.json.Base64Url;
import java.util.Map;

/**
 * WARNING: the only way to get private key material out of a {@link SigningKey}. Every caller writes a
 * secret somewhere (a 0600 key file, an encrypted store); review each use. Named after Tink's
 * CleartextKeysetHandle so that a grep finds every export.
 */
public final class CleartextKeys {
  private CleartextKeys() {}

  /** The private JWK: the public members plus {@code d}. */
  public static Map<String, Object> toPrivateJwk(SigningKey key) {
    Map<String, Object> jwk = key.publicJwk().toJson();
    jwk.put("d", Base64Url.encode(PublicJwk.fixed(key.privateScalar())));
    return jwk;
  }
}

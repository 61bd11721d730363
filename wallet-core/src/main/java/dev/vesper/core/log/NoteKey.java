package dev.vesper.core.log;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A C2SP signed-note verifier key for Ed25519 (type 0x01): a name, a 4-byte key id
 * {@code SHA-256(name ‖ "\n" ‖ 0x01 ‖ key)[:4]}, the 32-byte public key; written as the vkey
 * {@code <name>+<hex key id>+<base64(0x01 ‖ key)>}. Immutable.
 */
public final class NoteKey {
  static final byte ED25519 = 0x01;

  private final String name;
  private final int keyId;
  private final byte[] publicKey;

  NoteKey(String name, byte[] publicKey) {
    this.name = name;
    this.publicKey = publicKey.clone();
    this.keyId = keyId(name, publicKey);
  }

  /** Parses a vkey; refuses other key types, a key id that does not match, bad names. */
  public static NoteKey parse(String vkey) throws VesperException {
    Objects.requireNonNull(vkey, "vkey == null");
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3 || !validName(parts[0]) || !parts[1].matches("[0-9a-f]{8}")) {
      throw bad("a verifier key is <name>+<8 hex digits>+<base64 key>");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw bad("the verifier key is not base64");
    }
    if (blob.length != 33 || blob[0] != ED25519) {
      throw bad("only Ed25519 verifier keys (type 0x01, 32 bytes) are supported");
    }
    NoteKey key = new NoteKey(parts[0], Arrays.copyOfRange(blob, 1, 33));
    if (key.keyId != (int) Long.parseLong(parts[1], 16)) {
      throw bad("the verifier key id does not match its name and key");
    }
    return key;
  }

  static int keyId(String name, byte[] publicKey) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(name.getBytes(StandardCharsets.UTF_8));
      d.update((byte) '\n');
      d.update(ED25519);
      d.update(publicKey);
      return ByteBuffer.wrap(d.digest(), 0, 4).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean validName(String name) {
    return !name.isEmpty() && name.codePoints().noneMatch(c -> Character.isWhitespace(c) || c == '+' || Character.isISOControl(c));
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** True when {@code signature} is this key's Ed25519 signature over {@code message}. */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  /** The vkey text. */
  public String vkey() {
    byte[] blob = new byte[33];
    blob[0] = ED25519;
    System.arraycopy(publicKey, 0, blob, 1, 32);
    return name + "+" + HexFormat.of().toHexDigits(keyId) + "+" + Base64.getEncoder().encodeToString(blob);
  }

  static VesperException bad(String message) {
    return new VesperException(ErrorCode.LOG_BAD_NOTE, message);
  }

  @Override
  public String toString() {
    return vkey();
  }
}

package dev.vesper.core.crypto;

import java.security.Provider;
import java.util.Locale;
import java.util.Optional;

/**
 * The JCA provider doing this JVM's ES256 math, chosen once at first use.
 *
 * <p>{@code VESPER_CRYPTO} (environment) or {@code vesper.crypto} (system property, which wins) says
 * which: {@code auto} (the default) takes Amazon Corretto Crypto Provider where its native library
 * loads and passes its self-test (Linux x86_64 and aarch64), BouncyCastle otherwise; {@code accp}
 * insists on ACCP and fails start-up without it; {@code bc} forces BouncyCastle. Servers log
 * {@link #describeInUse()} at start and {@code vesper --version} prints it.
 */
public enum CryptoProvider {
  /** BouncyCastle, pure Java: everywhere, slower (about 80–130 µs a signature here). */
  BOUNCY_CASTLE("bc"),
  /** Amazon Corretto Crypto Provider on AWS-LC: native, at the OpenSSL floor. */
  CORRETTO("accp");

  private final String id;

  CryptoProvider(String id) {
    this.id = id;
  }

  /** The short name {@code VESPER_CRYPTO} takes. */
  public String id() {
    return id;
  }

  /** The provider in use, choosing it on first call. Throws if a forced choice cannot be met. */
  public static CryptoProvider inUse() {
    return Selection.engine().provider();
  }

  /** One line for logs and {@code --version}: the provider, its version, and why it was chosen. */
  public static String describeInUse() {
    Selection.engine();
    return Selection.description;
  }

  /**
   * The provider to run AES-GCM through where it is faster than the JDK's (ACCP, when in use); empty
   * means the JDK default.
   */
  public static Optional<Provider> aesGcmProvider() {
    return Selection.engine() instanceof CorrettoEs256 accp ? Optional.of(accp.jcaProvider()) : Optional.empty();
  }

  static CryptoProvider fromSetting(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (CryptoProvider p : values()) {
      if (p.id.equals(v)) {
        return p;
      }
    }
    throw new IllegalStateException("VESPER_CRYPTO must be bc, accp or auto, not '" + value + "'");
  }

  /** Chooses once; a failed forced choice is rethrown to every caller, never silently downgraded. */
  static final class Selection {
    private static volatile Es256Engine engine;
    private static volatile String description;

    private Selection() {}

    static Es256Engine engine() {
      Es256Engine e = engine;
      if (e == null) {
        synchronized (Selection.class) {
          e = engine;
          if (e == null) {
            e = choose(setting());
            engine = e;
          }
        }
      }
      return e;
    }

    private static String setting() {
      String property = System.getProperty("vesper.crypto");
      if (property != null && !property.isBlank()) {
        return property;
      }
      String env = System.getenv("VESPER_CRYPTO");
      return env == null || env.isBlank() ? "auto" : env;
    }

    private static Es256Engine choose(String setting) {
      boolean auto = setting.trim().equalsIgnoreCase("auto");
      CryptoProvider wanted = auto ? CORRETTO : fromSetting(setting);
      if (wanted == BOUNCY_CASTLE) {
        description = "bc: BouncyCastle (VESPER_CRYPTO=bc)";
        return new BouncyCastleEs256();
      }
      CorrettoEs256.Loaded accp = CorrettoEs256.load();
      if (accp.engine().isPresent()) {
        description = "accp: " + accp.detail() + (auto ? " (auto)" : " (VESPER_CRYPTO=accp)");
        return accp.engine().get();
      }
      if (!auto) {
        throw new IllegalStateException("VESPER_CRYPTO=accp but Amazon Corretto Crypto Provider is " + accp.detail());
      }
      description = "bc: BouncyCastle (auto; ACCP " + accp.detail() + ")";
      return new BouncyCastleEs256();
    }
  }
}

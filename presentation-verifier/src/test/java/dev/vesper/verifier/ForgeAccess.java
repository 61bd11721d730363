package dev.vesper.verifier;

import java.util.Map;

/** Test-only bridge to the package-private {@link Forge} for tests in other packages. */
public final class ForgeAccess {
  public static final String AUD = Forge.AUD;
  public static final String NONCE = Forge.NONCE;

  private ForgeAccess() {}

  /** The baseline valid presentation (name and tn disclosed, KB for AUD/NONCE). */
  public static String valid() throws Exception {
    return Forge.build(Map.of());
  }
}

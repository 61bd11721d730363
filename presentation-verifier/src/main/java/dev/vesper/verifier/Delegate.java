package dev.vesper.verifier;

import dev.vesper.core.phone.TelephoneNumber;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent a delegated call came from, as the verifier established it (docs/token-profile.md §6): its
 * own verified name, when the client's grant ends, the agent token's issuer, and the numbers the client
 * delegated for this call. Only {@link PresentationVerifier} makes one. Immutable.
 */
public final class Delegate {
  private final String name;
  private final long expiresAt;
  private final String issuer;
  private final List<TelephoneNumber> numbers;

  Delegate(String name, long expiresAt, String issuer, List<TelephoneNumber> numbers) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.expiresAt = expiresAt;
    this.issuer = issuer;
    this.numbers = List.copyOf(numbers);
  }

  /** The agent's verified name (from its own token, not the client's). */
  public String name() {
    return name;
  }

  /** When the client's grant to the agent ends (NumericDate). */
  public long expiresAt() {
    return expiresAt;
  }

  /** The issuer of the agent's token. */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  public List<TelephoneNumber> numbers() {
    return numbers;
  }

  /** {@code {"name", "expires_at", "issuer"?}}: what the verifier's answers report beside the client's claims. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("expires_at", expiresAt);
    if (issuer != null) {
      out.put("issuer", issuer);
    }
    return out;
  }
}

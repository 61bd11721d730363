package dev.vesper.verifier;

import dev.vesper.core.error.VesperException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@link PresentationVerifier#check}: the verified presentation or the failure, and each
 * check with its outcome ({@code passed}, {@code not_required} by the policy, {@code failed}, {@code not_run}). Immutable.
 */
public final class Verification {
  private final VerifiedPresentation verified;
  private final VesperException failure;
  private final List<String> passed;
  private final List<String> notRequired;

  Verification(VerifiedPresentation verified, VesperException failure, List<String> passed, List<String> notRequired) {
    this.verified = verified;
    this.failure = failure;
    this.passed = List.copyOf(passed);
    this.notRequired = List.copyOf(notRequired);
  }

  public Optional<VerifiedPresentation> verified() {
    return Optional.ofNullable(verified);
  }

  public Optional<VesperException> failure() {
    return Optional.ofNullable(failure);
  }

  /** Each check of {@link PresentationVerifier#CHECKS} with its outcome, in order. */
  public List<Map<String, Object>> checks() {
    List<Map<String, Object>> out = new ArrayList<>();
    boolean failedSeen = false;
    for (String check : PresentationVerifier.CHECKS) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("check", check);
      if (passed.contains(check)) {
        c.put("outcome", "passed");
      } else if (notRequired.contains(check)) {
        c.put("outcome", "not_required");
      } else if (failure != null && !failedSeen) {
        c.put("outcome", "failed");
        c.put("error", failure.code().id());
        failedSeen = true;
      } else {
        c.put("outcome", "not_run");
      }
      out.add(c);
    }
    return out;
  }

  /**
   * The result object of the CLI and the HTTP API: {@code valid}, {@code claims} (and {@code delegate} for a
   * delegated call) or {@code error}+{@code message}, {@code checks}.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("valid", verified != null);
    if (verified != null) {
      out.put("claims", verified.claims());
      verified.delegate().ifPresent(d -> out.put("delegate", d.toJson()));
    } else {
      out.put("error", failure.code().id());
      out.put("message", failure.getMessage());
    }
    out.put("checks", checks());
    return out;
  }
}

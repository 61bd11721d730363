package dev.vesper.verifier;

import dev.vesper.core.error.Check;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of {@link PresentationVerifier#check}: the verified presentation or the failure, and each
 * {@link Check} with its outcome ({@code passed}, {@code not_required} by the policy or the profile,
 * {@code failed}, {@code not_run}), in their one order. Immutable.
 */
public final class Verification {
  /** An outcome of one check, as reported. */
  public enum Outcome {
    PASSED("passed"),
    NOT_REQUIRED("not_required"),
    FAILED("failed"),
    NOT_RUN("not_run");

    private final String id;

    Outcome(String id) {
      this.id = id;
    }

    /** The stable identifier, e.g. {@code not_required}. */
    public String id() {
      return id;
    }
  }

  /** One check as reported: its outcome, and for the failed check the error that failed it (else null). */
  public record CheckReport(Check check, Outcome outcome, ErrorCode error) {
    /** {@code {"check", "outcome"}}, plus {@code "error"} for the failed one. */
    public Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("check", check.id());
      out.put("outcome", outcome.id());
      if (error != null) {
        out.put("error", error.id());
      }
      return out;
    }
  }

  private final VerifiedPresentation verified;
  private final VesperException failure;
  private final Set<Check> passed;
  private final Set<Check> notRequired;

  private Verification(VerifiedPresentation verified, VesperException failure, EnumSet<Check> passed, EnumSet<Check> notRequired) {
    this.verified = verified;
    this.failure = failure;
    this.passed = Collections.unmodifiableSet(EnumSet.copyOf(passed));
    this.notRequired = Collections.unmodifiableSet(EnumSet.copyOf(notRequired));
  }

  public Optional<VerifiedPresentation> verified() {
    return Optional.ofNullable(verified);
  }

  public Optional<VesperException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * The outcome of {@code check}: passed or not required as reported; else the first check neither
   * passed nor skipped is the one that failed, and the rest did not run.
   */
  public Outcome outcome(Check check) {
    if (passed.contains(check)) {
      return Outcome.PASSED;
    }
    if (notRequired.contains(check)) {
      return Outcome.NOT_REQUIRED;
    }
    return failure != null && check == failedCheck() ? Outcome.FAILED : Outcome.NOT_RUN;
  }

  private Check failedCheck() {
    for (Check c : Check.values()) {
      if (!passed.contains(c) && !notRequired.contains(c)) {
        return c;
      }
    }
    return null;
  }

  /** Each {@link Check} with its outcome, in their one order. */
  public List<CheckReport> checks() {
    List<CheckReport> out = new ArrayList<>(Check.values().length);
    for (Check check : Check.values()) {
      Outcome outcome = outcome(check);
      out.add(new CheckReport(check, outcome, outcome == Outcome.FAILED ? failure.code() : null));
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
    List<Object> checks = new ArrayList<>();
    checks().forEach(c -> checks.add(c.toJson()));
    out.put("checks", checks);
    return out;
  }

  /** The checks one verification reported, while it runs; then its {@link Verification}. Not thread-safe. */
  static final class Outcomes {
    final EnumSet<Check> passed = EnumSet.noneOf(Check.class);
    final EnumSet<Check> notRequired = EnumSet.noneOf(Check.class);

    Verification verified(VerifiedPresentation verified) {
      return new Verification(verified, null, passed, notRequired);
    }

    Verification failed(VesperException failure) {
      return new Verification(null, failure, passed, notRequired);
    }
  }
}

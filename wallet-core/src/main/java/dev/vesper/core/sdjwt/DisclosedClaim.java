package dev.vesper.core.sdjwt;

import java.util.Objects;

/**
 * Where one disclosure landed while processing: its path in the processed payload and the disclosure
 * whose value embedded its digest ({@code parent}, null when the issuer JWT embedded it directly).
 */
public record DisclosedClaim(ClaimPath path, Disclosure disclosure, Disclosure parent) {
  public DisclosedClaim {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(disclosure, "disclosure == null");
  }
}

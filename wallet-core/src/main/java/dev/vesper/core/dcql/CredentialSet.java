package dev.vesper.core.dcql;

import java.util.List;

/**
 * A DCQL credential set (OpenID4VP §6.2): alternative combinations of credential query ids, and whether
 * one of them must be answered. Immutable.
 */
public record CredentialSet(List<List<String>> options, boolean required) {
  public CredentialSet {
    options = options.stream().map(List::copyOf).toList();
  }
}

package dev.vesper.core.dcql;

import dev.vesper.core.sdjwt.ClaimPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One credential query of a DCQL query (OpenID4VP §6.1), for the {@code dc+sd-jwt} format's
 * {@code meta.vct_values} (Appendix B.3.5). Immutable.
 *
 * @param id the query id, referenced by the response's {@code vp_token} keys
 * @param format the credential format identifier
 * @param vctValues the accepted {@code vct} values (empty for other formats)
 * @param multiple whether several credentials may answer it
 * @param requireHolderBinding whether the presentation must be key-bound
 * @param trustedAuthorities whether {@code trusted_authorities} restricts the issuers (this wallet cannot
 *     evaluate them, so such a query matches no credential)
 * @param claims the claims asked for; empty means no selectively disclosable claim (§6.4.1)
 * @param claimSets alternative sets of claim ids, in the verifier's order of preference; empty when absent
 */
public record CredentialQuery(
    String id, String format, List<String> vctValues, boolean multiple, boolean requireHolderBinding,
    boolean trustedAuthorities, List<ClaimQuery> claims, List<List<String>> claimSets) {
  public CredentialQuery {
    vctValues = List.copyOf(vctValues);
    claims = List.copyOf(claims);
    claimSets = claimSets.stream().map(List::copyOf).toList();
  }

  /**
   * The concrete claim paths a credential with these {@code claims} discloses to answer this query
   * (§6.4.1): every claim's selection, or those of the first claim set whose every claim matches;
   * empty when the credential cannot answer. No claims asked: an empty list (nothing selectively
   * disclosed).
   */
  public Optional<List<ClaimPath>> select(Map<String, Object> credentialClaims, ValueMatcher matcher) {
    if (claimSets.isEmpty()) {
      Set<ClaimPath> all = new LinkedHashSet<>();
      for (ClaimQuery c : claims) {
        List<ClaimPath> found = c.select(credentialClaims, matcher);
        if (found.isEmpty()) {
          return Optional.empty();
        }
        all.addAll(found);
      }
      return Optional.of(new ArrayList<>(all));
    }
    for (List<String> set : claimSets) {
      Set<ClaimPath> chosen = new LinkedHashSet<>();
      boolean complete = true;
      for (String claimId : set) {
        List<ClaimPath> found = claim(claimId).select(credentialClaims, matcher);
        if (found.isEmpty()) {
          complete = false;
          break;
        }
        chosen.addAll(found);
      }
      if (complete) {
        return Optional.of(new ArrayList<>(chosen));
      }
    }
    return Optional.empty();
  }

  private ClaimQuery claim(String claimId) {
    for (ClaimQuery c : claims) {
      if (claimId.equals(c.id())) {
        return c;
      }
    }
    throw new IllegalStateException("claim set names an unknown claim id (parse checks this)");
  }
}

package dev.vesper.core.token;

import dev.vesper.core.dcql.ClaimQuery;
import dev.vesper.core.dcql.CredentialQuery;
import dev.vesper.core.dcql.DcqlQuery;
import dev.vesper.core.dcql.ValueMatcher;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TelephoneNumber;
import java.util.List;

/**
 * DCQL for VESPER tokens (docs/openid4vc.md §3): which claim paths a query may name, and how a number
 * asked for by value selects the {@code tn} element that covers it.
 */
public final class VesperDcql {
  /**
   * The spec's exact match, widened for {@code tn} elements: a telephone number asked for (a string)
   * matches the element that covers it, a single number or a range.
   */
  public static final ValueMatcher MATCHER = (at, value, wanted) -> {
    if (at.segments().size() == 2 && VesperToken.TN.equals(at.first()) && wanted instanceof String number) {
      try {
        return NumberEntry.fromCanonicalJson(value).covers(TelephoneNumber.parse(number));
      } catch (VesperException e) {
        return false;
      }
    }
    return ValueMatcher.EXACT.matches(at, value, wanted);
  };

  private VesperDcql() {}

  /**
   * True when {@code path} (names and indexes, no wildcard) names a claim of the profile: an attribute,
   * a member of {@code address}, {@code kyc} or {@code business_ids}, one {@code tn} element, or an
   * always-visible claim.
   */
  public static boolean isProfilePath(List<Object> path) {
    if (path.isEmpty() || !(path.get(0) instanceof String first)) {
      return false;
    }
    if (VesperToken.ALWAYS_VISIBLE.contains(first)) {
      return true;
    }
    Object second = path.size() > 1 ? path.get(1) : null;
    return switch (first) {
      case VesperToken.NAME, VesperToken.ENTITY_TYPE, VesperToken.BUSINESS_CATEGORY -> path.size() == 1;
      case VesperToken.TN -> path.size() == 1 || (path.size() == 2 && (second == null || second instanceof Integer));
      case VesperToken.ADDRESS -> path.size() == 1 || (path.size() == 2 && IdentityAttributes.ADDRESS_PARTS.contains(second));
      case VesperToken.KYC -> path.size() == 1 || (path.size() == 2 && IdentityAttributes.KYC_PARTS.contains(second));
      case VesperToken.BUSINESS_IDS -> path.size() == 1
          || (path.size() == 2 && second instanceof String s && s.matches("[a-z][a-z0-9_]{0,31}"));
      default -> false;
    };
  }

  /**
   * Checks that a verifier may ask for {@code query} from VESPER tokens: every credential query is
   * {@code dc+sd-jwt} of the VESPER {@code vct}, key-bound, every claim path names a profile claim, and
   * numbers are asked for one by one ({@code ["tn", null]} with {@code values}), since the number list
   * as a whole is never disclosable.
   *
   * @throws VesperException {@link ErrorCode#DCQL_INVALID_QUERY} naming the first claim no holder discloses
   */
  public static void checkAskable(DcqlQuery query) throws VesperException {
    for (CredentialQuery c : query.credentials()) {
      if (!VesperToken.TYP.equals(c.format()) || !c.vctValues().contains(VesperToken.VCT)) {
        throw invalid("credential query '" + c.id() + "' must ask for format dc+sd-jwt with vct " + VesperToken.VCT);
      }
      if (!c.requireHolderBinding()) {
        throw invalid("VESPER presentations are always key-bound: drop require_cryptographic_holder_binding=false");
      }
      for (ClaimQuery claim : c.claims()) {
        if (!isProfilePath(claim.path())) {
          throw invalid("the VESPER token has no disclosable claim at " + claim.path());
        }
        if (VesperToken.TN.equals(claim.path().get(0)) && (claim.path().size() != 2 || claim.values() == null)) {
          throw invalid("numbers are asked for by value: {\"path\": [\"tn\", null], \"values\": [\"<E.164 digits>\"]}");
        }
      }
    }
  }

  private static VesperException invalid(String message) {
    return new VesperException(ErrorCode.DCQL_INVALID_QUERY, message);
  }
}

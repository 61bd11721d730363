package dev.vesper.core.dcql;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A Digital Credentials Query Language query (OpenID4VP 1.0 §6), validated on parsing: what a verifier
 * asks for and what a wallet answers. The wallet side picks which credential queries to answer
 * ({@link #toAnswer}); the verifier side checks that a response answers the query ({@link #checkAnswered}).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * DcqlQuery q = DcqlQuery.parse(Json.parse(bytes));
 * Optional<Set<String>> ids = q.toAnswer(id -> wallet.canAnswer(q.credential(id)));
 * }</pre>
 */
public record DcqlQuery(List<CredentialQuery> credentials, List<CredentialSet> credentialSets) {
  public DcqlQuery {
    credentials = List.copyOf(credentials);
    credentialSets = List.copyOf(credentialSets);
  }

  /**
   * Parses and validates a DCQL query given as parsed JSON (§6.1–6.3, §7): ids, references, path and
   * value types, non-empty arrays, sizes; unknown members are ignored as the spec requires.
   *
   * @throws VesperException {@link ErrorCode#DCQL_INVALID_QUERY} naming the first fault
   */
  public static DcqlQuery parse(Object json) throws VesperException {
    return DcqlParser.query(json);
  }

  /** The credential query with this id. */
  public Optional<CredentialQuery> credential(String id) {
    for (CredentialQuery c : credentials) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The credential queries a wallet answers, given which it {@code canAnswer} (§6.4.2): without
   * credential sets, every query must be answerable; with them, the first answerable option of each set
   * (required sets must have one). Empty when the query cannot be satisfied: the wallet then sends nothing.
   */
  public Optional<Set<String>> toAnswer(Predicate<String> canAnswer) {
    Set<String> out = new LinkedHashSet<>();
    if (credentialSets.isEmpty()) {
      for (CredentialQuery c : credentials) {
        if (!canAnswer.test(c.id())) {
          return Optional.empty();
        }
        out.add(c.id());
      }
      return Optional.of(out);
    }
    for (CredentialSet set : credentialSets) {
      List<String> chosen = null;
      for (List<String> option : set.options()) {
        if (option.stream().allMatch(canAnswer)) {
          chosen = option;
          break;
        }
      }
      if (chosen == null && set.required()) {
        return Optional.empty();
      }
      if (chosen != null) {
        out.addAll(chosen);
      }
    }
    return Optional.of(out);
  }

  /**
   * Verifier side: {@code answered} maps each answered query id to the claims of every credential
   * presented for it (already verified). Checks that every id is a query's, that only queries with
   * {@code multiple} have several credentials, that each credential discloses what its query asks
   * (claims, or one of the claim sets), and that the answered ids satisfy the credential sets.
   *
   * @throws VesperException {@link ErrorCode#DCQL_NOT_SATISFIED} naming the first shortfall
   */
  public void checkAnswered(Map<String, List<Map<String, Object>>> answered, ValueMatcher matcher) throws VesperException {
    for (Map.Entry<String, List<Map<String, Object>>> e : answered.entrySet()) {
      CredentialQuery query = credential(e.getKey())
          .orElseThrow(() -> unsatisfied("the response answers '" + clip(e.getKey()) + "', which the query does not ask for"));
      if (e.getValue().isEmpty() || (e.getValue().size() > 1 && !query.multiple())) {
        throw unsatisfied("query '" + query.id() + "' takes " + (query.multiple() ? "one or more credentials" : "exactly one credential"));
      }
      for (Map<String, Object> claims : e.getValue()) {
        if (query.select(claims, matcher).isEmpty()) {
          throw unsatisfied("a credential presented for '" + query.id() + "' does not disclose the claims it asks for");
        }
      }
    }
    if (toAnswer(answered::containsKey).isEmpty()) {
      throw unsatisfied("the response leaves a required credential query unanswered");
    }
  }

  /** The JSON form, as sent in an authorization request. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> creds = new ArrayList<>();
    for (CredentialQuery c : credentials) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("format", c.format());
      m.put("meta", Map.of("vct_values", c.vctValues()));
      if (c.multiple()) {
        m.put("multiple", true);
      }
      if (!c.requireHolderBinding()) {
        m.put("require_cryptographic_holder_binding", false);
      }
      if (!c.claims().isEmpty()) {
        List<Object> claims = new ArrayList<>();
        for (ClaimQuery q : c.claims()) {
          Map<String, Object> cm = new LinkedHashMap<>();
          if (q.id() != null) {
            cm.put("id", q.id());
          }
          cm.put("path", q.path());
          if (q.values() != null) {
            cm.put("values", q.values());
          }
          claims.add(cm);
        }
        m.put("claims", claims);
      }
      if (!c.claimSets().isEmpty()) {
        m.put("claim_sets", c.claimSets());
      }
      creds.add(m);
    }
    out.put("credentials", creds);
    if (!credentialSets.isEmpty()) {
      List<Object> sets = new ArrayList<>();
      for (CredentialSet s : credentialSets) {
        sets.add(s.required() ? Map.of("options", s.options()) : Map.of("options", s.options(), "required", false));
      }
      out.put("credential_sets", sets);
    }
    return out;
  }

  private static VesperException unsatisfied(String message) {
    return new VesperException(ErrorCode.DCQL_NOT_SATISFIED, message);
  }

  static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}

package dev.vesper.core.dcql;

import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a DCQL query strictly (OpenID4VP §6, §7), within bounds that no honest query comes near. */
final class DcqlParser {
  static final int MAX_CREDENTIALS = 16;
  static final int MAX_CLAIMS = 64;
  static final int MAX_PATH = 16;
  static final int MAX_VALUES = 64;
  static final int MAX_SETS = 16;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private DcqlParser() {}

  static DcqlQuery query(Object json) throws VesperException {
    Map<String, Object> root = object(json, "the DCQL query");
    List<Object> creds = array(root.get("credentials"), "credentials", MAX_CREDENTIALS);
    List<CredentialQuery> queries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object c : creds) {
      CredentialQuery q = credential(c);
      if (!ids.add(q.id())) {
        throw bad("credential query id '" + q.id() + "' is used twice");
      }
      queries.add(q);
    }
    List<CredentialSet> sets = new ArrayList<>();
    if (root.containsKey("credential_sets")) {
      for (Object s : array(root.get("credential_sets"), "credential_sets", MAX_SETS)) {
        Map<String, Object> set = object(s, "a credential set");
        Object required = set.getOrDefault("required", Boolean.TRUE);
        if (!(required instanceof Boolean r)) {
          throw bad("credential_sets[].required must be a boolean");
        }
        sets.add(new CredentialSet(idLists(set.get("options"), "credential_sets[].options", ids), r));
      }
    }
    return new DcqlQuery(queries, sets);
  }

  private static CredentialQuery credential(Object json) throws VesperException {
    Map<String, Object> c = object(json, "a credential query");
    String id = id(c.get("id"), "credentials[].id");
    if (!(c.get("format") instanceof String format) || format.isEmpty()) {
      throw bad("credential query '" + id + "' needs a format");
    }
    Map<String, Object> meta = object(c.get("meta"), "credential query '" + id + "' meta");
    List<String> vcts = new ArrayList<>();
    if (format.equals("dc+sd-jwt")) {
      for (Object v : array(meta.get("vct_values"), "meta.vct_values of '" + id + "'", MAX_VALUES)) {
        if (!(v instanceof String s) || s.isEmpty()) {
          throw bad("meta.vct_values of '" + id + "' must be non-empty strings");
        }
        vcts.add(s);
      }
    }
    boolean multiple = bool(c, "multiple", false, id);
    boolean binding = bool(c, "require_cryptographic_holder_binding", true, id);
    boolean trusted = false;
    if (c.containsKey("trusted_authorities")) {
      for (Object t : array(c.get("trusted_authorities"), "trusted_authorities of '" + id + "'", MAX_SETS)) {
        Map<String, Object> ta = object(t, "a trusted authority");
        if (!(ta.get("type") instanceof String) || array(ta.get("values"), "trusted_authorities[].values", MAX_VALUES).isEmpty()) {
          throw bad("trusted_authorities of '" + id + "' are {type, values}");
        }
      }
      trusted = true;
    }
    List<ClaimQuery> claims = new ArrayList<>();
    Set<String> claimIds = new HashSet<>();
    if (c.containsKey("claims")) {
      for (Object o : array(c.get("claims"), "claims of '" + id + "'", MAX_CLAIMS)) {
        ClaimQuery q = claim(o, id);
        if (q.id() != null && !claimIds.add(q.id())) {
          throw bad("claim id '" + q.id() + "' is used twice in '" + id + "'");
        }
        claims.add(q);
      }
    }
    List<List<String>> claimSets = List.of();
    if (c.containsKey("claim_sets")) {
      if (claims.isEmpty()) {
        throw bad("claim_sets of '" + id + "' need claims");
      }
      for (ClaimQuery q : claims) {
        if (q.id() == null) {
          throw bad("with claim_sets, every claim of '" + id + "' needs an id");
        }
      }
      claimSets = idLists(c.get("claim_sets"), "claim_sets of '" + id + "'", claimIds);
    }
    return new CredentialQuery(id, format, vcts, multiple, binding, trusted, claims, claimSets);
  }

  private static ClaimQuery claim(Object json, String queryId) throws VesperException {
    Map<String, Object> c = object(json, "a claim of '" + queryId + "'");
    String claimId = c.containsKey("id") ? id(c.get("id"), "claims[].id of '" + queryId + "'") : null;
    List<Object> path = new ArrayList<>();
    for (Object segment : array(c.get("path"), "claims[].path of '" + queryId + "'", MAX_PATH)) {
      if (segment == null || segment instanceof String) {
        path.add(segment);
      } else if (segment instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
        path.add(l.intValue());
      } else if (segment instanceof Integer i && i >= 0) {
        path.add(i);
      } else {
        throw bad("a claims path of '" + queryId + "' holds names, null or non-negative integers");
      }
    }
    List<Object> values = null;
    if (c.containsKey("values")) {
      values = new ArrayList<>();
      for (Object v : array(c.get("values"), "claims[].values of '" + queryId + "'", MAX_VALUES)) {
        if (!(v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean)) {
          throw bad("claims[].values of '" + queryId + "' are strings, integers or booleans");
        }
        values.add(v instanceof Integer i ? Long.valueOf(i) : v);
      }
    }
    return new ClaimQuery(claimId, path, values);
  }

  private static List<List<String>> idLists(Object json, String what, Set<String> known) throws VesperException {
    List<List<String>> out = new ArrayList<>();
    for (Object option : array(json, what, MAX_SETS)) {
      List<String> ids = new ArrayList<>();
      for (Object o : array(option, what + "[]", MAX_CLAIMS)) {
        String id = id(o, what);
        if (!known.contains(id)) {
          throw bad(what + " names '" + id + "', which is not defined");
        }
        ids.add(id);
      }
      out.add(ids);
    }
    return out;
  }

  private static boolean bool(Map<String, Object> c, String name, boolean dflt, String id) throws VesperException {
    Object v = c.getOrDefault(name, dflt);
    if (!(v instanceof Boolean b)) {
      throw bad(name + " of '" + id + "' must be a boolean");
    }
    return b;
  }

  private static String id(Object v, String what) throws VesperException {
    if (!(v instanceof String s) || !ID.matcher(s).matches()) {
      throw bad(what + " must be 1 to 64 characters of A-Z a-z 0-9 _ -");
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object v, String what) throws VesperException {
    if (!(v instanceof Map<?, ?>)) {
      throw bad(what + " must be a JSON object");
    }
    return (Map<String, Object>) v;
  }

  private static List<Object> array(Object v, String what, int max) throws VesperException {
    if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > max) {
      throw bad(what + " must be a non-empty array of at most " + max);
    }
    return new ArrayList<>(list);
  }

  private static VesperException bad(String message) {
    return new VesperException(ErrorCode.DCQL_INVALID_QUERY, message);
  }
}

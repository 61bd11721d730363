package dev.vesper.issuer.vetting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.ErrorCode;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Base64Url;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.phone.TnAuthList;
import dev.vesper.core.stir.Pem;
import dev.vesper.core.stir.StiPki;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9448 authority tokens built exactly as the RFC's example (RFC 9447 §4 figure, with RFC 9448's
 * {@code TNAuthList}, base64url {@code tkvalue} and {@code "ca":false}): header {@code typ}, {@code alg},
 * {@code x5u} in that order; payload {@code iss}, {@code exp}, {@code jti}, {@code atc} with
 * {@code tktype}, {@code tkvalue}, {@code ca}, {@code fingerprint}; no {@code kid}, no {@code sub}.
 */
class AuthorityTokensTest {
  static final String X5U = RfcAuthorityTokens.X5U;
  static final String ENTITY = "ent_acme";
  static final StiPki AUTHORITY_PKI = StiPki.generate(new SecureRandom(), "Numbering Authority");
  static final TnAuthList NUMBERS = new TnAuthList(List.of(new TnAuthList.One("12025550100"), new TnAuthList.Range("12025550200", 100)));
  static final StiPki.Credential AUTHORITY = AUTHORITY_PKI.issue("authority.example.org", NUMBERS);
  static final SigningKey ACCOUNT = SigningKey.generate(new SecureRandom(), null);

  private final Instant now = Instant.now();
  private final AuthorityTokens tokens = new AuthorityTokens(trusting());

  private static TrustedSources trusting() {
    try {
      return RfcAuthorityTokens.trusting(AUTHORITY_PKI, AUTHORITY);
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void acceptsTheRfcExampleShapeBoundByTheAccountKeyFingerprint() throws Exception {
    String jwt = rfcToken(header("\"x5u\":\"" + X5U + "\""), base64Url(), "\"ca\":false,", fingerprint(ACCOUNT.publicJwk()), null);
    AuthorityTokens.AuthorityToken token = tokens.verify(jwt, ENTITY, ACCOUNT.publicJwk(), now);
    assertThat(token.authority()).isEqualTo("https://authority.example.org/authz");
    assertThat(token.jti()).isEqualTo("id6098364921");
    assertThat(token.numbers()).extracting(NumberEntry::toString).containsExactly("12025550100", "12025550200+100");
  }

  @Test
  void issIsOptionalAndTheSigningCertificateThenNamesTheAuthority() throws Exception {
    String jwt = RfcAuthorityTokens.tokenWithoutIss(header("\"x5u\":\"" + X5U + "\""), base64Url(), "\"ca\":false,",
        fingerprint(ACCOUNT.publicJwk()), null, AUTHORITY.key());
    AuthorityTokens.AuthorityToken token = tokens.verify(jwt, ENTITY, ACCOUNT.publicJwk(), now);
    assertThat(token.authority()).isEqualTo("jwk-thumbprint:" + AUTHORITY.key().publicJwk().thumbprint());
    assertThat(token.numbers()).hasSize(2);
  }

  @Test
  void theFingerprintIsTheRfc7638ThumbprintInUppercaseColonHex() {
    String fp = AccountKeyFingerprint.of(ACCOUNT.publicJwk());
    assertThat(fp).matches("SHA256 [0-9A-F]{2}(:[0-9A-F]{2}){31}");
    String hex = fp.substring(7).replace(":", "");
    assertThat(Base64Url.encode(HexFormat.of().parseHex(hex))).isEqualTo(ACCOUNT.publicJwk().thumbprint());
    assertThat(AccountKeyFingerprint.matches(fp.toLowerCase().replace("sha256", "sha-256"), ACCOUNT.publicJwk())).isTrue();
    assertThat(AccountKeyFingerprint.matches(fp, SigningKey.generate(new SecureRandom(), null).publicJwk())).isFalse();
  }

  @Test
  void acceptsX5cStandardBase64TkvalueAndAnAbsentCa() throws Exception {
    String header = header("\"x5c\":" + Json.write(AUTHORITY.x5c()));
    String padded = Base64.getEncoder().encodeToString(NUMBERS.encode());
    assertThat(tokens.verify(rfcToken(header, padded, "", fingerprint(ACCOUNT.publicJwk()), null), ENTITY, ACCOUNT.publicJwk(), now)
        .numbers()).hasSize(2);
  }

  @Test
  void aSubNamingTheEntityStillBindsWhenNoAccountKeyIsRegistered() throws Exception {
    String withSub = rfcToken(header("\"x5u\":\"" + X5U + "\""), base64Url(), "\"ca\":false,", fingerprint(ACCOUNT.publicJwk()), ENTITY);
    assertThat(tokens.verify(withSub, ENTITY, null, now).numbers()).hasSize(2);
    String withoutSub = rfcToken(header("\"x5u\":\"" + X5U + "\""), base64Url(), "\"ca\":false,", fingerprint(ACCOUNT.publicJwk()), null);
    assertThat(code(withoutSub, null)).isEqualTo(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
  }

  @Test
  void refusesTokensNotBoundToThisEntity() {
    PublicJwk other = SigningKey.generate(new SecureRandom(), null).publicJwk();
    String x5u = header("\"x5u\":\"" + X5U + "\"");
    assertThat(code(rfcToken(x5u, base64Url(), "\"ca\":false,", fingerprint(other), null), ACCOUNT.publicJwk()))
        .as("another account's fingerprint").isEqualTo(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
    assertThat(code(rfcToken(x5u, base64Url(), "\"ca\":false,", null, ENTITY), ACCOUNT.publicJwk()))
        .as("no fingerprint once an account key is registered, even with sub").isEqualTo(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
    assertThat(code(rfcToken(x5u, base64Url(), "\"ca\":false,", fingerprint(ACCOUNT.publicJwk()), "ent_other"), ACCOUNT.publicJwk()))
        .as("sub naming another entity").isEqualTo(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
    assertThat(code(rfcToken(x5u, base64Url(), "\"ca\":false,", "\"SHA1 56:3E\"", null), ACCOUNT.publicJwk()))
        .as("a malformed fingerprint").isEqualTo(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
    assertThat(code(rfcToken(x5u, base64Url(), "\"ca\":true,", fingerprint(ACCOUNT.publicJwk()), null), ACCOUNT.publicJwk()))
        .as("ca true").isEqualTo(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
  }

  @Test
  void refusesCertificatesAndUrlsTheIssuerDoesNotTrust() {
    String fp = fingerprint(ACCOUNT.publicJwk());
    StiPki.Credential stranger = StiPki.generate(new SecureRandom(), "Stranger").issue("authority.example.org", NUMBERS);
    String strangerJwt = rfcToken(header("\"x5c\":" + Json.write(stranger.x5c())), base64Url(), "\"ca\":false,", fp, null, stranger.key());
    assertThat(code(strangerJwt, ACCOUNT.publicJwk())).as("x5c under another root").isEqualTo(ErrorCode.VETTING_UNTRUSTED_SOURCE);
    String offList = rfcToken(header("\"x5u\":\"https://evil.example/cert\""), base64Url(), "\"ca\":false,", fp, null);
    assertThat(code(offList, ACCOUNT.publicJwk())).as("x5u off the allow-list").isEqualTo(ErrorCode.VETTING_UNTRUSTED_SOURCE);
    String rfc = rfcToken(header("\"x5u\":\"" + X5U + "\""), base64Url(), "\"ca\":false,", fp, null);
    AuthorityTokens noFetcher = new AuthorityTokens(roots(AUTHORITY_PKI));
    assertThat(code(noFetcher, rfc, ACCOUNT.publicJwk())).as("x5u without a fetcher").isEqualTo(ErrorCode.VETTING_UNTRUSTED_SOURCE);
    String forged = rfcToken(header("\"x5u\":\"" + X5U + "\""), base64Url(), "\"ca\":false,", fp, null, stranger.key());
    assertThat(code(forged, ACCOUNT.publicJwk())).as("signed by a key the certificate does not certify")
        .isEqualTo(ErrorCode.VETTING_AUTHORITY_TOKEN_INVALID);
  }

  static String header(String certificateMember) {
    return RfcAuthorityTokens.header(certificateMember);
  }

  static String base64Url() {
    return Base64Url.encode(NUMBERS.encode());
  }

  static String fingerprint(PublicJwk key) {
    return RfcAuthorityTokens.fingerprint(key);
  }

  static String rfcToken(String header, String tkvalue, String ca, String fingerprint, String sub) {
    return RfcAuthorityTokens.token(header, tkvalue, ca, fingerprint, sub, AUTHORITY.key());
  }

  static String rfcToken(String header, String tkvalue, String ca, String fingerprint, String sub, SigningKey signer) {
    return RfcAuthorityTokens.token(header, tkvalue, ca, fingerprint, sub, signer);
  }

  static TrustedSources roots(StiPki pki) {
    try {
      return TrustedSources.parse(List.of(Pem.encode(Pem.x5c(List.of(pki.root())))));
    } catch (VesperException e) {
      throw new IllegalStateException(e);
    }
  }

  private ErrorCode code(String jwt, PublicJwk accountKey) {
    return code(tokens, jwt, accountKey);
  }

  private ErrorCode code(AuthorityTokens verifier, String jwt, PublicJwk accountKey) {
    try {
      verifier.verify(jwt, ENTITY, accountKey, now);
      throw new AssertionError("accepted");
    } catch (VesperException e) {
      return e.code();
    }
  }
}

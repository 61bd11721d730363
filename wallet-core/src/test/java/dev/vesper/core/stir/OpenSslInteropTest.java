package dev.vesper.core.stir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.jose.CompactJws;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.core.phone.TnAuthList;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STI certificates and ES256 signatures against OpenSSL, an implementation nobody here wrote, both
 * ways: OpenSSL validates the chains our PKI issues (end entity and RFC 9060 delegate) and sees the
 * TNAuthList extension with our DER; our validator accepts a chain OpenSSL built around our TNAuthList
 * DER and reads the numbers back; signatures cross in both directions. A missing openssl fails.
 */
class OpenSslInteropTest {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final TnAuthList ACME =
      new TnAuthList(List.of(new TnAuthList.One("12025550100"), new TnAuthList.Range("12025550200", 100), new TnAuthList.Spc("1234")));

  @TempDir Path dir;

  @Test
  void openSslValidatesOurChainsAndSeesOurTnAuthList() throws Exception {
    StiPki pki = StiPki.generate(new SecureRandom(), "Vesper Test");
    StiPki.Credential acme = pki.issue("Acme", ACME);
    Path root = write("root.pem", List.of(pki.root()));
    Path chain = write("intermediates.pem", acme.chain().subList(1, acme.chain().size()));
    Path leaf = write("leaf.pem", acme.chain().subList(0, 1));
    assertThat(openssl("verify", "-x509_strict", "-purpose", "any", "-CAfile", root.toString(), "-untrusted", chain.toString(), leaf.toString()))
        .contains(leaf + ": OK");
    // asn1parse lists the extension's OID, then its OCTET STRING as a hex dump: exactly our DER.
    List<String> lines = openssl("asn1parse", "-in", leaf.toString()).lines().toList();
    int oid = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("OBJECT") && lines.get(i).contains("1.3.6.1.5.5.7.1.26")) {
        oid = i;
      }
    }
    assertThat(oid).as("OpenSSL finds the TNAuthList extension").isPositive();
    assertThat(lines.get(oid + 1)).contains("OCTET STRING").contains("[HEX DUMP]:" + HexFormat.of().withUpperCase().formatHex(ACME.encode()));

    // OpenSSL's own DER decoder reads the TNAuthList (RFC 8226 §9: explicit [0] SPC, [1] range, [2] one).
    Files.write(dir.resolve("tnauth.der"), ACME.encode());
    String decoded = openssl("asn1parse", "-inform", "DER", "-in", p("tnauth.der"), "-i").replaceAll(" +", " ");
    assertThat(decoded)
        .containsSubsequence("cont [ 2 ]", "IA5STRING :12025550100", "cont [ 1 ]", "SEQUENCE", "IA5STRING :12025550200",
            "INTEGER :64", "cont [ 0 ]", "IA5STRING :1234");

    StiPki.Credential delegating = pki.issueDelegatingCa("Acme delegating CA", ACME);
    StiPki.Credential delegate = pki.delegate(delegating, "Acme agent", new TnAuthList(List.of(new TnAuthList.One("12025550250"))));
    Path delegateLeaf = write("delegate.pem", delegate.chain().subList(0, 1));
    Path delegateChain = write("delegate-chain.pem", delegate.chain().subList(1, delegate.chain().size()));
    assertThat(openssl("verify", "-x509_strict", "-purpose", "any", "-CAfile", root.toString(), "-untrusted", delegateChain.toString(), delegateLeaf.toString()))
        .contains(": OK");
  }

  @Test
  void weValidateAChainOpenSslBuiltAroundOurTnAuthList() throws Exception {
    Path cfg = dir.resolve("openssl.cnf");
    Files.writeString(cfg, String.join("\n",
        "[req]", "distinguished_name = dn", "[dn]",
        "[root]", "basicConstraints = critical,CA:TRUE", "keyUsage = critical,keyCertSign,cRLSign",
        "subjectKeyIdentifier = hash",
        "[leaf]", "basicConstraints = critical,CA:FALSE", "keyUsage = critical,digitalSignature",
        "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid",
        "1.3.6.1.5.5.7.1.26 = DER:" + HexFormat.of().formatHex(ACME.encode()), ""));
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", p("root.key"));
    openssl("req", "-new", "-x509", "-key", p("root.key"), "-subj", "/CN=OpenSSL STI Root", "-days", "30",
        "-config", cfg.toString(), "-extensions", "root", "-out", p("root.pem"));
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", p("leaf.key"));
    openssl("req", "-new", "-key", p("leaf.key"), "-subj", "/CN=OpenSSL Carrier", "-config", cfg.toString(), "-out", p("leaf.csr"));
    openssl("x509", "-req", "-in", p("leaf.csr"), "-CA", p("root.pem"), "-CAkey", p("root.key"), "-set_serial", "7",
        "-days", "30", "-sha256", "-extfile", cfg.toString(), "-extensions", "leaf", "-out", p("leaf.pem"));

    X509Certificate rootCert = Pem.certificates(Files.readString(dir.resolve("root.pem"))).get(0);
    X509Certificate leafCert = Pem.certificates(Files.readString(dir.resolve("leaf.pem"))).get(0);
    StiCredentials credentials = StiCredentials.trusting(List.of(rootCert), SpcDirectory.none());
    StiCredentials.Signer signer = credentials.verify(Pem.x5c(List.of(leafCert)), Instant.now());
    assertThat(signer.numbers()).isEqualTo(ACME);
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("12025550299"))).isTrue();
    assertThat(credentials.covers(signer.numbers(), new TelephoneNumber("12025550300"))).isFalse();

    // OpenSSL signs a PASSporT-shaped signing input with the certificate's key; we verify it (DER → R‖S).
    byte[] signingInput = "eyJhbGciOiJFUzI1NiJ9.eyJvcmlnIjp7fX0".getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve("input"), signingInput);
    openssl("dgst", "-sha256", "-sign", p("leaf.key"), "-out", p("input.sig"), p("input"));
    byte[] p1363 = derToP1363(Files.readAllBytes(dir.resolve("input.sig")));
    assertThat(signer.key().verify(signingInput, p1363)).isTrue();
    p1363[10] ^= 1;
    assertThat(signer.key().verify(signingInput, p1363)).isFalse();
  }

  @Test
  void openSslVerifiesWhatWeSign() throws Exception {
    StiPki pki = StiPki.generate(new SecureRandom(), "Vesper Test");
    StiPki.Credential acme = pki.issue("Acme", ACME);
    String passport = Passport.sign(Map.of("alg", "ES256", "typ", "passport", "ppt", "shaken", "x5u", "https://cert.example/acme.pem"),
        Map.of("attest", "A", "dest", Map.of("tn", List.of("14155550123")), "iat", 1_700_000_000L,
            "orig", Map.of("tn", "12025550100"), "origid", "123e4567-e89b-12d3-a456-426655440000"), acme.key());
    CompactJws jws = CompactJws.parse(passport, "PASSporT");
    Files.write(dir.resolve("input"), jws.signingInput());
    Files.write(dir.resolve("input.sig"), p1363ToDer(jws.signature()));
    Files.writeString(dir.resolve("leaf.pem"), Pem.encode(acme.x5c().subList(0, 1)));
    openssl("x509", "-in", p("leaf.pem"), "-noout", "-pubkey", "-out", p("leaf.pub"));
    assertThat(openssl("dgst", "-sha256", "-verify", p("leaf.pub"), "-signature", p("input.sig"), p("input"))).contains("Verified OK");
    SigningKey other = SigningKey.generate(new SecureRandom(), null);
    Files.write(dir.resolve("input.sig"), p1363ToDer(other.sign(jws.signingInput())));
    assertThat(opensslStatus("dgst", "-sha256", "-verify", p("leaf.pub"), "-signature", p("input.sig"), p("input"))).isNotZero();
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private Path write(String name, List<X509Certificate> certificates) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, Pem.encode(Pem.x5c(certificates)));
    return path;
  }

  private static byte[] derToP1363(byte[] der) {
    ASN1Sequence seq = ASN1Sequence.getInstance(der);
    byte[] out = new byte[64];
    for (int i = 0; i < 2; i++) {
      byte[] v = ASN1Integer.getInstance(seq.getObjectAt(i)).getValue().toByteArray();
      byte[] fixed = v.length > 32 ? Arrays.copyOfRange(v, v.length - 32, v.length) : v;
      System.arraycopy(fixed, 0, out, i * 32 + 32 - fixed.length, fixed.length);
    }
    return out;
  }

  private static byte[] p1363ToDer(byte[] p1363) throws Exception {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(p1363, 0, 32))));
    v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(p1363, 32, 64))));
    return new DERSequence(v).getEncoded();
  }

  private String openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + "\n" + text).isZero();
    return text;
  }

  private int opensslStatus(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().transferTo(new ByteArrayOutputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}

package dev.vesper.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.vesper.core.crypto.CryptoProvider;
import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The primitives under every token operation, per provider: ES256 sign and verify through the
 * provider {@link CryptoProvider} chose (run once with {@code -jvmArgsAppend -Dvesper.crypto=bc} and
 * once with {@code accp}), and SHA-256 and AES-256-GCM through the JDK and through ACCP side by side,
 * which is how the project decided which provider serves those (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CryptoBenchmarks {
  /** SHA-256 inputs: a disclosure (~60 B), a KB-JWT signing input (~250 B), an issuer JWT (~1.5 KB). */
  @Param({"64", "256", "1536"})
  public int bytes;

  private SigningKey key;
  private PublicJwk publicKey;
  private byte[] signingInput;
  private byte[] signature;
  private byte[] data;
  private MessageDigest jdkSha;
  private MessageDigest accpSha;
  private Cipher jdkGcm;
  private Cipher accpGcm;
  private SecretKeySpec aesKey;
  private byte[] nonce;

  @Setup
  public void setUp() throws Exception {
    System.err.println("crypto provider: " + CryptoProvider.describeInUse());
    SecureRandom random = new SecureRandom();
    key = SigningKey.generate(random, "bench");
    publicKey = key.publicJwk();
    signingInput = new byte[250];
    random.nextBytes(signingInput);
    signature = key.sign(signingInput);
    data = new byte[bytes];
    random.nextBytes(data);
    Provider accp = AmazonCorrettoCryptoProvider.INSTANCE;
    jdkSha = MessageDigest.getInstance("SHA-256");
    accpSha = MessageDigest.getInstance("SHA-256", accp);
    jdkGcm = Cipher.getInstance("AES/GCM/NoPadding");
    accpGcm = Cipher.getInstance("AES/GCM/NoPadding", accp);
    byte[] k = new byte[32];
    random.nextBytes(k);
    aesKey = new SecretKeySpec(k, "AES");
    nonce = new byte[12];
  }

  @Benchmark
  public byte[] es256Sign() {
    return key.sign(signingInput);
  }

  @Benchmark
  public boolean es256Verify() {
    return publicKey.verify(signingInput, signature);
  }

  @Benchmark
  public byte[] sha256Jdk() {
    return jdkSha.digest(data);
  }

  @Benchmark
  public byte[] sha256Accp() {
    return accpSha.digest(data);
  }

  @Benchmark
  public byte[] aesGcmSealJdk() throws Exception {
    return seal(jdkGcm);
  }

  @Benchmark
  public byte[] aesGcmSealAccp() throws Exception {
    return seal(accpGcm);
  }

  private byte[] seal(Cipher cipher) throws Exception {
    nonce[0]++; // GCM refuses a key+nonce pair twice; any fresh nonce will do for timing
    nonce[1] += nonce[0] == 0 ? 1 : 0;
    cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce.clone()));
    cipher.updateAAD(nonce);
    return cipher.doFinal(data);
  }
}

package dev.vesper.server.sip;

import gov.nist.core.net.SecurityManagerProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * The JAIN-SIP stack properties of our SIP faces, in one place: threading and socket buffers (see
 * docs/benchmarks.md for why these values), message size limits, and TLS (protocols, suites, client
 * authentication, handshake timeout). JAIN-SIP reads key material only through a class it instantiates by
 * name, so {@link TlsKeys} finds this stack's {@link SipTls} by stack name while the stack starts.
 */
final class SipStackTuning {
  private static final Map<String, SipTls> STARTING = new ConcurrentHashMap<>();

  private SipStackTuning() {}

  static Properties properties(String stackName) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", stackName);
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    // Eight workers: on 2 cores most are idle, but a call whose verification waits on a fetch (x5u, a
    // presentation by reference, the CPS; at most 2 s) must not hold up the others.
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
    // JAIN-SIP otherwise shrinks the UDP receive buffer to 64 KiB: a dozen inline INVITEs (5 KB each),
    // so a GC pause at 1,000 calls/s drops datagrams and the caller's 500 ms retransmission lands in p99.
    // 1 MiB (the kernel caps it at net.core.rmem_max) rides out ~200 ms of inline INVITEs (a second of
    // by-reference ones) without turning an overload into seconds of queueing.
    p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(1024 * 1024));
    p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(1024 * 1024));
    // Transaction timers on a ScheduledThreadPoolExecutor (cancelled timers are purged) rather than one
    // java.util.Timer thread.
    p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    // NIO for TCP and TLS: one selector instead of a thread per connection, and the only processor that
    // takes TLS key material from a SecurityManagerProvider (OIO reads keystore files).
    p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", "gov.nist.javax.sip.stack.NioMessageProcessorFactory");
    // TCP and TLS: a peer cannot make us buffer more than this for one message (the parser drops the connection).
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(SipRedirectServer.MAX_MESSAGE_BYTES));
    // An INVITE server transaction whose answer went out of band (over TCP for a UDP request) ends within
    // Timer H (64*T1 = 32 s) plus margin, instead of living forever.
    p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_INVITE", "40");
    p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE", "40");
    return p;
  }

  /** Adds TLS: TLS 1.3/1.2, AEAD suites, client certificates required when {@code tls} has roots, 5 s handshakes. */
  static void tls(Properties p, SipTls tls) {
    STARTING.put(p.getProperty("javax.sip.STACK_NAME"), tls);
    p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", TlsKeys.class.getName());
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", SipTls.PROTOCOLS);
    p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", SipTls.CIPHER_SUITES);
    // Enabled: the handshake needs a client certificate that validates; Disabled: none is asked for.
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", tls.mutual() ? "Enabled" : "Disabled");
    p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "5000");
    p.setProperty("gov.nist.javax.sip.SSL_RENEGOTIATION_ENABLED", "false");
  }

  static void forget(String stackName) {
    STARTING.remove(stackName);
  }

  /**
   * JAIN-SIP's hook for TLS key material: instantiated by the stack while it starts; serves the
   * {@link SipTls} registered under the stack's name. Public only because JAIN-SIP creates it reflectively.
   */
  public static final class TlsKeys implements SecurityManagerProvider {
    private SipTls tls;

    public TlsKeys() {}

    @Override
    public void init(Properties properties) throws GeneralSecurityException, IOException {
      tls = STARTING.get(properties.getProperty("javax.sip.STACK_NAME"));
      if (tls == null) {
        throw new GeneralSecurityException("no TLS key material registered for this SIP stack");
      }
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
      try {
        return tls.keyManagers();
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("unusable TLS key material: " + e.getMessage(), e);
      }
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
      try {
        return tls.trustManagers();
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("unusable TLS client roots: " + e.getMessage(), e);
      }
    }
  }
}

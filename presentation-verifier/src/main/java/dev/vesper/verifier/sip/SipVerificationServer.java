package dev.vesper.verifier.sip;

import dev.vesper.core.error.VesperException;
import dev.vesper.core.phone.TelephoneNumber;
import dev.vesper.verifier.stir.StirResult;
import dev.vesper.verifier.stir.StirVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STI-VS as a SIP redirect server (JAIN-SIP, UDP and TCP): an INVITE is verified ({@link
 * StirVerifier}) and answered {@code 302 Moved Temporarily} with the verdict, so the terminating
 * network's proxy continues the call with it: the {@code Contact} names the caller with the
 * {@code verstat} parameter (RFC 8224 §6.2.2 / ATIS practice); a failure adds
 * {@code Reason: SIP ;cause=<428|436|437|438|403> ;text="…"} (RFC 9410 style) and
 * {@code X-Vesper-Error: <stable id>}; a verified VESPER caller adds {@code X-Vesper-Name} (the RCD
 * {@code nam}). OPTIONS gets 200; other requests 405. The caller is the P-Asserted-Identity, else the
 * From; the callee is the Request-URI. JAIN-SIP types stay in this class.
 */
public final class SipVerificationServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SipVerificationServer.class);
  private static final AtomicInteger STACKS = new AtomicInteger();

  private final SipStack stack;
  private final int port;

  private SipVerificationServer(SipStack stack, int port) {
    this.stack = stack;
    this.port = port;
  }

  /** Listens on {@code host:port} (UDP and TCP); port 0 is not supported by SIP stacks here, so pick one. */
  public static SipVerificationServer start(String host, int port, StirVerifier verifier) {
    try {
      SipFactory factory = SipFactory.getInstance();
      factory.setPathName("gov.nist");
      Properties p = new Properties();
      p.setProperty("javax.sip.STACK_NAME", "vesper-sti-vs-" + STACKS.incrementAndGet());
      p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
      p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
      p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
      p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
      p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
      SipStack stack = factory.createSipStack(p);
      MessageFactory messages = factory.createMessageFactory();
      HeaderFactory headers = factory.createHeaderFactory();
      AddressFactory addresses = factory.createAddressFactory();
      ListeningPoint udp = stack.createListeningPoint(host, port, ListeningPoint.UDP);
      ListeningPoint tcp = stack.createListeningPoint(host, port, ListeningPoint.TCP);
      SipProvider provider = stack.createSipProvider(udp);
      provider.addListeningPoint(tcp);
      provider.addSipListener(new Listener(provider, messages, headers, addresses, verifier, host));
      LOG.info("STI-VS SIP redirect server on {}:{} (udp, tcp)", host, port);
      return new SipVerificationServer(stack, port);
    } catch (SipException | java.util.TooManyListenersException | javax.sip.InvalidArgumentException e) {
      throw new IllegalStateException("cannot start the SIP server on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    stack.stop();
  }

  private static final class Listener implements SipListener {
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final StirVerifier verifier;
    private final String host;

    Listener(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses, StirVerifier verifier, String host) {
      this.provider = provider;
      this.messages = messages;
      this.headers = headers;
      this.addresses = addresses;
      this.verifier = verifier;
      this.host = host;
    }

    @Override
    public void processRequest(RequestEvent event) {
      Request request = event.getRequest();
      String method = request.getMethod();
      if (Request.ACK.equals(method)) {
        return; // the ACK of our 302 ends the INVITE transaction; the stack absorbs it
      }
      try {
        ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction() : provider.getNewServerTransaction(request);
        switch (method) {
          case Request.INVITE -> tx.sendResponse(redirect(request));
          case Request.OPTIONS -> tx.sendResponse(messages.createResponse(Response.OK, request));
          case Request.CANCEL -> tx.sendResponse(messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
          default -> tx.sendResponse(messages.createResponse(Response.METHOD_NOT_ALLOWED, request));
        }
      } catch (Exception e) {
        LOG.warn("cannot answer a {}: {}", method, e.toString());
      }
    }

    private Response redirect(Request request) throws Exception {
      TelephoneNumber from;
      TelephoneNumber to;
      try {
        from = number(callerUri(request));
        to = number(request.getRequestURI().toString());
      } catch (VesperException e) {
        Response bad = messages.createResponse(Response.BAD_REQUEST, request);
        bad.setReasonPhrase("Caller or callee is not a telephone number");
        return bad;
      }
      List<String> identities = new ArrayList<>();
      ListIterator<?> it = request.getHeaders("Identity");
      while (it != null && it.hasNext()) {
        String h = ((Header) it.next()).toString();
        identities.add(h.substring(h.indexOf(':') + 1).strip());
      }
      StirResult result = verifier.verify(identities, from, List.of(to));
      Response response = messages.createResponse(Response.MOVED_TEMPORARILY, request);
      SipURI contact = addresses.createSipURI("+" + from.digits() + ";verstat=" + result.verstat(), host);
      contact.setParameter("user", "phone");
      response.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
      if (!result.passed()) {
        Map<String, Object> json = result.toJson();
        response.addHeader(headers.createHeader("Reason",
            "SIP ;cause=" + result.reasonCode() + " ;text=\"" + json.get("reasontext") + "\""));
        response.addHeader(headers.createHeader("X-Vesper-Error", result.cause().orElse(result.error().orElse("unknown"))));
      }
      result.vesper().ifPresent(v -> {
        if (v.get("rcd") instanceof Map<?, ?> rcd && rcd.get("nam") instanceof String nam) {
          try {
            response.addHeader(headers.createHeader("X-Vesper-Name", "\"" + nam.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
          } catch (java.text.ParseException e) {
            LOG.debug("name not representable in a header: {}", e.getMessage());
          }
        }
      });
      return response;
    }

    private static String callerUri(Request request) {
      Header pai = request.getHeader("P-Asserted-Identity");
      if (pai != null) {
        String v = pai.toString();
        v = v.substring(v.indexOf(':') + 1).strip();
        int lt = v.indexOf('<');
        int gt = v.indexOf('>');
        return lt >= 0 && gt > lt ? v.substring(lt + 1, gt) : v;
      }
      return ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
    }

    private static TelephoneNumber number(String uri) throws VesperException {
      return TelephoneNumber.parse(uri);
    }

    @Override
    public void processResponse(javax.sip.ResponseEvent event) { }

    @Override
    public void processTimeout(javax.sip.TimeoutEvent event) { }

    @Override
    public void processIOException(javax.sip.IOExceptionEvent event) { }

    @Override
    public void processTransactionTerminated(javax.sip.TransactionTerminatedEvent event) { }

    @Override
    public void processDialogTerminated(javax.sip.DialogTerminatedEvent event) { }
  }
}

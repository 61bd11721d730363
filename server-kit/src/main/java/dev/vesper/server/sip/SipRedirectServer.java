package dev.vesper.server.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIP redirect server (JAIN-SIP; UDP, TCP and optionally TLS) for the services that answer calls in SIP: each INVITE
 * goes to a {@link Handler} as a plain {@link Invite} and its {@link Answer} (typically 302 with a
 * Contact and extra headers) goes back; OPTIONS gets 200, CANCEL 481, other methods 405, ACK is
 * absorbed. Every final response carries a To tag (RFC 3261 §8.2.6.2: a UAS adds one when the request's
 * To has none), one per transaction, so the caller's ACK and any retransmission match it. JAIN-SIP types
 * never leave this package. A response too large for UDP goes over TCP ({@link LargeResponses}).
 */
public final class SipRedirectServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SipRedirectServer.class);
  private static final AtomicInteger STACKS = new AtomicInteger();

  /**
   * An INVITE as the handler sees it: header values verbatim, read on demand (a handler that needs three
   * headers does not pay for encoding all of them, a 4 KB Identity header among them).
   */
  public static final class Invite {
    private final String requestUri;
    private final String fromUri;
    private final Function<String, List<String>> headers;

    public Invite(String requestUri, String fromUri, Function<String, List<String>> headers) {
      this.requestUri = requestUri;
      this.fromUri = fromUri;
      this.headers = headers;
    }

    public String requestUri() {
      return requestUri;
    }

    public String fromUri() {
      return fromUri;
    }

    /** Every value of header {@code name} (case-insensitive), in order. */
    public List<String> all(String name) {
      return headers.apply(name);
    }

    /** The caller: the P-Asserted-Identity's URI when there is one, else the From's. */
    public String callerUri() {
      String pai = first("P-Asserted-Identity");
      if (pai == null) {
        return fromUri;
      }
      int lt = pai.indexOf('<');
      int gt = pai.indexOf('>');
      return lt >= 0 && gt > lt ? pai.substring(lt + 1, gt) : pai;
    }

    /** The first value of header {@code name}, or null. */
    public String first(String name) {
      List<String> v = all(name);
      return v.isEmpty() ? null : v.get(0);
    }
  }

  /** The response: status, reason phrase, an optional Contact URI with an optional display name, extra headers in order. */
  public record Answer(int status, String reason, String contactUri, String contactName, List<Map.Entry<String, String>> headers) {
    public Answer {
      headers = List.copyOf(headers);
    }

    /** An answer whose Contact, if any, has no display name. */
    public Answer(int status, String reason, String contactUri, List<Map.Entry<String, String>> headers) {
      this(status, reason, contactUri, null, headers);
    }
  }

  /** Answers an INVITE; runs on the SIP stack's threads. Should not throw: if it does, the INVITE gets 500. */
  @FunctionalInterface
  public interface Handler {
    Answer invite(Invite invite);
  }

  /** The largest SIP message accepted on any transport: an Identity header of the largest PASSporT and the rest. */
  public static final int MAX_MESSAGE_BYTES = 96 * 1024;

  private final SipStack stack;
  private final int port;
  private final int tlsPort;

  private SipRedirectServer(SipStack stack, int port, int tlsPort) {
    this.stack = stack;
    this.port = port;
    this.tlsPort = tlsPort;
  }

  /** Listens on {@code host:port}, UDP and TCP. */
  public static SipRedirectServer start(String name, String host, int port, Handler handler) {
    return start(name, host, port, null, handler);
  }

  /**
   * Listens on {@code host:port}, UDP and TCP, and with {@code tls} also on TLS at {@code tls.port()}
   * ({@code sips:}, RFC 3261 §26.2). Messages above {@link #MAX_MESSAGE_BYTES} are refused by the transport.
   */
  public static SipRedirectServer start(String name, String host, int port, TlsListener tls, Handler handler) {
    Objects.requireNonNull(handler, "handler == null");
    String stackName = "vesper-" + name + "-" + STACKS.incrementAndGet();
    try {
      SipFactory factory = SipFactory.getInstance();
      factory.setPathName("gov.nist");
      Properties p = SipStackTuning.properties(stackName);
      if (tls != null) {
        SipStackTuning.tls(p, tls.settings());
      }
      SipStack stack = factory.createSipStack(p);
      SipProvider provider = stack.createSipProvider(stack.createListeningPoint(host, port, ListeningPoint.UDP));
      provider.addListeningPoint(stack.createListeningPoint(host, port, ListeningPoint.TCP));
      int tlsPort = 0;
      if (tls != null) {
        ListeningPoint lp = stack.createListeningPoint(host, tls.port(), ListeningPoint.TLS);
        provider.addListeningPoint(lp);
        tlsPort = lp.getPort();
      }
      provider.addSipListener(new Listener(provider, factory.createMessageFactory(), factory.createHeaderFactory(),
          factory.createAddressFactory(), handler));
      LOG.info("{} SIP redirect server on {}:{} (udp, tcp){}", name, host, port,
          tls == null ? "" : ", tls on " + tlsPort + (tls.settings().mutual() ? " (client certificates required)" : ""));
      return new SipRedirectServer(stack, port, tlsPort);
    } catch (SipException | TooManyListenersException | InvalidArgumentException e) {
      throw new IllegalStateException("cannot start the SIP server on " + host + ":" + port + ": " + e.getMessage(), e);
    } finally {
      SipStackTuning.forget(stackName);
    }
  }

  /** A TLS listening port and its key material. */
  public record TlsListener(int port, SipTls settings) {
    public TlsListener {
      Objects.requireNonNull(settings, "settings == null");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("the TLS port must be 0..65535");
      }
    }
  }

  public int port() {
    return port;
  }

  /** The TLS port, or 0 when the server does not listen on TLS. */
  public int tlsPort() {
    return tlsPort;
  }

  @Override
  public void close() {
    stack.stop();
  }

  private record Listener(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses, Handler handler)
      implements SipListener {
    @Override
    public void processRequest(RequestEvent event) {
      Request request = event.getRequest();
      String method = request.getMethod();
      if (Request.ACK.equals(method)) {
        return; // the ACK of a non-2xx final response ends the INVITE transaction; the stack absorbs it
      }
      try {
        ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction() : provider.getNewServerTransaction(request);
        Response response = switch (method) {
          case Request.INVITE -> finalAnswer(request);
          case Request.OPTIONS -> messages.createResponse(Response.OK, request);
          case Request.CANCEL -> messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request);
          default -> messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
        };
        Response tagged = tagged(response);
        if (!LargeResponses.overTcp(request, tagged)) {
          tx.sendResponse(tagged);
        }
      } catch (Exception e) {
        LOG.warn("cannot answer a {}: {}", method, e.toString());
      }
    }

    /** RFC 3261 §8.2.6.2: a final response's To gets a tag when the request's had none. */
    private static Response tagged(Response response) throws ParseException {
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (response.getStatusCode() >= 200 && to != null && to.getTag() == null) {
        // RFC 3261 §19.3: globally unique, at least 32 random bits; not a secret.
        to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
      }
      return response;
    }

    /**
     * The handler's answer, or 500 when the handler or the response it asks for fails: an INVITE never
     * stays at 100 Trying (issue 11 §6).
     */
    private Response finalAnswer(Request request) throws ParseException {
      try {
        return answer(request);
      } catch (Exception e) {
        LOG.warn("an INVITE could not be answered as the handler asked, answering 500: {}", e.toString());
        return messages.createResponse(Response.SERVER_INTERNAL_ERROR, request);
      }
    }

    private Response answer(Request request) throws Exception {
      Function<String, List<String>> values = name -> {
        List<String> list = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(name);
        while (it != null && it.hasNext()) {
          Object h = it.next();
          String v = h instanceof ExtensionHeader ext ? ext.getValue() : null;
          if (v == null) {
            String text = h.toString();
            v = text.substring(text.indexOf(':') + 1);
          }
          list.add(v.strip());
        }
        return list;
      };
      String from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
      Answer a = handler.invite(new Invite(request.getRequestURI().toString(), from, values));
      Response response = messages.createResponse(a.status(), request);
      if (a.reason() != null) {
        response.setReasonPhrase(a.reason());
      }
      if (a.contactUri() != null) {
        Address contact = addresses.createAddress(addresses.createURI(a.contactUri()));
        if (a.contactName() != null) {
          contact.setDisplayName(a.contactName());
        }
        response.addHeader(headers.createContactHeader(contact));
      }
      for (Map.Entry<String, String> h : a.headers()) {
        response.addHeader(headers.createHeader(h.getKey(), h.getValue()));
      }
      return response;
    }

    @Override
    public void processResponse(ResponseEvent event) { }

    @Override
    public void processTimeout(TimeoutEvent event) { }

    @Override
    public void processIOException(IOExceptionEvent event) { }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) { }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) { }
  }
}

/**
 * The SIP redirect server (JAIN-SIP, UDP and TCP) behind the services that answer calls in SIP, the STI-AS and
 * the STI-VS: each INVITE reaches a handler as a plain {@link dev.vesper.server.sip.SipRedirectServer.Invite} and
 * is answered with a redirect or a refusal.
 */
package dev.vesper.server.sip;

/**
 * The holder service (wallet): many tenants, their keys and tokens, disclosure policies, grants and per-call
 * presentations; STI-AS over REST and SIP; the portal. {@link dev.vesper.holder.HolderServer} wires a validated
 * {@link dev.vesper.holder.HolderConfig} into store, services and routes.
 *
 * <pre>{@code
 * try (HolderServer holder = HolderServer.start(config)) {
 *   // POST /v1/tokens, POST /v1/presentations/call, GET /portal/
 * }
 * }</pre>
 */
package dev.vesper.holder;

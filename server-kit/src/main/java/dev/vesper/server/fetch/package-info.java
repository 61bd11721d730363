/**
 * The one way a Vesper service fetches what a token, PASSporT or configuration points at (x5u chains, status
 * lists, issuer metadata): {@link dev.vesper.server.fetch.OutboundFetcher} checks each URL and redirect hop
 * against its {@link dev.vesper.server.fetch.FetchRules} (origins, public addresses only, size, time, media type)
 * before it connects, through an injected {@link dev.vesper.server.fetch.Resolver}
 * (docs/security-and-privacy.md §4).
 *
 * <pre>{@code
 * OutboundFetcher fetcher = OutboundFetcher.create(Resolver.system(), Clock.systemUTC());
 * Fetched list = fetcher.fetch(uri, rules);
 * }</pre>
 */
package dev.vesper.server.fetch;

/**
 * What every Vesper server shares, below the HTTP layer: start-up checks of configuration ({@link
 * dev.vesper.server.ServerChecks}). The subpackages hold the HTTP server ({@code http}), storage and secrets at
 * rest ({@code store}), the hardened outbound fetcher ({@code fetch}), the SIP redirect face ({@code sip}) and
 * QR codes for pages ({@code qr}).
 */
package dev.vesper.server;

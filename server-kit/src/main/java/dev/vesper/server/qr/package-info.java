/**
 * QR codes (ISO/IEC 18004) drawn as SVG, so a page can show a link a phone scans without loading anything from
 * elsewhere.
 *
 * <pre>{@code
 * String svg = QrCode.encode("openid4vp://?client_id=...").toSvg(4);
 * }</pre>
 */
package dev.vesper.server.qr;

/**
 * The issuer's rules, free of HTTP: entities and their vetting ({@link dev.vesper.issuer.service.Entities}, {@link
 * dev.vesper.issuer.service.KycState}), right to use ({@link dev.vesper.issuer.service.RightToUse}), key-bound
 * issuance ({@link dev.vesper.issuer.service.Issuance}), token status ({@link dev.vesper.issuer.service.Tokens},
 * with log {@link dev.vesper.core.log.entry.Reason}s), status lists, the log outbox, and OpenID4VCI. Only the
 * authentication code here creates a {@link dev.vesper.issuer.service.Caller}.
 */
package dev.vesper.issuer.service;

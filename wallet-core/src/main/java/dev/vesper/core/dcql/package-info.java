/**
 * The Digital Credentials Query Language of OpenID4VP 1.0 (§6, §7): {@link dev.vesper.core.dcql.DcqlQuery}
 * parses a verifier's query strictly, tells a wallet which credential queries it can answer, and tells a
 * verifier whether the presentations it received answer the query.
 *
 * <pre>{@code
 * DcqlQuery query = DcqlQuery.parse(Json.parseObject(text));
 * query.checkAnswered(claimsByQueryId, VesperDcql.MATCHER);
 * }</pre>
 */
package dev.vesper.core.dcql;

/**
 * The issuer's HTTP API and its OpenID4VCI 1.0 credential issuer: thin routes that authenticate the caller
 * through the service's {@link dev.vesper.issuer.service.Authenticator}, parse, call the service and respond.
 */
package dev.vesper.issuer.http;

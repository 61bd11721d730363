/**
 * The holder's HTTP API and SIP face: thin routes that authenticate the tenant ({@link
 * dev.vesper.holder.http.HolderRoutes#admit}), parse, call the service and respond.
 */
package dev.vesper.holder.http;

/**
 * The registry's HTTP API: the C2SP tlog-tiles read endpoints, proofs, authenticated appends ({@link
 * dev.vesper.registry.http.LogRoutes}) and public queries ({@link dev.vesper.registry.http.RegistryRoutes}).
 */
package dev.vesper.registry.http;

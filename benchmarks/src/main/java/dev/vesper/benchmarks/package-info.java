/**
 * The measurements of BRIEF §3: JMH benchmarks of the token operations and the ES256 primitives, and load
 * drivers for the servers' paths (log appends, the STI-VS over REST and SIP). Results go to docs/benchmarks.md.
 */
package dev.vesper.benchmarks;

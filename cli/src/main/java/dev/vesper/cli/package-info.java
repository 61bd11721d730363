/**
 * The {@code vesper} command line ({@link dev.vesper.cli.Main}): keys, issue, present, verify (with {@code
 * --explain}), the local stack ({@code up}), the demo, each server ({@code issuer}, {@code holder}, {@code
 * verifier}, {@code registry serve}) and log tools. Exit codes everywhere: 0 success, 1 a stable error, 2 a
 * usage error.
 */
package dev.vesper.cli;

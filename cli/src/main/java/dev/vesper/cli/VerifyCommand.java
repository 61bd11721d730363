package dev.vesper.cli;

import dev.vesper.core.crypto.TrustedKeys;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.log.NoteKey;
import dev.vesper.core.log.entry.IssuanceReceipts;
import dev.vesper.core.token.ClaimSelector;
import dev.vesper.verifier.HttpStatusFetcher;
import dev.vesper.verifier.PresentationVerifier;
import dev.vesper.verifier.Profile;
import dev.vesper.verifier.StatusLists;
import dev.vesper.verifier.Verification;
import dev.vesper.verifier.VerificationPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify presentations: one from stdin, or one per line of --batch FILE. Prints one JSON object per",
      "presentation: {\"valid\":true,\"claims\":{...}} or {\"valid\":false,\"error\":\"<id>\",\"message\":\"...\"}.",
      "Exit code: 0 all valid, 1 any invalid, 2 usage error.",
      "Strict by default: key binding required (give --aud and --nonce), exp required, ES256 only.",
      "Token status (revocation) is checked only with --status-fetch, which fetches the token's status",
      "list over HTTPS from the issuer (public addresses only, up to 3 redirects); without it verification",
      "works offline and does not see revocations."
    },
    footer = {
      "",
      "Examples:",
      "  vesper present ... | vesper verify --issuer-key issuer.pub.jwk --aud https://verifier.example --nonce n-123 --require name",
      "  vesper verify --issuer-key rfc.jwk --profile generic --no-kb --now 1700000000 < example.sdjwt",
      "  vesper verify --issuer-key issuer.jwks --aud A --nonce N --status-fetch < presentation.txt"
    })
final class VerifyCommand implements Callable<Integer> {
  /** The longest presentation read from stdin. */
  static final int MAX_STDIN = 1 << 20;

  @Option(names = "--issuer-key", required = true, paramLabel = "FILE",
      description = "A trusted issuer: its metadata document ({\"issuer\", \"jwks\"}, as served at /.well-known/jwt-vc-issuer; its keys verify only that issuer's tokens) or one bare JWK / JWK set; repeatable (two or more bare files are a usage error).")
  List<Path> issuerKeys = new ArrayList<>();

  @Option(names = "--aud", paramLabel = "AUD", description = "Expected KB-JWT aud (required with key binding).")
  String aud;

  @Option(names = "--nonce", paramLabel = "NONCE", description = "Expected KB-JWT nonce (required with key binding).")
  String nonce;

  @Option(names = "--profile", paramLabel = "vesper|generic", defaultValue = "vesper", description = "Claim rules: vesper (default) or generic RFC 9901.")
  String profile;

  @Option(names = "--no-kb", description = "Expect presentations without key binding (a KB-JWT is then refused).")
  boolean noKeyBinding;

  @Option(names = "--require", paramLabel = "PATH", description = "A claim that must be disclosed (name, address.locality, tn=NUMBER); repeatable.")
  List<String> require = new ArrayList<>();

  @Option(names = "--max-kb-age", paramLabel = "SECONDS", description = "Oldest accepted KB-JWT iat (default 300).")
  Long maxKbAge;

  @Option(names = "--now", paramLabel = "EPOCH_SECONDS", description = "Verify as of this time instead of the clock.")
  Long now;

  @Option(names = "--explain", description = "Add each check with its outcome (passed, not_required, failed, not_run) to the result, in the order checks run.")
  boolean explain;

  @Option(names = "--receipt", paramLabel = "FILE",
      description = "The offline receipt (C2SP tlog-proof) of the token's issuance; requires --log-key.")
  Path receipt;

  @Option(names = "--log-key", paramLabel = "VKEY",
      description = "Require a logged issuance: the pinned log's C2SP verifier key (origin = its name).")
  String logKey;

  @Option(names = "--status-fetch",
      description = "Check each token's status: fetch its status list (https only, 5 s limit) and refuse revoked or suspended tokens; fails closed when the list cannot be fetched. Off by default (offline use).")
  boolean statusFetch;

  @Option(names = {"--local-testing", "--status-allow-http"},
      description = "With --status-fetch, local stacks and tests only: also fetch over plain http and from loopback or private addresses.")
  boolean localTesting;

  @Option(names = "--batch", paramLabel = "FILE", description = "Verify one presentation per line of FILE.")
  Path batch;

  @Override
  public Integer call() throws Exception {
    VerificationPolicy policy = policy();
    List<String> inputs = batch != null ? batchLines() : List.of(readStdin());
    PresentationVerifier verifier = PresentationVerifier.create();
    boolean allValid = true;
    StringBuilder out = new StringBuilder();
    String receiptText = receipt == null ? null : readReceipt();
    for (String presentation : inputs) {
      Verification verification = verifier.check(presentation, receiptText, policy);
      allValid &= verification.verified().isPresent();
      Map<String, Object> result = verification.toJson();
      if (!explain) {
        result.remove("checks");
      }
      out.append(Json.write(result)).append('\n');
    }
    System.out.print(out);
    System.out.flush();
    return allValid ? 0 : Errors.FAILED;
  }

  private String readReceipt() {
    try {
      return Files.readString(receipt, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Errors.UsageException("--receipt: cannot read " + receipt);
    }
  }

  private VerificationPolicy policy() throws IOException, VesperException {
    Profile chosen = switch (profile) {
      case "vesper" -> Profile.VESPER;
      case "generic" -> Profile.GENERIC;
      default -> throw new Errors.UsageException("--profile must be vesper or generic");
    };
    VerificationPolicy.Builder b = VerificationPolicy.builder(trustedKeys()).profile(chosen);
    if (noKeyBinding) {
      if (aud != null || nonce != null) {
        throw new Errors.UsageException("--aud and --nonce only apply with key binding; drop --no-kb or them");
      }
      b.withoutKeyBinding();
    } else {
      if (aud == null || nonce == null) {
        throw new Errors.UsageException("key binding is required: give --aud and --nonce (or --no-kb)");
      }
      b.expectAudience(aud).expectNonce(nonce);
    }
    if (maxKbAge != null) {
      if (maxKbAge < 0) {
        throw new Errors.UsageException("--max-kb-age must not be negative");
      }
      b.maxKeyBindingAge(Duration.ofSeconds(maxKbAge));
    }
    if (now != null) {
      b.clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
    }
    if (receipt != null && logKey == null) {
      throw new Errors.UsageException("--receipt needs --log-key (the log whose receipts to trust)");
    }
    if (logKey != null) {
      if (batch != null) {
        throw new Errors.UsageException("--log-key verifies one presentation with its --receipt; drop --batch");
      }
      NoteKey key;
      try {
        key = NoteKey.parse(logKey);
      } catch (VesperException e) {
        throw new Errors.UsageException("--log-key: " + e.getMessage());
      }
      b.requireIssuanceReceipt(IssuanceReceipts.trusting(key.name(), List.of(key)));
    }
    if (localTesting && !statusFetch) {
      throw new Errors.UsageException("--local-testing only applies with --status-fetch");
    }
    if (statusFetch) {
      b.checkStatus(StatusLists.using(HttpStatusFetcher.using(ServerOptions.fetcher(localTesting)), Clock.systemUTC()));
    }
    for (String path : require) {
      try {
        b.require(ClaimSelector.parse(path));
      } catch (VesperException e) {
        throw new Errors.UsageException("--require " + path + ": " + e.getMessage());
      }
    }
    return b.build();
  }

  private TrustedKeys trustedKeys() throws IOException, VesperException {
    return ServerOptions.trusted(issuerKeys, "--issuer-key");
  }

  private List<String> batchLines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : CliFiles.read(batch).split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  private static String readStdin() throws IOException {
    InputStream in = System.in;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) > 0) {
      buffer.write(chunk, 0, n);
      if (buffer.size() > MAX_STDIN) {
        throw new Errors.UsageException("stdin holds more than " + MAX_STDIN + " bytes; use --batch");
      }
    }
    return buffer.toString(StandardCharsets.UTF_8).strip();
  }
}

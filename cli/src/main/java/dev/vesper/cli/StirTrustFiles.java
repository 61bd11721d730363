package dev.vesper.cli;

import dev.vesper.core.crypto.IssuerTrust;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.core.phone.NumberEntry;
import dev.vesper.core.stir.CrlSource;
import dev.vesper.core.stir.SpcDirectory;
import dev.vesper.core.stir.StiCredentials;
import dev.vesper.server.fetch.Origin;
import dev.vesper.server.fetch.OutboundFetcher;
import dev.vesper.verifier.stir.CertificateFetcher;
import dev.vesper.verifier.stir.HttpCertificateFetcher;
import dev.vesper.verifier.stir.StirVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The STI-VS trust read from the verifier's files, whole and validated, for the start and for every reload:
 * the STI roots (each a CA certificate valid now, at least one), the SPC directory, the x5u allow-list (the {@code --x5u-allow} origins and, one per line, those of {@code --x5u-allow-file}),
 * and CRL checking when on. Anything wrong throws, so a bad file never replaces a good set. The VESPER
 * issuers are the verifier's one {@code issuers} object, which the reload replaces itself (the
 * {@code --trust-issuer} files are watched here all the same).
 */
record StirTrustFiles(List<Path> stiRoots, Path spcDirectory, List<Path> issuerFiles, IssuerTrust issuers, List<String> x5uOrigins,
    Path x5uAllowFile, CrlSource crls, OutboundFetcher fetcher) {

  /** The files a reload watches. */
  List<Path> watched() {
    List<Path> out = new ArrayList<>(stiRoots);
    out.addAll(issuerFiles);
    if (spcDirectory != null) {
      out.add(spcDirectory);
    }
    if (x5uAllowFile != null) {
      out.add(x5uAllowFile);
    }
    return out;
  }

  StirVerifier.Trust load() throws Exception {
    StiCredentials credentials = StiCredentials.trusting(roots(stiRoots), spcDirectory(spcDirectory));
    if (crls != null) {
      credentials = credentials.checkingRevocation(crls);
    }
    return new StirVerifier.Trust(credentials, issuers, x5u());
  }

  /** The {@code --sti-root} files' certificates: each a CA certificate valid now, at least one in all. */
  static List<X509Certificate> roots(List<Path> stiRoots) throws Exception {
    List<X509Certificate> roots = new ArrayList<>();
    for (Path p : stiRoots) {
      for (X509Certificate c : ServerOptions.certificates(p, "--sti-root")) {
        if (c.getBasicConstraints() < 0) {
          throw new IllegalArgumentException(p + ": " + c.getSubjectX500Principal().getName() + " is not a CA certificate");
        }
        c.checkValidity();
        roots.add(c);
      }
    }
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no STI root certificate");
    }
    return roots;
  }

  /** The {@code --spc-directory} file (SPC → numbers and ranges); none when {@code spcDirectory} is null. */
  static SpcDirectory spcDirectory(Path spcDirectory) throws IOException, VesperException {
    if (spcDirectory == null) {
      return SpcDirectory.none();
    }
    Map<String, List<NumberEntry>> bySpc = new LinkedHashMap<>();
    for (var e : Json.parseObject(CliFiles.read(spcDirectory)).entrySet()) {
      if (!(e.getValue() instanceof List<?> numbers)) {
        throw new IllegalArgumentException("--spc-directory: each SPC maps to an array of numbers or ranges");
      }
      List<NumberEntry> entries = new ArrayList<>();
      for (Object n : numbers) {
        entries.add(NumberEntry.fromInput(n));
      }
      bySpc.put(e.getKey(), entries);
    }
    return new SpcDirectory(bySpc);
  }

  private CertificateFetcher x5u() throws IOException {
    List<String> all = new ArrayList<>(x5uOrigins);
    if (x5uAllowFile != null) {
      for (String line : Files.readAllLines(x5uAllowFile)) {
        if (!line.isBlank() && !line.strip().startsWith("#")) {
          all.add(line.strip());
        }
      }
    }
    if (all.isEmpty()) {
      return CertificateFetcher.none();
    }
    Set<Origin> origins = new HashSet<>();
    for (String o : all) {
      origins.add(Origin.parse(o));
    }
    return HttpCertificateFetcher.allowing(origins, fetcher, Clock.systemUTC());
  }
}

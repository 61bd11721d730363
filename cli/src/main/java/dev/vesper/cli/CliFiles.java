package dev.vesper.cli;

import dev.vesper.core.crypto.PublicJwk;
import dev.vesper.core.crypto.SigningKey;
import dev.vesper.core.error.VesperException;
import dev.vesper.core.json.Json;
import dev.vesper.server.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** File input and output for the commands: size-bounded reads, atomic writes, 0600 for secrets. */
final class CliFiles {
  /** No input file the CLI reads is legitimately larger than this. */
  static final long MAX_INPUT = 16L * 1024 * 1024;

  private CliFiles() {}

  static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    if (Files.size(file) > MAX_INPUT) {
      throw new IOException(file + ": larger than " + MAX_INPUT + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  /** Reads a private JWK. */
  static SigningKey signingKey(Path file) throws IOException, VesperException {
    return SigningKey.parse(read(file));
  }

  /** Reads a public JWK, or the public part of a private one. */
  static PublicJwk publicKey(Path file) throws IOException, VesperException {
    Map<String, Object> jwk = Json.parseObject(read(file));
    if (jwk.containsKey("d")) {
      return SigningKey.parse(read(file)).publicJwk();
    }
    return PublicJwk.fromJson(jwk);
  }

  /**
   * Writes {@code content} atomically. Secrets get mode 0600 from the first byte. An existing non-empty
   * file is replaced only with {@code overwrite}.
   */
  static void write(Path file, String content, boolean secret, boolean overwrite) throws IOException {
    if (Files.exists(file) && Files.size(file) > 0 && !overwrite) {
      throw new FileAlreadyExistsException(file + " exists; pass --force to replace it");
    }
    AtomicFiles.write(file, content, secret);
  }
}

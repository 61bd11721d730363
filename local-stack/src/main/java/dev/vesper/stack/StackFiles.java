package dev.vesper.stack;

import dev.vesper.server.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The stack's files: read stripped, written atomically ({@link AtomicFiles}), secrets 0600. */
final class StackFiles {
  private StackFiles() {}

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  static void write(Path file, String content, boolean secret) throws IOException {
    AtomicFiles.write(file, content, secret);
  }
}

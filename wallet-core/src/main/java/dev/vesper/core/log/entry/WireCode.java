package dev.vesper.core.log.entry;

import java.util.Optional;

/** An enum constant with a stable one- or two-byte code in the entry encoding. */
interface WireCode {
  int code();

  /** The constant of {@code type} whose code is {@code code}. */
  static <E extends Enum<E> & WireCode> Optional<E> find(Class<E> type, int code) {
    for (E e : type.getEnumConstants()) {
      if (e.code() == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}

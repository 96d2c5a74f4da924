package dev.shellbus.events.validation;

/** UTF-8 sizes of strings without encoding them. */
final class Utf8 {

  private Utf8() {}

  /** Returns the number of bytes {@code s} takes in UTF-8 (an unpaired surrogate counts 3). */
  static long length(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Returns whether {@code s} holds a C0 or C1 control character or DEL. */
  static boolean hasControl(CharSequence s) {
    return s.chars().anyMatch(Utf8::isControl);
  }

  /** Returns whether {@code c} is a C0 or C1 control character or DEL. */
  static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }
}

package dev.shellbus.events.serde;

import dev.shellbus.events.serde.EventDecodingException.Reason;
import java.util.HexFormat;

/** Reads the Avro single-object header: marker {@code C3 01}, then the writer fingerprint in little-endian order. */
final class SingleObjectHeader {

  static final int LENGTH = 10;
  private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};

  private SingleObjectHeader() {}

  /** Returns the fingerprint, or throws the typed error for empty, foreign or short input. */
  static long fingerprint(byte[] data, String record) {
    if (data.length == 0) {
      throw new EventDecodingException(Reason.EMPTY, record + ": empty value (tombstones are null, not empty)",
          null, null);
    }
    for (int i = 0; i < Math.min(MAGIC.length, data.length); i++) {
      if (data[i] != MAGIC[i]) {
        throw new EventDecodingException(Reason.WRONG_MAGIC, record + ": value starts with 0x"
            + HexFormat.of().formatHex(data, 0, Math.min(MAGIC.length, data.length))
            + ", expected 0xc301 (Avro single-object encoding)", null, null);
      }
    }
    if (data.length < LENGTH) {
      throw new EventDecodingException(Reason.TRUNCATED, record + ": only " + data.length
          + " bytes, the single-object header alone needs " + LENGTH, null, null);
    }
    long fp = 0;
    for (int i = LENGTH - 1; i >= MAGIC.length; i--) {
      fp = (fp << 8) | (data[i] & 0xFFL);
    }
    return fp;
  }

  /** Formats a fingerprint the way error messages and docs show it. */
  static String hex(long fingerprint) {
    return String.format("0x%016x", fingerprint);
  }
}

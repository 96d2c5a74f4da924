package dev.shellbus.orchestrator.transfer;

import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * A push parser for tar streams as {@code tar -c} writes them (ustar, pax, GNU long names, GNU
 * base-256 sizes). Feed it chunks as they arrive; it calls the listener with each entry, its data
 * as slices of the fed chunks (never copied, never buffered beyond one 512-byte header) and the end
 * of each entry. Extended headers are held whole but bounded. It does no I/O, so flow control
 * stays with whoever feeds it.
 */
public final class TarParser {
  /** What the parser found. Calls come in order: entry, data*, entryEnd, ... , end. */
  public interface Listener {
    void entry(TarEntry entry);

    void data(Buffer chunk);

    void entryEnd();

    void end();
  }

  private enum Phase { HEADER, DATA, EXTENSION, PADDING, DONE }

  private static final int MAX_EXTENSION = 1 << 20;

  private final Listener listener;
  private final byte[] block = new byte[TarHeaders.BLOCK];
  private int blockFill;
  private Phase phase = Phase.HEADER;
  private long remaining;
  private long padding;
  private byte[] extension;
  private int extensionFill;
  private byte extensionType;
  private Map<String, String> pax = Map.of();
  private String longName;
  private String longLink;
  private boolean sawEntry;

  public TarParser(Listener listener) {
    this.listener = listener;
  }

  /** Parses the next chunk of the stream. */
  public void feed(Buffer chunk) {
    int at = 0;
    while (at < chunk.length()) {
      at = step(chunk, at);
    }
  }

  /**
   * Ends the stream. An archive may stop at an entry boundary without its zero-block trailer; one
   * cut inside a header or data fails.
   *
   * @throws TarFormatException if the stream ended inside an entry
   */
  public void finish() {
    if (phase == Phase.DONE) {
      return;
    }
    if (phase != Phase.HEADER || blockFill != 0 || extension != null) {
      throw new TarFormatException("archive ends inside an entry");
    }
    phase = Phase.DONE;
    listener.end();
  }

  /** Whether any entry was seen. */
  public boolean sawEntry() {
    return sawEntry;
  }

  private int step(Buffer chunk, int at) {
    int available = chunk.length() - at;
    switch (phase) {
      case HEADER:
        int take = Math.min(available, TarHeaders.BLOCK - blockFill);
        chunk.getBytes(at, at + take, block, blockFill);
        blockFill += take;
        if (blockFill == TarHeaders.BLOCK) {
          blockFill = 0;
          header();
        }
        return at + take;
      case DATA:
        int n = (int) Math.min(available, remaining);
        listener.data(chunk.slice(at, at + n));
        remaining -= n;
        if (remaining == 0) {
          phase = padding == 0 ? Phase.HEADER : Phase.PADDING;
          listener.entryEnd();
        }
        return at + n;
      case EXTENSION:
        int e = (int) Math.min(available, remaining);
        chunk.getBytes(at, at + e, extension, extensionFill);
        extensionFill += e;
        remaining -= e;
        if (remaining == 0) {
          phase = Phase.PADDING;
          applyExtension();
        }
        return at + e;
      case PADDING:
        int skip = (int) Math.min(available, padding);
        padding -= skip;
        if (padding == 0) {
          phase = Phase.HEADER;
        }
        return at + skip;
      default:
        return chunk.length();
    }
  }

  private void header() {
    if (TarFields.allZero(block)) {
      phase = Phase.DONE;
      listener.end();
      return;
    }
    if (!TarFields.checksumMatches(block)) {
      throw new TarFormatException("header checksum mismatch");
    }
    byte type = block[156];
    long size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : TarFields.number(block, 124, 12);
    if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
      startExtension(type, size);
      return;
    }
    TarEntry entry = entry(type, size);
    pax = Map.of();
    longName = null;
    longLink = null;
    sawEntry = true;
    listener.entry(entry);
    remaining = entry.type() == TarEntry.Type.FILE || entry.type() == TarEntry.Type.OTHER ? size : 0;
    padding = TarHeaders.padding(remaining).length();
    if (remaining == 0) {
      phase = Phase.HEADER;
      listener.entryEnd();
    } else {
      phase = Phase.DATA;
    }
  }

  private void startExtension(byte type, long size) {
    if (size > MAX_EXTENSION) {
      throw new TarFormatException("extended header of " + size + " bytes");
    }
    extensionType = type;
    extension = new byte[(int) size];
    extensionFill = 0;
    remaining = size;
    padding = TarHeaders.padding(size).length();
    phase = size == 0 ? Phase.PADDING : Phase.EXTENSION;
    if (size == 0) {
      applyExtension();
    }
  }

  private void applyExtension() {
    byte[] data = extension;
    extension = null;
    if (padding == 0) {
      phase = Phase.HEADER;
    }
    switch (extensionType) {
      case 'x':
        pax = TarFields.paxRecords(data);
        break;
      case 'L':
        longName = TarFields.string(data, 0, data.length);
        break;
      case 'K':
        longLink = TarFields.string(data, 0, data.length);
        break;
      default:
        break;
    }
  }

  private TarEntry entry(byte type, long size) {
    String name = longName != null ? longName : pax.getOrDefault("path", ustarName());
    String link = longLink != null ? longLink : pax.getOrDefault("linkpath", TarFields.string(block, 157, 100));
    while (name.length() > 1 && name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    return new TarEntry(name, type(type), (int) TarFields.number(block, 100, 8),
        size, link, TarFields.number(block, 136, 12));
  }

  private String ustarName() {
    String name = TarFields.string(block, 0, 100);
    boolean posix = block[257] == 'u' && block[262] == 0;
    String prefix = posix ? TarFields.string(block, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static TarEntry.Type type(byte flag) {
    switch (flag) {
      case '0':
      case 0:
      case '7':
        return TarEntry.Type.FILE;
      case '5':
        return TarEntry.Type.DIRECTORY;
      case '2':
        return TarEntry.Type.SYMLINK;
      case '1':
        return TarEntry.Type.HARDLINK;
      default:
        return TarEntry.Type.OTHER;
    }
  }
}

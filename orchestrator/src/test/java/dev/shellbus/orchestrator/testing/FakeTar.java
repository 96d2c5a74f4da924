package dev.shellbus.orchestrator.testing;

import dev.shellbus.orchestrator.transfer.TarEntry;
import dev.shellbus.orchestrator.transfer.TarHeaders;
import dev.shellbus.orchestrator.transfer.TarParser;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the fake gateway's {@code tar -c} and {@code tar -x} do, on a {@link FakeSandbox}. */
final class FakeTar {
  private FakeTar() {}

  /** {@code tar -c -C / rel...}: the archive and the relative paths that did not exist. */
  static Buffer create(FakeSandbox sandbox, String root, List<String> rels, List<String> missing) {
    Buffer out = Buffer.buffer();
    for (String rel : rels) {
      String abs = rel.equals(".") ? root : (root.equals("/") ? "/" : root + "/") + rel;
      FakeSandbox.FakeFile file = sandbox.files().get(abs);
      if (file != null) {
        add(out, rel, file);
      } else if (sandbox.isDirectory(abs)) {
        out.appendBuffer(TarHeaders.header(TarEntry.directory(rel, 0755, 0)));
        for (Map.Entry<String, FakeSandbox.FakeFile> e : sandbox.under(abs).entrySet()) {
          add(out, rel + e.getKey().substring(abs.length()), e.getValue());
        }
      } else {
        missing.add(rel);
      }
    }
    return out.appendBuffer(TarHeaders.endOfArchive());
  }

  private static void add(Buffer out, String name, FakeSandbox.FakeFile file) {
    out.appendBuffer(TarHeaders.header(TarEntry.file(name, file.mode(), file.data().length, 0)))
        .appendBytes(file.data()).appendBuffer(TarHeaders.padding(file.data().length));
  }

  /** {@code tar -x -C dest}: writes every file of the archive into the sandbox. */
  static void extract(FakeSandbox sandbox, String dest, Buffer archive) {
    List<Object[]> files = new ArrayList<>();
    TarParser parser = new TarParser(new TarParser.Listener() {
      private TarEntry current;
      private Buffer data;

      @Override
      public void entry(TarEntry entry) {
        current = entry;
        data = Buffer.buffer();
      }

      @Override
      public void data(Buffer chunk) {
        data.appendBuffer(chunk);
      }

      @Override
      public void entryEnd() {
        if (current.type() == TarEntry.Type.FILE) {
          String name = current.name().startsWith("./") ? current.name().substring(2) : current.name();
          files.add(new Object[] {(dest.equals("/") ? "/" : dest + "/") + name, data.getBytes(), current.mode()});
        }
      }

      @Override
      public void end() {}
    });
    parser.feed(archive);
    parser.finish();
    for (Object[] f : files) {
      sandbox.put((String) f[0], (byte[]) f[1], (Integer) f[2]);
    }
  }
}

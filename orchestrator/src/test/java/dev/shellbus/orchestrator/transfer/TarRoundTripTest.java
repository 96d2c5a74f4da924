package dev.shellbus.orchestrator.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarRoundTripTest {
  /** One parsed member: its entry and its data. */
  record Member(TarEntry entry, byte[] data) {}

  static List<Member> parse(Buffer archive, int chunk) {
    List<Member> members = new ArrayList<>();
    boolean[] ended = {false};
    TarParser parser = new TarParser(new TarParser.Listener() {
      private TarEntry entry;
      private Buffer data;

      @Override
      public void entry(TarEntry e) {
        entry = e;
        data = Buffer.buffer();
      }

      @Override
      public void data(Buffer c) {
        data.appendBuffer(c);
      }

      @Override
      public void entryEnd() {
        members.add(new Member(entry, data.getBytes()));
      }

      @Override
      public void end() {
        ended[0] = true;
      }
    });
    for (int at = 0; at < archive.length(); at += chunk) {
      parser.feed(archive.slice(at, Math.min(archive.length(), at + chunk)));
    }
    parser.finish();
    assertThat(ended[0]).isTrue();
    return members;
  }

  static Buffer write(Map<String, byte[]> files, int mode) {
    Buffer out = Buffer.buffer();
    files.forEach((name, data) -> out.appendBuffer(TarHeaders.header(TarEntry.file(name, mode, data.length, 1_700_000_000L)))
        .appendBytes(data).appendBuffer(TarHeaders.padding(data.length)));
    return out.appendBuffer(TarHeaders.endOfArchive());
  }

  @Test
  void oddNamesLongPathsAndSizesSurviveAnyChunking() {
    Random random = new Random(7);
    for (int round = 0; round < 40; round++) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      for (int i = 0; i < 5; i++) {
        byte[] data = new byte[random.nextInt(3000)];
        random.nextBytes(data);
        files.put(name(random, i), data);
      }
      Buffer archive = write(files, 0640);
      List<Member> members = parse(archive, 1 + random.nextInt(1500));
      assertThat(members).extracting(m -> m.entry().name()).containsExactlyElementsOf(files.keySet());
      for (Member m : members) {
        assertThat(m.data()).isEqualTo(files.get(m.entry().name()));
        assertThat(m.entry().mode()).isEqualTo(0640);
        assertThat(m.entry().mtime()).isEqualTo(1_700_000_000L);
      }
    }
  }

  private static String name(Random random, int i) {
    String[] parts = {"a", "dir with space", "ünïcødé", "quote'\"", "x".repeat(60), "tab\tname", "-dash", "日本"};
    StringBuilder name = new StringBuilder("sandbox");
    int depth = 1 + random.nextInt(4);
    for (int d = 0; d < depth; d++) {
      name.append('/').append(parts[random.nextInt(parts.length)]);
    }
    return name.append('/').append("f").append(i).toString();
  }

  @Test
  void directoriesLinksAndModesRoundTrip() {
    Buffer archive = Buffer.buffer()
        .appendBuffer(TarHeaders.header(TarEntry.directory("out", 0755, 0)))
        .appendBuffer(TarHeaders.header(new TarEntry("out/link", TarEntry.Type.SYMLINK, 0777, 0, "../" + "t".repeat(120), 0)))
        .appendBuffer(TarHeaders.endOfArchive());
    List<Member> members = parse(archive, 512);

    assertThat(members.get(0).entry().type()).isEqualTo(TarEntry.Type.DIRECTORY);
    assertThat(members.get(0).entry().name()).isEqualTo("out");
    assertThat(members.get(1).entry().type()).isEqualTo(TarEntry.Type.SYMLINK);
    assertThat(members.get(1).entry().linkName()).isEqualTo("../" + "t".repeat(120));
  }

  @Test
  void corruptHeaderAndTruncatedArchiveAreRefused() {
    Buffer archive = write(Map.of("a", new byte[600]), 0644);
    Buffer corrupt = archive.copy();
    corrupt.setByte(10, (byte) 'Z');
    assertThatThrownBy(() -> parse(corrupt, 100)).isInstanceOf(TarFormatException.class);
    assertThatThrownBy(() -> parse(archive.slice(0, 700), 100)).isInstanceOf(TarFormatException.class);
  }

  @Test
  void systemTarExtractsWhatWeWrite(@TempDir Path dir) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String deep = "deep/" + "segment-".repeat(20) + "/file.txt";
    files.put(deep, "long".getBytes(StandardCharsets.UTF_8));
    files.put("ünï/名前.bin", new byte[] {1, 2, 3});
    files.put("exec.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    Path archive = dir.resolve("a.tar");
    Files.write(archive, write(files, 0750).getBytes());
    Path out = Files.createDirectory(dir.resolve("out"));

    run(dir, "tar", "-x", "-p", "-o", "-f", archive.toString(), "-C", out.toString());

    assertThat(Files.readAllBytes(out.resolve(deep))).isEqualTo("long".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readAllBytes(out.resolve("ünï/名前.bin"))).containsExactly(1, 2, 3);
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(out.resolve("exec.sh"));
    assertThat(PosixFilePermissions.toString(perms)).isEqualTo("rwxr-x---");
  }

  @Test
  void weReadWhatSystemTarWritesInGnuAndPaxFormats(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/" + "long-directory-name-".repeat(8)));
    Files.writeString(src.resolve("inner.txt"), "inner");
    Files.write(dir.resolve("src/empty"), new byte[0]);
    for (String format : List.of("gnu", "pax", "ustar")) {
      Path archive = dir.resolve(format + ".tar");
      List<String> cmd = new ArrayList<>(List.of("tar", "-c", "--format=" + format, "-f", archive.toString(), "-C", dir.toString(), "src"));
      if (format.equals("ustar")) {
        cmd = List.of("tar", "-c", "--format=ustar", "-f", archive.toString(), "-C", dir.toString(), "src/empty");
      }
      run(dir, cmd.toArray(String[]::new));
      List<Member> members = parse(Buffer.buffer(Files.readAllBytes(archive)), 4096);
      if (!format.equals("ustar")) {
        assertThat(members).anySatisfy(m -> {
          assertThat(m.entry().name()).endsWith("/inner.txt").hasSizeGreaterThan(100);
          assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("inner");
        });
      }
      assertThat(members).anySatisfy(m -> assertThat(m.entry().name()).isEqualTo("src/empty"));
    }
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }
}

package dev.shellbus.devkit.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKI for TLS tests, made with the {@code openssl} command: a CA, a server certificate for 127.0.0.1 and
 * a client certificate with a CN and two OUs, all signed by the CA.
 */
final class TestCerts {

  final Path dir;
  final Path caCert;
  final Path serverCert;
  final Path serverKey;
  final Path clientCert;
  final Path clientKey;

  private TestCerts(Path dir) {
    this.dir = dir;
    this.caCert = dir.resolve("ca.crt");
    this.serverCert = dir.resolve("server.crt");
    this.serverKey = dir.resolve("server.key");
    this.clientCert = dir.resolve("client.crt");
    this.clientKey = dir.resolve("client.key");
  }

  /** Returns whether the {@code openssl} command can run here. */
  static boolean opensslAvailable() {
    try {
      return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException unavailable) {
      return false;
    }
  }

  /** Creates the CA, server and client material in {@code dir}. */
  static TestCerts create(Path dir) throws IOException, InterruptedException {
    TestCerts certs = new TestCerts(dir);
    Path ext = dir.resolve("server.ext");
    Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", StandardCharsets.UTF_8);
    certs.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-subj", "/CN=shellbus-test-ca", "-days", "2");
    certs.signed("server", "/CN=localhost", ext);
    certs.signed("client", "/O=shellbus/OU=openshell-user/OU=ops/CN=alice", null);
    return certs;
  }

  private void signed(String name, String subject, Path ext) throws IOException, InterruptedException {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
    List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey",
        "ca.key", "-CAcreateserial", "-out", name + ".crt", "-days", "2"));
    if (ext != null) {
      sign.addAll(List.of("-extfile", ext.toString()));
    }
    openssl(sign.toArray(String[]::new));
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
    }
  }
}

package dev.shellbus.orchestrator.testing;

import dev.shellbus.orchestrator.gateway.ExecLimit;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The commands the fake gateway understands. shellbus's own helpers are recognised by shape; a
 * step command runs the script registered for its argv[0]: {@code echo}, {@code true},
 * {@code exit N}, {@code hang} (until cancel or timeout), {@code break} (stream without exit),
 * {@code spew N} (N bytes of stdout in 8 KiB chunks), {@code write PATH TEXT} (creates a file),
 * {@code cat} (stdin to stdout), or anything a test adds with {@link #define}.
 */
public final class FakeCommands {
  private static final String PID_WRAPPER = "echo $$ > \"$0\" && exec \"$@\"";

  private final FakeGateway gateway;
  private final Map<String, BiConsumer<FakeExecCall, FakeSandbox>> scripts = new ConcurrentHashMap<>();
  /** Pid files the kill helper was asked to kill. */
  public final List<String> kills = new CopyOnWriteArrayList<>();
  /** The argv of every step command run (after unwrapping). */
  public final List<List<String>> steps = new CopyOnWriteArrayList<>();

  FakeCommands(FakeGateway gateway) {
    this.gateway = gateway;
  }

  /** Registers a step script for {@code name} (argv[0]). */
  public void define(String name, BiConsumer<FakeExecCall, FakeSandbox> script) {
    scripts.put(name, script);
  }

  FakeExecCall start(Context context, FakeSandbox sandbox, ExecSpec spec, ExecLimit limit, boolean interactive) {
    List<String> argv = spec.argv();
    if (interactive) {
      FakeExecCall[] self = new FakeExecCall[1];
      self[0] = new FakeExecCall(context, spec, limit, true, stdin -> context.runOnContext(v -> extract(self[0], sandbox, argv, stdin)));
      return self[0];
    }
    FakeExecCall call = new FakeExecCall(context, spec, limit, false, stdin -> {});
    context.runOnContext(v -> run(call, sandbox, argv));
    return call;
  }

  private void extract(FakeExecCall call, FakeSandbox sandbox, List<String> argv, Buffer stdin) {
    if (gateway.hangUploads) {
      return;
    }
    String dest = argv.get(0).equals("tar") ? argv.get(argv.size() - 1) : argv.get(argv.size() - 1);
    try {
      FakeTar.extract(sandbox, dest, stdin);
      call.exit(0);
    } catch (RuntimeException e) {
      call.stderr(Buffer.buffer("tar: " + e.getMessage()));
      call.exit(2);
    }
  }

  private void run(FakeExecCall call, FakeSandbox sandbox, List<String> argv) {
    if (gateway.notReadyStreams > 0) {
      gateway.notReadyStreams--;
      call.notReady();
    } else if (argv.size() == 5 && argv.get(0).equals("sh") && argv.get(2).startsWith("mkdir -p \"$(dirname")) {
      int mode = Integer.parseInt(argv.get(2).replaceAll(".*chmod ([0-7]+) .*", "$1"), 8);
      sandbox.put(argv.get(4), call.spec.stdin(), mode);
      call.exit(0);
    } else if (argv.get(0).equals("tar") && argv.get(1).equals("-c")) {
      collect(call, sandbox, argv);
    } else if (argv.get(0).equals("sh") && argv.get(2).startsWith("p=$(cat")) {
      kills.add(argv.get(4));
      call.exit(0);
    } else if (argv.get(0).equals("sh") && argv.get(2).equals(PID_WRAPPER)) {
      step(call, sandbox, argv.subList(4, argv.size()));
    } else {
      step(call, sandbox, argv);
    }
  }

  private void collect(FakeExecCall call, FakeSandbox sandbox, List<String> argv) {
    if (gateway.hangCollect) {
      return;
    }
    List<String> missing = new ArrayList<>();
    Buffer archive = FakeTar.create(sandbox, argv.get(5), argv.subList(6, argv.size()), missing);
    for (int at = 0; at < archive.length(); at += 8192) {
      call.stdout(archive.slice(at, Math.min(archive.length(), at + 8192)));
    }
    missing.forEach(rel -> call.stderr(Buffer.buffer("tar: " + rel + ": Cannot stat: No such file or directory\n")));
    call.exit(missing.isEmpty() ? 0 : 2);
  }

  private void step(FakeExecCall call, FakeSandbox sandbox, List<String> argv) {
    steps.add(List.copyOf(argv));
    BiConsumer<FakeExecCall, FakeSandbox> script = scripts.get(argv.get(0));
    if (script != null) {
      script.accept(call, sandbox);
      return;
    }
    switch (argv.get(0)) {
      case "echo":
        call.stdout(Buffer.buffer(String.join(" ", argv.subList(1, argv.size())) + "\n"));
        call.exit(0);
        break;
      case "true":
        call.exit(0);
        break;
      case "exit":
        call.exit(Integer.parseInt(argv.get(1)));
        break;
      case "hang":
        break;
      case "break":
        call.stdout(Buffer.buffer("partial\n"));
        call.breakStream();
        break;
      case "spew":
        spew(call, Integer.parseInt(argv.get(1)));
        break;
      case "write":
        sandbox.put(argv.get(1), argv.get(2).getBytes(StandardCharsets.UTF_8), 0644);
        call.exit(0);
        break;
      case "cat":
        call.stdout(Buffer.buffer(call.spec.stdin()));
        call.exit(0);
        break;
      default:
        call.stderr(Buffer.buffer(argv.get(0) + ": command not found\n"));
        call.exit(127);
    }
  }

  private static void spew(FakeExecCall call, int bytes) {
    for (int at = 0; at < bytes; at += 8192) {
      byte[] chunk = new byte[Math.min(8192, bytes - at)];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = (byte) ('a' + (at + i) % 26);
      }
      call.stdout(Buffer.buffer(chunk));
    }
    call.exit(0);
  }
}

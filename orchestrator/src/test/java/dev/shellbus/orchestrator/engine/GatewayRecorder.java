package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/** A gateway client that reports the sandbox name of each create, awaitReady and exec before passing it on. */
final class GatewayRecorder {

  private GatewayRecorder() {}

  static GatewayClient wrap(GatewayClient target, Consumer<String> onSandboxCall) {
    return (GatewayClient) Proxy.newProxyInstance(GatewayClient.class.getClassLoader(),
        new Class<?>[] {GatewayClient.class}, (proxy, method, args) -> {
          if (args != null && args.length > 0) {
            if (args[0] instanceof SandboxCreateSpec spec) {
              onSandboxCall.accept(spec.name());
            } else if (args[0] instanceof SandboxHandle handle) {
              onSandboxCall.accept(handle.name());
            }
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}

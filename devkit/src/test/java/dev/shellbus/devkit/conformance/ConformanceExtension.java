package dev.shellbus.devkit.conformance;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the conformance classes one {@link ConformanceGateway} for the whole test run: the first resolution starts the
 * dev gateway (or connects to {@code SHELLBUS_CONFORMANCE_GATEWAY}); it lives in the root store and is closed, which
 * deletes the suite's sandboxes, when the run ends.
 */
final class ConformanceExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
      ConformanceExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ConformanceGateway.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ConformanceGateway.class,
        key -> ConformanceGateway.start(ConformanceSettings.from(System.getenv())), ConformanceGateway.class);
  }
}

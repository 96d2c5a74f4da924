package dev.shellbus.devkit.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of the gateway conformance suite: one instance per class (so {@code @BeforeAll} can create the
 * class's sandboxes), the suite-wide {@link ConformanceGateway} resolvable as a parameter, and the tag
 * {@code conformance}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConformanceExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("conformance")
@interface GatewayConformance {}

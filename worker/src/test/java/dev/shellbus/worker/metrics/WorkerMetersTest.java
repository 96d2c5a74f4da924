package dev.shellbus.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.orchestrator.retry.RetryEvent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerMetersTest {

  @Test
  void theCatalogueListsEveryDeclaredMeterOnceWithDotNamesAndUnits() throws IllegalAccessException {
    List<MeterSpec> declared = new ArrayList<>();
    for (Field f : WorkerMeters.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == MeterSpec.class) {
        declared.add((MeterSpec) f.get(null));
      }
    }
    assertThat(WorkerMeters.all()).containsExactlyInAnyOrderElementsOf(declared).doesNotHaveDuplicates();
    assertThat(WorkerMeters.all()).extracting(MeterSpec::name).doesNotHaveDuplicates()
        .allSatisfy(n -> assertThat(n).startsWith("shellbus.").doesNotContain("_total"));
    assertThat(WorkerMeters.all()).allSatisfy(m -> {
      assertThat(m.description()).endsWith(".");
      assertThat(m.unit()).isNotBlank();
      m.tags().values().forEach(values -> assertThat(values).isNotEmpty().hasSizeLessThan(20));
    });
  }

  @Test
  void tagValuesOutsideTheBoundsBecomeOther() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WorkerMetrics metrics = new WorkerMetrics(registry);
    metrics.requestFinished("run_job", "succeeded", Duration.ofMillis(5));
    metrics.requestFinished("made_up_kind", "exploded", Duration.ofMillis(5));
    metrics.onRetry(new RetryEvent("gateway.create", 1, 5, Duration.ofMillis(10), new RuntimeException()));
    metrics.onRetry(new RetryEvent("user-supplied-" + System.nanoTime(), 1, 5, Duration.ZERO,
        new RuntimeException()));
    String scrape = registry.scrape();
    assertThat(scrape).contains("shellbus_requests_total{kind=\"run_job\",outcome=\"succeeded\"} 1.0")
        .contains("shellbus_requests_total{kind=\"other\",outcome=\"other\"} 1.0")
        .contains("shellbus_retries_total{decision=\"retry\",operation=\"gateway.create\"} 1.0")
        .contains("shellbus_retries_total{decision=\"retry\",operation=\"other\"} 1.0")
        .contains("shellbus_request_duration_seconds_count");
  }

  @Test
  void wrongTagsAreRefused() {
    WorkerMetrics metrics = new WorkerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    metrics.sandbox(null, Duration.ZERO);
    assertThat(metrics.registry().find("shellbus.sandbox.duration").tag("operation", "other").timer()).isNotNull();
    assertThatThrownBy(() -> WorkerMeters.REQUESTS.bounded("nope", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}

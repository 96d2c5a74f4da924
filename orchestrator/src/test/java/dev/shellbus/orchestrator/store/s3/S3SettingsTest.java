package dev.shellbus.orchestrator.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
  private static final long PART = S3Settings.DEFAULT_PART_SIZE;

  @Test
  void anUploadBufferOfTwoPartsIsRefusedBecauseTheSdkCanStallOnIt() {
    assertThatThrownBy(() -> new S3Settings(Optional.empty(), "us-east-1", Optional.empty(), Optional.empty(), true,
        PART, 2 * PART)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least three parts");
  }

  @Test
  void theCompatibleDefaultsBufferThreeParts() {
    S3Settings s = S3Settings.compatible(URI.create("http://127.0.0.1:9000"), "k", "s");
    assertThat(s.partSizeBytes()).isEqualTo(PART);
    assertThat(s.uploadBufferBytes()).isEqualTo(3 * PART);
  }
}

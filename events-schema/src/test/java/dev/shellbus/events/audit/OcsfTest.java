package dev.shellbus.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.Fixtures;
import dev.shellbus.events.v1.AuditEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OcsfTest {

  @ParameterizedTest
  @EnumSource(OcsfActivity.class)
  void typeUidIsClassTimesHundredPlusActivity(OcsfActivity activity) {
    assertThat(activity.typeUid()).isEqualTo(activity.classUid() * 100L + activity.activityId());
    assertThat(activity.categoryUid()).isEqualTo(activity.classUid() / 1000);
  }

  @Test
  void pinsOcsf130ClassIds() {
    assertThat(OcsfActivity.API_CREATE.typeUid()).isEqualTo(600301);
    assertThat(OcsfActivity.API_DELETE.typeUid()).isEqualTo(600304);
    assertThat(OcsfActivity.PROCESS_LAUNCH.typeUid()).isEqualTo(100701);
    assertThat(OcsfActivity.PROCESS_TERMINATE.typeUid()).isEqualTo(100702);
    assertThat(OcsfActivity.FILE_CREATE.typeUid()).isEqualTo(100101);
    assertThat(OcsfActivity.FILE_READ.typeUid()).isEqualTo(100102);
    assertThat(OcsfActivity.OCSF_VERSION).isEqualTo("1.3.0");
  }

  @Test
  void appliesClassActivityAndOutcomeToAnAuditEvent() {
    AuditEvent.Builder builder = AuditEvent.newBuilder(Fixtures.audit());
    OcsfActivity.PROCESS_TERMINATE.applyTo(builder);
    OcsfOutcome.FAILURE.applyTo(builder);
    AuditEvent event = builder.build();

    assertThat(event.getClassUid()).isEqualTo(1007);
    assertThat(event.getCategoryUid()).isEqualTo(1);
    assertThat(event.getActivityId()).isEqualTo(2);
    assertThat(event.getTypeUid()).isEqualTo(100702);
    assertThat(event.getStatus()).isEqualTo("Failure");
    assertThat(event.getStatusId()).isEqualTo(2);
    assertThat(event.getSeverityId()).isEqualTo(3);
    assertThat(event.getMetadata().getOcsfVersion()).isEqualTo(OcsfActivity.OCSF_VERSION);
  }

  @Test
  void redactsSecretValuesWhereverTheyAppear() {
    Map<String, String> env = Map.of("TOKEN", "tok-123", "LONG", "tok-123-extended", "PUBLIC", "visible", "E", "");
    List<String> argv = List.of("curl", "-H", "Authorization: Bearer tok-123", "--data=tok-123-extended", "visible");

    List<String> redacted = Redaction.argv(argv, env, Set.of("TOKEN", "LONG", "E", "ABSENT"));

    assertThat(redacted).containsExactly("curl", "-H", "Authorization: Bearer ***REDACTED***",
        "--data=***REDACTED***", "visible");
    assertThat(String.join(" ", redacted)).doesNotContain("tok-123");
  }

  @Test
  void aSecretThatAppearsInsideTheMaskDoesNotRewriteIt() {
    assertThat(Redaction.argv(List.of("RED x RED"), Map.of("K", "RED"), Set.of("K")))
        .containsExactly("***REDACTED*** x ***REDACTED***");
  }
}

package dev.shellbus.worker.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.engine.ErrorInfo;
import dev.shellbus.orchestrator.engine.Outcome;
import dev.shellbus.orchestrator.engine.Timings;
import dev.shellbus.worker.audit.SecretScrubber;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the one error-code table: every engine code maps to a contract code with the same retryability (the
 * contract's own table is pinned to BEHAVIOR.md by events-schema's {@code ErrorCodeTest}), the mapping is one to
 * one but for the two documented folds, and a published result carries the code's retryability.
 */
class ErrorCodesTest {

  /** Engine codes the contract folds into a wider code. */
  private static final Map<FailureCode, ErrorCode> FOLDED = Map.of(
      FailureCode.ALREADY_EXISTS, ErrorCode.CONFLICT,
      FailureCode.STORAGE_FAILED, ErrorCode.ARTIFACT_FAILED);

  /**
   * Contract codes the worker writes itself, never the engine. INTERRUPTED is not among them: the worker writes it when
   * attempts run out, and the engine answers it when an attempt's fence refused a sandbox operation.
   */
  private static final Set<ErrorCode> WORKER_ONLY = EnumSet.of(
      ErrorCode.POLICY_VIOLATION, ErrorCode.UNDECODABLE, ErrorCode.UNKNOWN);

  @ParameterizedTest(name = "{0}")
  @EnumSource(FailureCode.class)
  void everyEngineCodeHasTheRetryabilityOfItsContractCode(FailureCode code) {
    ErrorCode contract = ErrorCodes.of(code);
    assertThat(contract).isNotIn(WORKER_ONLY);
    if (!FOLDED.containsKey(code)) {
      assertThat(contract.name()).isEqualTo(code.name());
    }
    assertThat(code.retryable()).as(code + " -> " + contract).isEqualTo(contract.retryable());
    assertThat(new ShellbusException(code, "x").retryable()).isEqualTo(contract.retryable());
  }

  @Test
  void theTableIsOneToOneButForTheFoldsAndReachesEveryEngineSideContractCode() {
    Map<ErrorCode, FailureCode> reached = new EnumMap<>(ErrorCode.class);
    for (FailureCode code : FailureCode.values()) {
      if (!FOLDED.containsKey(code)) {
        assertThat(reached.put(ErrorCodes.of(code), code)).as(code.name()).isNull();
      }
    }
    Set<ErrorCode> expected = EnumSet.allOf(ErrorCode.class);
    expected.removeAll(WORKER_ONLY);
    assertThat(reached.keySet()).isEqualTo(expected);
  }

  @Test
  void retryableConflictsHaveTheirOwnCode() {
    assertThat(ErrorCode.CONFLICT.retryable()).isFalse();
    assertThat(FailureCode.CONFLICT.retryable()).isFalse();
    assertThat(ErrorCodes.of(FailureCode.ABORTED)).isEqualTo(ErrorCode.ABORTED);
    assertThat(ErrorCode.ABORTED.retryable()).isTrue();
    assertThat(ErrorCodes.of(FailureCode.EXEC_INTERRUPTED)).isEqualTo(ErrorCode.EXEC_INTERRUPTED);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FailureCode.class)
  void thePublishedResultCarriesTheCodesRetryability(FailureCode code) {
    ErrorInfo error = ErrorInfo.of(new ShellbusException(code, "failed"));
    Outcome outcome = new Outcome("req-1", 1, Outcome.Status.FAILED, List.of(), List.of(), Optional.empty(),
        Optional.empty(), List.of(), Optional.empty(), new Timings(Fixtures.NOW, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Fixtures.NOW),
        Optional.of(error), List.of());
    SandboxResult r = new ResultMapper("w-1").fromOutcome(Fixtures.secretJob(), outcome, SecretScrubber.NONE);
    assertThat(r.getError().getCode()).isEqualTo(ErrorCodes.of(code).name());
    assertThat(r.getError().getRetryable()).isEqualTo(ErrorCodes.of(code).retryable()).isEqualTo(error.retryable());
  }
}

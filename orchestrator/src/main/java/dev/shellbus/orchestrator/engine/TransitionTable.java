package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.Action.AWAIT_READY;
import static dev.shellbus.orchestrator.engine.Action.CLEAN_UP;
import static dev.shellbus.orchestrator.engine.Action.COLLECT;
import static dev.shellbus.orchestrator.engine.Action.COMPLETE;
import static dev.shellbus.orchestrator.engine.Action.CREATE_SANDBOX;
import static dev.shellbus.orchestrator.engine.Action.LOCATE_SESSION;
import static dev.shellbus.orchestrator.engine.Action.RUN_STEPS;
import static dev.shellbus.orchestrator.engine.Action.UPLOAD_INPUTS;
import static dev.shellbus.orchestrator.engine.RequestState.ACCEPTED;
import static dev.shellbus.orchestrator.engine.RequestState.CANCELLED;
import static dev.shellbus.orchestrator.engine.RequestState.CLEANING_UP;
import static dev.shellbus.orchestrator.engine.RequestState.COLLECTING;
import static dev.shellbus.orchestrator.engine.RequestState.CREATING;
import static dev.shellbus.orchestrator.engine.RequestState.FAILED;
import static dev.shellbus.orchestrator.engine.RequestState.LOCATING;
import static dev.shellbus.orchestrator.engine.RequestState.RUNNING_STEP;
import static dev.shellbus.orchestrator.engine.RequestState.SUCCEEDED;
import static dev.shellbus.orchestrator.engine.RequestState.TIMED_OUT;
import static dev.shellbus.orchestrator.engine.RequestState.UPLOADING;
import static dev.shellbus.orchestrator.engine.RequestState.WAITING_READY;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request lifecycle as data: every allowed (state, event) pair with its target state and
 * action. Anything not listed is a bug and fails loudly. Only phase changes are rows: progress within
 * a phase (a step started, an input written) is reported by {@link RequestProgress} next to the table. Jobs go ACCEPTED, CREATING,
 * WAITING_READY, UPLOADING, RUNNING_STEP, COLLECTING, CLEANING_UP; sessions skip what they do not
 * need (session calls start by LOCATING their sandbox). Every interruption (failure, cancel,
 * deadline) leads to CLEANING_UP, the only way into a terminal state. A test fails when a row is
 * never exercised by the engine tests.
 */
final class TransitionTable {
  private static final List<Transition> ROWS = build();
  private static final Map<RequestState, Map<RequestEvent, Transition>> INDEX = index(ROWS);

  private TransitionTable() {}

  /** Every row, in declaration order. */
  static List<Transition> rows() {
    return ROWS;
  }

  /** The row for {@code event} in {@code state}, if the table allows it. */
  static Optional<Transition> find(RequestState state, RequestEvent event) {
    return Optional.ofNullable(INDEX.getOrDefault(state, Map.of()).get(event));
  }

  private static List<Transition> build() {
    List<Transition> rows = new ArrayList<>();
    row(rows, ACCEPTED, RequestEvent.CREATE, CREATING, CREATE_SANDBOX);
    row(rows, ACCEPTED, RequestEvent.LOCATE, LOCATING, LOCATE_SESSION);
    interruptions(rows, ACCEPTED);

    row(rows, LOCATING, RequestEvent.UPLOAD, UPLOADING, UPLOAD_INPUTS);
    row(rows, LOCATING, RequestEvent.RUN_STEPS, RUNNING_STEP, RUN_STEPS);
    row(rows, LOCATING, RequestEvent.COLLECT, COLLECTING, COLLECT);
    row(rows, LOCATING, RequestEvent.CLEAN_UP, CLEANING_UP, CLEAN_UP);
    interruptions(rows, LOCATING);

    row(rows, CREATING, RequestEvent.SANDBOX_CREATED, WAITING_READY, AWAIT_READY);
    row(rows, CREATING, RequestEvent.SANDBOX_ADOPTED, WAITING_READY, AWAIT_READY);
    interruptions(rows, CREATING);

    row(rows, WAITING_READY, RequestEvent.SANDBOX_READY, UPLOADING, UPLOAD_INPUTS);
    interruptions(rows, WAITING_READY);

    row(rows, UPLOADING, RequestEvent.RUN_STEPS, RUNNING_STEP, RUN_STEPS);
    row(rows, UPLOADING, RequestEvent.CLEAN_UP, CLEANING_UP, CLEAN_UP);
    interruptions(rows, UPLOADING);

    row(rows, RUNNING_STEP, RequestEvent.COLLECT, COLLECTING, COLLECT);
    row(rows, RUNNING_STEP, RequestEvent.CLEAN_UP, CLEANING_UP, CLEAN_UP);
    interruptions(rows, RUNNING_STEP);

    row(rows, COLLECTING, RequestEvent.CLEAN_UP, CLEANING_UP, CLEAN_UP);
    interruptions(rows, COLLECTING);

    row(rows, CLEANING_UP, RequestEvent.FINISH_SUCCEEDED, SUCCEEDED, COMPLETE);
    row(rows, CLEANING_UP, RequestEvent.FINISH_FAILED, FAILED, COMPLETE);
    row(rows, CLEANING_UP, RequestEvent.FINISH_CANCELLED, CANCELLED, COMPLETE);
    row(rows, CLEANING_UP, RequestEvent.FINISH_TIMED_OUT, TIMED_OUT, COMPLETE);
    return List.copyOf(rows);
  }

  private static void interruptions(List<Transition> rows, RequestState state) {
    row(rows, state, RequestEvent.FAIL, CLEANING_UP, CLEAN_UP);
    row(rows, state, RequestEvent.CANCEL, CLEANING_UP, CLEAN_UP);
    row(rows, state, RequestEvent.DEADLINE, CLEANING_UP, CLEAN_UP);
  }

  private static void row(List<Transition> rows, RequestState from, RequestEvent event, RequestState to, Action action) {
    rows.add(new Transition(from, event, to, action));
  }

  private static Map<RequestState, Map<RequestEvent, Transition>> index(List<Transition> rows) {
    Map<RequestState, Map<RequestEvent, Transition>> index = new EnumMap<>(RequestState.class);
    for (Transition t : rows) {
      Transition previous = index.computeIfAbsent(t.from(), s -> new EnumMap<>(RequestEvent.class)).put(t.event(), t);
      if (previous != null) {
        throw new IllegalStateException("duplicate transition " + t.from() + " x " + t.event());
      }
    }
    return index;
  }
}

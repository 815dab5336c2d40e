package dev.hypha.test;

import static dev.hypha.test.HistoryAssert.assertRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskState;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The failure messages of the history assertions, word for word. */
@HyphaTest
class HistoryAssertTest {
  private Run<String> run;

  /** The failed run every test asserts on: charge failed twice, a minute apart; ship skipped. */
  private String history;

  @BeforeEach
  void declineAnOrder(Hypha hypha) {
    run = DeclinedFlow.bind(hypha, new Declined()).start("o-1");
    assertThatThrownBy(() -> run.await(Duration.ofSeconds(30)))
        .isInstanceOf(RunFailedException.class);
    history =
        "history of run "
            + run.id()
            + " of flow declined: FAILED, started 2026-01-01T00:00:00Z, ended"
            + " 2026-01-01T00:01:00Z\n"
            + "  load    SUCCEEDED  attempt 1, ready at 2026-01-01T00:00:00Z, output \"o-1\"\n"
            + "  charge  FAILED     attempt 2, ready at 2026-01-01T00:01:00Z, error"
            + " java.lang.IllegalStateException: card declined for o-1\n"
            + "            attempt 1 FAILED at 2026-01-01T00:00:00Z:"
            + " java.lang.IllegalStateException: card declined for o-1\n"
            + "            attempt 2 FAILED at 2026-01-01T00:01:00Z:"
            + " java.lang.IllegalStateException: card declined for o-1\n"
            + "  ship    SKIPPED    attempt 0, UPSTREAM_FAILED";
  }

  @Test
  void aRunInAnotherStateIsNamedWithItsFirstErrorAndItsHistory() {
    AssertionFailedError error =
        catchThrowableOfType(AssertionFailedError.class, () -> assertRun(run).succeeded());

    assertThat(error)
        .hasMessage(
            "run "
                + run.id()
                + " of flow declined: expected SUCCEEDED but it is FAILED (first error, in task"
                + " charge: java.lang.IllegalStateException: card declined for o-1)\n"
                + history);
    assertThat(error.getExpected().getValue()).isEqualTo(RunState.SUCCEEDED);
    assertThat(error.getActual().getValue()).isEqualTo(RunState.FAILED);
  }

  @Test
  void aTaskInAnotherStateIsNamedWithItsError() {
    assertThatThrownBy(() -> assertRun(run).failed().task("charge").succeeded())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "run "
                + run.id()
                + " of flow declined: expected task \"charge\" to be SUCCEEDED but it is FAILED,"
                + " with the error java.lang.IllegalStateException: card declined for o-1\n"
                + history);
  }

  @Test
  void theAttemptsAreCountedInTheMessage() {
    assertThatThrownBy(() -> assertRun(run).task("charge").hasAttempts(3))
        .hasMessage(
            "run "
                + run.id()
                + " of flow declined: expected task \"charge\" to have made 3 attempt(s) but it"
                + " made 2\n"
                + history);
  }

  @Test
  void anUnknownTaskIsNamedWithTheTasksThereAre() {
    assertThatThrownBy(() -> assertRun(run).task("chrage"))
        .hasMessage(
            "run "
                + run.id()
                + " of flow declined: expected a task \"chrage\" but it has none of that name; its"
                + " tasks: load, charge, ship\n"
                + history);
  }

  @Test
  void outputsAndFailuresAreComparedAsRecorded() {
    assertThatThrownBy(() -> assertRun(run).task("load").hasOutput("\"o-2\""))
        .hasMessageStartingWith(
            "run "
                + run.id()
                + " of flow declined: expected task \"load\" to have the output \"o-2\" but it has"
                + " \"o-1\"\n");
    assertThatThrownBy(() -> assertRun(run).task("charge").hasFailures("card declined for o-1"))
        .hasMessageStartingWith(
            "run "
                + run.id()
                + " of flow declined: expected task \"charge\" to have failed attempts with the"
                + " messages [card declined for o-1] but they are [card declined for o-1, card"
                + " declined for o-1]\n");
  }

  @Test
  void whatHoldsPassesAndChains() {
    assertRun(run)
        .failed()
        .task("load")
        .succeeded()
        .hasOutput("\"o-1\"")
        .and()
        .task("charge")
        .failed()
        .hasAttempts(2)
        .hasFailures("card declined for o-1", "card declined for o-1")
        .and()
        .task("ship")
        .hasState(TaskState.SKIPPED);
  }

  @Test
  void aRunTheStoreDoesNotHoldIsNamed(Hypha hypha) {
    RunId unknown = RunId.generate(0);
    assertThatThrownBy(() -> assertRun(hypha, unknown))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "expected run "
                + unknown
                + " in the store "
                + hypha.location()
                + ", but it holds no such run");
  }
}

package dev.hypha.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.testing.SharedStores;
import dev.hypha.samples.ChildJvm;
import dev.hypha.samples.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A worker frozen with SIGSTOP in the middle of a task loses its lease; another worker re-claims
 * the task and finishes it as attempt 2. When the frozen worker is woken with SIGCONT and its
 * attempt ends, its result must be refused (fenced by lease token and attempt): the stored output
 * stays the second worker's, and the history keeps the first attempt as INTERRUPTED.
 */
class WorkerFencingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aFrozenWorkersLateResultIsNotRecorded(String kind) throws Exception {
    String url = SharedStores.fresh(kind, dir);
    ChildJvm frozen = null;
    ChildJvm second = null;
    try (Hypha client = Hypha.connect(url)) {
      frozen = WorkerProcess.start(url, "frozen", LeaseFence.QUEUE, 1, "lease-fence");
      Run<String> run = LeaseFenceFlow.client(client).start("parcel");
      String attempt1 = run.id() + "/hold attempt 1";
      assertThat(frozen.awaitLine("began " + attempt1 + " on frozen", WAIT.toMillis()))
          .as("the first worker did not begin the task:%n%s", frozen.output())
          .isTrue();
      frozen.signal("STOP");

      second = WorkerProcess.start(url, "second", LeaseFence.QUEUE, 1, "lease-fence");
      assertThat(run.await(WAIT)).isEqualTo("parcel held by second in attempt 2");
      assertThat(second.linesContaining("ended " + run.id() + "/hold attempt 2 on second"))
          .hasSize(1);
      assertThat(frozen.linesContaining("ended ")).isEmpty();

      frozen.signal("CONT");
      ChildJvm woken = frozen;
      assertThat(
              Eventually.within(WAIT, () -> !woken.linesContaining("was not recorded").isEmpty()))
          .as(
              "the woken worker did not say that its late result was not recorded:%n%s",
              frozen.output())
          .isTrue();
      System.out.println(
          "[" + kind + "] woken worker: " + frozen.linesContaining("was not recorded"));
      assertThat(frozen.linesContaining("ended " + attempt1 + " on frozen"))
          .as("the woken worker finished its attempt:%n%s", frozen.output())
          .hasSize(1);

      assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(LeaseFenceFlow.client(client).outputs(run.id()).hold())
          .contains("parcel held by second in attempt 2");
      TaskRecord hold = run.detail().task("hold").orElseThrow();
      assertThat(hold.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(hold.attempt()).isEqualTo(2);
      assertThat(hold.worker()).contains("second");
      assertThat(hold.outputJson()).hasValueSatisfying(json -> assertThat(json).contains("second"));
      assertThat(hold.failures()).hasSize(1);
      AttemptRecord first = hold.failures().get(0);
      assertThat(first.attempt()).isEqualTo(1);
      assertThat(first.outcome()).isEqualTo(AttemptRecord.Outcome.INTERRUPTED);
      assertThat(first.worker()).contains("frozen");
      assertThat(first.error().type()).isEqualTo(AttemptRecord.INTERRUPTED_TYPE);
      assertThat(frozen.isAlive()).as("the woken worker goes on").isTrue();
    } catch (AssertionError e) {
      throw new AssertionError(
          "["
              + kind
              + "] "
              + e.getMessage()
              + "\n--- frozen:\n"
              + output(frozen)
              + "\n--- second:\n"
              + output(second),
          e);
    } finally {
      if (frozen != null) {
        if (frozen.isAlive()) {
          frozen.signal("CONT");
        }
        frozen.close();
      }
      if (second != null) {
        second.close();
      }
    }
  }

  private static String output(ChildJvm worker) {
    return worker == null ? "(not started)" : worker.output();
  }
}

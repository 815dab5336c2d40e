package dev.hypha.samples.flaky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlakyImportDemoTest {
  @TempDir Path dir;

  @Test
  void theImportFailsTwiceAndSucceedsOnItsThirdAttemptWithBothFailuresInItsHistory()
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RunDetail detail =
        FlakyImportDemo.run(
            dir.resolve("flaky.db"), new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);

    assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(detail.tasks())
        .extracting(TaskRecord::name, TaskRecord::kind, TaskRecord::state, TaskRecord::attempt)
        .containsExactly(
            tuple("locate", TaskKind.TASK, TaskState.SUCCEEDED, 1),
            tuple("importProducts", TaskKind.TASK, TaskState.SUCCEEDED, 3),
            tuple("publish", TaskKind.TASK, TaskState.SUCCEEDED, 1));
    TaskRecord download = detail.task("importProducts").orElseThrow();
    assertThat(download.error()).as("the task succeeded in the end").isEmpty();
    assertThat(download.failures()).extracting(AttemptRecord::attempt).containsExactly(1, 2);
    assertThat(download.failures())
        .allSatisfy(
            failure -> {
              assertThat(failure.timedOut()).isFalse();
              assertThat(failure.error().type())
                  .isEqualTo(SupplierUnavailableException.class.getName());
            });
    assertThat(download.failures().get(1).error().message())
        .isEqualTo(
            "no answer from https://tea-supplies.example/feeds/spring.json (call 2 of the"
                + " supplier's API timed out)");
    // 50 ms before attempt 2, then twice that before attempt 3: the row keeps the last due time.
    assertThat(download.readyAt().get())
        .isEqualTo(download.failures().get(1).finishedAt().plusMillis(100));
    assertThat(download.startedAt().get()).isAfterOrEqualTo(download.readyAt().get());
    assertThat(download.failures().get(1).startedAt().get())
        .isAfterOrEqualTo(download.failures().get(0).finishedAt().plusMillis(50));

    assertThat(output)
        .contains("published 3 products as catalogue/spring")
        .contains("attempt 3: 3 products");
    assertThat(output.lines().map(String::strip).toList())
        .containsSubsequence(
            "run " + detail.id() + "  SUCCEEDED",
            "TASK         importProducts               SUCCEEDED  attempt 3",
            "attempt 1 failed: SupplierUnavailableException: no answer from"
                + " https://tea-supplies.example/feeds/spring.json (call 1 of the supplier's API"
                + " timed out)",
            "attempt 2 failed: SupplierUnavailableException: no answer from"
                + " https://tea-supplies.example/feeds/spring.json (call 2 of the supplier's API"
                + " timed out)",
            "TASK         publish                      SUCCEEDED  attempt 1");
    assertThat(output)
        .containsPattern(
            "importProducts +READY  attempt 1 failed \\(SupplierUnavailableException: .*\\), next"
                + " attempt due at ");
  }

  @Test
  void itsMainPrintsTheRunsHistory() throws Exception {
    Path database = dir.resolve("main.db");
    try (ChildJvm child = ChildJvm.start(FlakyImportDemo.class, database.toString())) {
      assertThat(child.waitFor(60_000)).as(child.output()).isZero();
      assertThat(child.output().lines().map(String::strip))
          .containsSubsequence(
              "History of flow catalog-import:",
              "TASK         importProducts               SUCCEEDED  attempt 3",
              "TASK         publish                      SUCCEEDED  attempt 1");
      assertThat(child.output()).contains("attempt 2 failed: SupplierUnavailableException");
    }
    try (Hypha hypha = Hypha.open(database)) {
      RunSummary run = hypha.history().find(RunQuery.builder().build()).items().get(0);
      assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(hypha.history().detail(run.id()).get().task("importProducts").get().failures())
          .hasSize(2);
    }
  }
}

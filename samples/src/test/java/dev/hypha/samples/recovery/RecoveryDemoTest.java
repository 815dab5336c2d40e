package dev.hypha.samples.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryDemoTest {
  @TempDir Path dir;

  @Test
  void aRunWhoseProcessDiedGoesOnWithoutRepeatingItsSucceededTasks() throws Exception {
    Path database = dir.resolve("recovery.db");
    try (ChildJvm child = ChildJvm.start(RecoveryDemo.class, "crash", database.toString())) {
      assertThat(child.waitFor(60_000)).as(child.output()).isEqualTo(137);
      assertThat(child.output()).contains("failed as expected: negative reading -1 on 2026-11-21");
      assertThat(child.output()).contains("the process dies in the middle of summarize");
    }

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RunId resumed =
        RecoveryDemo.resume(database, new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(resumed).isNotNull();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("resumed and published https://reports.example/2026-11-22");

    try (Hypha hypha = Hypha.open(database)) {
      RunDetail detail = hypha.history().detail(resumed).orElseThrow();
      assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(detail.task("fetch").get().attempt()).isEqualTo(1);
      assertThat(detail.task("clean").get().attempt()).isEqualTo(1);
      assertThat(detail.task("archive").get().attempt()).isEqualTo(1);
      assertThat(detail.task("summarize").get().attempt()).isEqualTo(2);
      assertThat(detail.task("publish").get().attempt()).isEqualTo(1);
      assertThat(detail.task("summarize").get().worker())
          .isNotEqualTo(detail.task("fetch").get().worker());

      RunDetail failed =
          hypha
              .history()
              .find(dev.hypha.runtime.RunQuery.builder().state(RunState.FAILED).build())
              .items()
              .stream()
              .map(summary -> hypha.history().detail(summary.id()).orElseThrow())
              .findFirst()
              .orElseThrow();
      assertThat(failed.task("clean").get().state()).isEqualTo(TaskState.FAILED);
      assertThat(failed.task("archive").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(failed.task("summarize").get().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(failed.task("publish").get().state()).isEqualTo(TaskState.SKIPPED);
    }
  }
}

package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written before branches (schema version 4, no skip reasons) opens with this code: it is
 * brought to the latest version, its runs keep their history, and a task it recorded SKIPPED reads
 * as skipped because its upstream failed, the only reason there was.
 */
class SchemaUpgradeTest {
  @TempDir Path dir;

  @Test
  void aVersion4StoreIsUpgradedAndItsSkippedTasksReadAsUpstreamFailed() throws Exception {
    Path file = dir.resolve("h.db");
    LambdaFlow flow = RunSemanticsTest.failingChain();
    RunId id;
    try (Hypha hypha = Hypha.open(file)) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      id = run.id();
      Waits.until(() -> run.state().isFinal(), "the run to end");
    }
    // Back to version 4: as Hypha before branches left the file.
    StoreErrorsTest.execute(file, "ALTER TABLE tasks DROP COLUMN skip_reason");
    StoreErrorsTest.execute(file, "ALTER TABLE tasks DROP COLUMN not_before");
    StoreErrorsTest.execute(file, "ALTER TABLE tasks DROP COLUMN input_json");
    StoreErrorsTest.execute(file, "ALTER TABLE tasks DROP COLUMN next_instance");
    StoreErrorsTest.execute(file, "DROP TABLE signals");
    StoreErrorsTest.execute(file, "DROP INDEX runs_by_parent");
    StoreErrorsTest.execute(file, "ALTER TABLE runs DROP COLUMN parent_task");
    StoreErrorsTest.execute(file, "ALTER TABLE runs DROP COLUMN caller_context");
    StoreErrorsTest.execute(file, "DELETE FROM hypha_schema WHERE version >= 5");
    try (Hypha hypha = Hypha.open(file)) {
      RunDetail detail = hypha.history().detail(id).orElseThrow();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      TaskRecord skipped = detail.task("after").orElseThrow();
      assertThat(skipped.state()).isEqualTo(TaskState.SKIPPED);
      assertThat(skipped.skipReason()).contains(SkipReason.UPSTREAM_FAILED);
      assertThat(detail.task("first").orElseThrow().skipReason()).isEmpty();
      Run<Object> again = hypha.bind(flow, flow).start(null);
      Waits.until(() -> again.state().isFinal(), "the run to end");
      assertThat(again.detail().task("after").orElseThrow().skipReason())
          .contains(SkipReason.UPSTREAM_FAILED);
    }
  }
}

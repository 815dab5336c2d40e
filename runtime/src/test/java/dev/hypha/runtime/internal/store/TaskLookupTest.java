package dev.hypha.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading one task's output, as the generated {@code Outputs} do, finds its row by key in a run of
 * 10,000 tasks (its plan is in {@link QueryPlanTest}), and by name in a run of another shape.
 */
class TaskLookupTest {
  private static final int WIDTH = 10_000;

  @TempDir Path dir;
  private SqliteStore store;
  private final RunId runId = RunId.generate(1_000);

  @BeforeEach
  void oneWideRun() {
    store = SqliteStore.open(dir.resolve("wide.db"), Duration.ofSeconds(5), false, 0);
    WriteBatch batch = new WriteBatch();
    batch.insertRun(runId, 1, "wide", "shape", "null", null, 1_000, WIDTH);
    for (int task = 0; task < WIDTH; task++) {
      batch
          .insertTask(1, task, "t" + task, TaskKind.TASK, "default", TaskState.SUCCEEDED)
          .output(Integer.toString(task));
    }
    store.write(batch);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theLastTaskOfAWideRunIsFoundWithItsOutput() {
    for (int task : List.of(0, 4_711, WIDTH - 1)) {
      StoredTask row = store.task(runId, "shape", task, "t" + task).orElseThrow();
      assertThat(row.index()).isEqualTo(task);
      assertThat(row.name()).isEqualTo("t" + task);
      assertThat(row.outputJson()).isEqualTo(Integer.toString(task));
    }
  }

  @Test
  void aTaskWithoutARowYetHasNone() {
    assertThat(store.task(runId, "shape", WIDTH, "t" + WIDTH)).isEmpty();
    assertThat(store.task(RunId.generate(2_000), "shape", 2, "t2")).isEmpty();
  }

  @Test
  void aRunOfAnotherShapeIsSearchedByName() {
    // The task "t7" of the flow version asking sits at index 2 there, but at 7 in this run.
    assertThat(store.task(runId, "other", 2, "t7").orElseThrow().outputJson()).isEqualTo("7");
    assertThat(store.task(runId, "other", 2, "not-in-this-run")).isEmpty();
  }
}

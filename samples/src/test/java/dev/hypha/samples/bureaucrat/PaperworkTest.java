package dev.hypha.samples.bureaucrat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.bureaucrat.Paperwork.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bureaucrat's example process end to end: every participant stamps the file and the process
 * succeeds; a participant who does not stamp it aborts the process with the fault, recorded on that
 * participant, and the next participant never runs.
 */
class PaperworkTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void everyParticipantStampsTheFile(EngineKind engine) {
    try (Hypha hypha = engine.open(dir.resolve("paperwork.db"))) {
      PaperworkFlow flow = PaperworkFlow.bind(hypha, new Paperwork());
      assertThat(flow.start(new File("f-1", 0)).await(WAIT)).isEqualTo(new File("f-1", 3));
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aParticipantWhoDoesNotStampAbortsTheProcessAndTheNextNeverRuns(EngineKind engine) {
    try (Hypha hypha = engine.open(dir.resolve("paperwork.db"))) {
      PaperworkFlow flow = PaperworkFlow.bind(hypha, new Paperwork(Set.of("manager")));
      Run<File> run = flow.start(new File("f-2", 0));
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              failed -> {
                assertThat(failed.error().task()).isEqualTo("manager");
                assertThat(failed.error().type()).endsWith("NoStampException");
                assertThat(failed.error().message())
                    .isEqualTo("manager did not stamp file f-2 (it still has 1)");
              });
      assertThat(run.detail().tasks())
          .extracting(TaskRecord::name, TaskRecord::state, TaskRecord::skipReason)
          .containsExactly(
              tuple("clerk", TaskState.SUCCEEDED, Optional.empty()),
              tuple("manager", TaskState.FAILED, Optional.empty()),
              tuple("director", TaskState.SKIPPED, Optional.of(SkipReason.UPSTREAM_FAILED)));
      assertThat(flow.outputs(run.id()).clerk()).contains(new File("f-2", 1));
      assertThat(flow.outputs(run.id()).director()).isEmpty();
    }
  }
}

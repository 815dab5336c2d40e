package dev.hypha.samples.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.Journal;
import dev.hypha.samples.callbacks.Invoice.InvoiceRequest;
import dev.hypha.samples.callbacks.Invoice.Receipt;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code @OnSuccess} and {@code @OnFailure}: what they receive, and that they cannot change the
 * run.
 */
class CallbackTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REFUSED =
      IllegalStateException.class.getName() + ": mail server refused invoice ";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void onSuccessReceivesTheTypedResultOnceAfterTheLastTask(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("invoice.db"))) {
      Run<Receipt> run = start(hypha, journal, new InvoiceRequest("inv-1", false, false, false));
      assertThat(run.await(WAIT)).isEqualTo(new Receipt("inv-1", "mail"));

      RunDetail detail = run.detail();
      TaskRecord archive = detail.task("on-success:archive").orElseThrow();
      assertThat(archive.kind()).isEqualTo(TaskKind.ON_SUCCESS);
      assertThat(archive.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(archive.startedAt().get())
          .isAfterOrEqualTo(detail.task("send").get().finishedAt().get());
      assertThat(detail.summary().finishedAt().get()).isAfterOrEqualTo(archive.finishedAt().get());
      assertThat(detail.task("on-failure:alert")).isEmpty();
      assertThat(journal.entries())
          .containsExactly("archive Receipt[number=inv-1, channel=mail] in on-success:archive");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aFailingOnSuccessIsRecordedAndTheRunStillSucceeds(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("invoice.db"))) {
      Run<Receipt> run = start(hypha, journal, new InvoiceRequest("inv-2", false, true, false));
      assertThat(run.await(WAIT)).isEqualTo(new Receipt("inv-2", "mail"));

      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(detail.summary().error()).isEmpty();
      assertThat(run.resultNow()).contains(new Receipt("inv-2", "mail"));
      TaskRecord archive = detail.task("on-success:archive").orElseThrow();
      assertThat(archive.state()).isEqualTo(TaskState.FAILED);
      assertThat(archive.error().map(TaskError::message)).contains("archive full");
      assertThat(journal.entries()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void onFailureReceivesTheRunsFirstErrorOnce(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("invoice.db"))) {
      Run<Receipt> run = start(hypha, journal, new InvoiceRequest("inv-3", true, false, false));
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);

      RunDetail detail = run.detail();
      TaskRecord alert = detail.task("on-failure:alert").orElseThrow();
      assertThat(alert.kind()).isEqualTo(TaskKind.ON_FAILURE);
      assertThat(alert.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("on-success:archive")).isEmpty();
      assertThat(journal.entries()).containsExactly("alert send: " + REFUSED + "inv-3");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aFailingOnFailureIsRecordedAndTheRunKeepsItsTasksError(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("invoice.db"))) {
      Run<Receipt> run = start(hypha, journal, new InvoiceRequest("inv-4", true, false, true));
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              failed -> assertThat(failed.error().task()).isEqualTo("send"));

      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      assertThat(detail.summary().error().get().task()).isEqualTo("send");
      TaskRecord alert = detail.task("on-failure:alert").orElseThrow();
      assertThat(alert.state()).isEqualTo(TaskState.FAILED);
      assertThat(alert.error().map(TaskError::message)).contains("pager offline");
      assertThat(journal.entries()).containsExactly("alert send: " + REFUSED + "inv-4");
    }
  }

  private static Run<Receipt> start(Hypha hypha, Journal journal, InvoiceRequest request) {
    return InvoiceFlow.bind(hypha, new Invoice(journal)).start(request);
  }
}

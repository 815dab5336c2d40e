package dev.hypha.samples.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.Journal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @Compensates}: which tasks are undone, in which order, and with what retries. */
class CompensationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aFailedRunUndoesItsSucceededTasksInReverseDependencyOrderOneAtATime(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("trip.db"))) {
      Run<String> run =
          TripFlow.bind(hypha, new Trip(journal)).start(new Trip.TripRequest("ada", true));
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              failed -> {
                assertThat(failed.error().task())
                    .as("the run's error is the task's, not a compensation's")
                    .isEqualTo("pay");
                assertThat(failed.error().message()).isEqualTo("payment of ada rejected");
              });
      RunDetail detail = run.detail();

      List<TaskRecord> compensations =
          detail.tasks().stream()
              .filter(row -> row.kind() == TaskKind.COMPENSATION)
              .sorted(Comparator.comparing(row -> row.startedAt().get()))
              .toList();
      assertThat(compensations)
          .as("only the succeeded tasks are compensated, never pay (failed) or itinerary (skipped)")
          .extracting(TaskRecord::name)
          .containsExactlyInAnyOrder("compensate:flight", "compensate:hotel", "compensate:car");
      assertThat(compensations.get(2).name())
          .as("the flight, which hotel and car depend on, is cancelled last")
          .isEqualTo("compensate:flight");
      for (int i = 1; i < compensations.size(); i++) {
        assertThat(compensations.get(i).startedAt().get())
            .as("%s starts after %s ended", compensations.get(i).name(), compensations.get(i - 1))
            .isAfterOrEqualTo(compensations.get(i - 1).finishedAt().get());
      }
      assertThat(compensations.get(0).startedAt().get())
          .isAfterOrEqualTo(detail.task("pay").get().finishedAt().get());
      assertThat(journal.entries())
          .containsSubsequence("cancelled car-for-flight-ada", "cancelled flight-ada")
          .containsSubsequence("cancelHotel attempt 2", "cancelled flight-ada")
          .doesNotContain("refunded payment-ada");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aFailingCompensationIsRetriedPerItsOwnRetryThenFailedWhileTheOthersStillRun(
      EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("trip.db"))) {
      Run<String> run =
          TripFlow.bind(hypha, new Trip(journal)).start(new Trip.TripRequest("bob", true));
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      RunDetail detail = run.detail();

      TaskRecord hotel = detail.task("compensate:hotel").orElseThrow();
      assertThat(hotel.state()).isEqualTo(TaskState.FAILED);
      assertThat(hotel.attempt()).isEqualTo(2);
      assertThat(hotel.failures()).extracting(AttemptRecord::attempt).containsExactly(1, 2);
      assertThat(hotel.failures())
          .extracting(failure -> failure.error().message())
          .containsOnly("the hotel's desk is closed");
      TaskRecord car = detail.task("compensate:car").orElseThrow();
      assertThat(car.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(car.attempt()).isEqualTo(2);
      assertThat(car.failures())
          .singleElement()
          .satisfies(
              failure -> assertThat(failure.error().message()).isEqualTo("the car desk is busy"));
      assertThat(car.error()).isEmpty();
      assertThat(detail.task("compensate:flight").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.task("pay").get().state()).isEqualTo(TaskState.FAILED);
      assertThat(detail.task("itinerary").get().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(detail.task("compensate:pay")).isEmpty();
      assertThat(detail.task("compensate:itinerary")).isEmpty();
      assertThat(journal.entries())
          .filteredOn(entry -> entry.startsWith("cancel"))
          .containsExactlyInAnyOrder(
              "cancelHotel attempt 1",
              "cancelHotel attempt 2",
              "cancelCar attempt 1 failed",
              "cancelled car-for-flight-bob",
              "cancelled flight-bob");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aSucceededRunCompensatesNothing(EngineKind engine) {
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(dir.resolve("trip.db"))) {
      Run<String> run =
          TripFlow.bind(hypha, new Trip(journal)).start(new Trip.TripRequest("cy", false));
      assertThat(run.await(WAIT)).isEqualTo("itinerary paid by payment-cy");
      assertThat(run.detail().tasks()).extracting(TaskRecord::kind).containsOnly(TaskKind.TASK);
      assertThat(journal.entries()).allMatch(entry -> entry.startsWith("booked "));
    }
  }
}

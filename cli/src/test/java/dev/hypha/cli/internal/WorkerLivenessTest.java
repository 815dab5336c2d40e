package dev.hypha.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.WorkerRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerLivenessTest {
  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");

  @Test
  void aQueueIsServedByAWorkerSeenLatelyThatHasNotStopped() {
    WorkerRecord live =
        new WorkerRecord(
            "a", List.of("billing"), NOW.minusSeconds(600), NOW.minusSeconds(5), Optional.empty());
    WorkerRecord stopped =
        new WorkerRecord(
            "b",
            List.of("mail"),
            NOW.minusSeconds(600),
            NOW.minusSeconds(5),
            Optional.of(NOW.minusSeconds(4)));
    WorkerRecord lost =
        new WorkerRecord(
            "c", List.of("ship"), NOW.minusSeconds(600), NOW.minusSeconds(61), Optional.empty());

    assertThat(
            WorkerLiveness.unserved(
                List.of("billing", "mail", "ship", "other"), List.of(live, stopped, lost), NOW))
        .containsExactly("mail", "ship", "other");
    assertThat(WorkerLiveness.live(live, NOW)).isTrue();
    assertThat(WorkerLiveness.live(stopped, NOW)).isFalse();
    assertThat(WorkerLiveness.live(lost, NOW)).isFalse();
  }
}

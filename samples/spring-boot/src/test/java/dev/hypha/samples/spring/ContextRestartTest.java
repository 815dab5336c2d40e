package dev.hypha.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application stopped with a run in flight and started again on the same SQLite file: the run
 * goes on in the new context, on the new context's beans.
 */
class ContextRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private ConfigurableApplicationContext start(String grace) {
    return new SpringApplicationBuilder(SpringSampleApplication.class, GatedPackerConfig.class)
        .run(
            "--hypha.store=" + dir.resolve("runs.db"),
            "--hypha.shutdown-grace=" + grace,
            "--spring.main.banner-mode=off");
  }

  @Test
  void aRunInFlightWhenTheContextClosesIsResumedByTheNextContext() throws Exception {
    GatedPackerConfig.gate = GatedPackerConfig.Gate.closed(false, 0);
    RunId id;
    try (ConfigurableApplicationContext first = start("200ms")) {
      Run<String> run = first.getBean(PackingFlow.class).start("o-7");
      id = run.id();
      assertThat(GatedPackerConfig.gate.entered().await(30, TimeUnit.SECONDS)).isTrue();
    } // closes while "pack" waits at the gate: the grace runs out, the attempt is cut short
    GatedPackerConfig.Gate held = GatedPackerConfig.gate;
    assertThat(held.packed()).isEmpty();

    GatedPackerConfig.gate = GatedPackerConfig.Gate.open();
    try (ConfigurableApplicationContext second = start("10s")) {
      PackingFlow packing = second.getBean(PackingFlow.class);

      assertThat(packing.run(id).await(WAIT)).isEqualTo("label:box(o-7)");
      assertThat(GatedPackerConfig.gate.packed()).containsExactly("o-7");
      RunDetail detail = packing.history().detail(id).orElseThrow();
      assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
      TaskRecord pack = detail.task("pack").orElseThrow();
      assertThat(pack.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(pack.attempt()).isEqualTo(2);
      assertThat(pack.failures())
          .extracting(AttemptRecord::outcome)
          .containsExactly(AttemptRecord.Outcome.INTERRUPTED);
    } finally {
      held.release().countDown(); // lets the first context's abandoned thread end
    }
  }

  @Test
  void closingTheContextLetsARunningTaskFinishAndRecordsIt() throws Exception {
    GatedPackerConfig.gate = GatedPackerConfig.Gate.closed(true, 300);
    RunId id;
    try (ConfigurableApplicationContext first = start("30s")) {
      id = first.getBean(PackingFlow.class).start("o-8").id();
      assertThat(GatedPackerConfig.gate.entered().await(30, TimeUnit.SECONDS)).isTrue();
    } // the gate opens as the context closes; "pack" finishes within the grace
    assertThat(GatedPackerConfig.gate.packed()).containsExactly("o-8");

    GatedPackerConfig.gate = GatedPackerConfig.Gate.open();
    try (ConfigurableApplicationContext second = start("10s")) {
      PackingFlow packing = second.getBean(PackingFlow.class);

      assertThat(packing.run(id).await(WAIT)).isEqualTo("label:box(o-8)");
      TaskRecord pack = packing.history().detail(id).orElseThrow().task("pack").orElseThrow();
      assertThat(pack.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(pack.attempt()).isEqualTo(1);
      assertThat(pack.failures()).isEmpty();
      // Recorded before the first context was gone, so the second one did not pack it again.
      assertThat(GatedPackerConfig.gate.packed()).isEmpty();
    }
  }
}

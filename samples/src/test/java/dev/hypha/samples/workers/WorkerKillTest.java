package dev.hypha.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.WorkerRecord;
import dev.hypha.runtime.testing.SharedStores;
import dev.hypha.samples.ChildJvm;
import dev.hypha.samples.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three worker JVMs of one shared store, started in a random order, share the runs a client starts;
 * one of them is killed with SIGKILL in the middle of a task and a replacement starts. Every run
 * must succeed with the right result, and the attempts the kill cut short must be in the history as
 * INTERRUPTED by the killed worker.
 *
 * <p>The order and delays come from a seed, printed with every run and every failure; {@code
 * -Dworkers.seed=<long>} sets it.
 */
class WorkerKillTest {
  private static final int RUNS = 10;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern BEGAN = Pattern.compile("began (\\S+) attempt (\\d+) on (\\S+)");

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void runsSucceedWhenAWorkerIsKilledMidTask(String kind) throws Exception {
    String given = System.getProperty("workers.seed", "");
    long seed = given.isBlank() ? new Random().nextLong() : Long.parseLong(given.trim());
    System.out.printf(
        "worker kill test (%s): seed %d (rerun with -Dworkers.seed=%d)%n", kind, seed, seed);
    try {
      killOneWorker(SharedStores.fresh(kind, dir), new Random(seed));
    } catch (AssertionError e) {
      throw new AssertionError("[" + kind + ", workers.seed=" + seed + "] " + e.getMessage(), e);
    }
  }

  private void killOneWorker(String url, Random random) throws Exception {
    Map<String, String> plan = new LinkedHashMap<>();
    plan.put("w1", Conveyor.QUEUE_A + "," + Conveyor.QUEUE_B);
    plan.put("w2", Conveyor.QUEUE_B + "," + Conveyor.QUEUE_C);
    plan.put("w3", Conveyor.QUEUE_A + "," + Conveyor.QUEUE_C);
    List<String> order = new ArrayList<>(plan.keySet());
    Collections.shuffle(order, random);
    int runsAfter = random.nextInt(order.size() + 1);
    Map<String, ChildJvm> workers = new LinkedHashMap<>();
    List<Run<String>> runs = new ArrayList<>();
    try (Hypha client = Hypha.connect(url)) {
      ConveyorFlow flow = ConveyorFlow.client(client);
      for (int i = 0; i <= order.size(); i++) {
        if (i == runsAfter) {
          for (int n = 0; n < RUNS; n++) {
            runs.add(flow.start(new Conveyor.Piece(n)));
          }
        }
        if (i < order.size()) {
          String name = order.get(i);
          workers.put(name, WorkerProcess.launch(url, name, plan.get(name), 2, "conveyor"));
          // A random gap between launches, not a wait for anything.
          Thread.sleep(random.nextInt(0, 300));
        }
      }
      try {
        for (Map.Entry<String, ChildJvm> worker : workers.entrySet()) {
          WorkerProcess.awaitReady(worker.getValue(), worker.getKey());
        }
        AtomicReference<String> victim = new AtomicReference<>();
        assertThat(
                Eventually.within(
                    WAIT,
                    () -> {
                      for (Map.Entry<String, ChildJvm> worker : workers.entrySet()) {
                        if (!unfinished(worker.getValue()).isEmpty()) {
                          victim.set(worker.getKey());
                          return true;
                        }
                      }
                      return false;
                    }))
            .as("no worker began a task within %s; outputs:%n%s", WAIT, outputs(workers))
            .isTrue();
        String killed = victim.get();
        ChildJvm victimJvm = workers.get(killed);
        assertThat(victimJvm.kill())
            .as("worker %s ended by itself before the kill:%n%s", killed, victimJvm.output())
            .isEqualTo(137);
        Instant killedAt = Instant.now();
        Set<String> cutShort = unfinished(victimJvm);
        System.out.println("killed " + killed + " in the middle of " + cutShort);

        workers.put(
            "w4", WorkerProcess.start(url, "w4", String.join(",", plan.values()), 2, "conveyor"));
        for (int n = 0; n < RUNS; n++) {
          Run<String> run = runs.get(n);
          assertThat(run.await(WAIT))
              .as("result of run %s (piece %d)", run.id(), n)
              .isEqualTo(Conveyor.expected(n));
        }

        List<String> interrupted = new ArrayList<>();
        for (Run<String> run : runs) {
          RunDetail detail = run.detail();
          assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
          for (String task : List.of("cut", "drill", "paint", "pack")) {
            TaskRecord record = detail.task(task).orElseThrow();
            assertThat(record.state())
                .as("%s of run %s", task, run.id())
                .isEqualTo(TaskState.SUCCEEDED);
            assertThat(record.worker()).as("%s of run %s", task, run.id()).isPresent();
            if (record.worker().get().equals(killed)) {
              assertThat(record.finishedAt().orElseThrow())
                  .as("%s of run %s, recorded by the killed worker", task, run.id())
                  .isBefore(killedAt);
            }
            for (AttemptRecord failure : record.failures()) {
              assertThat(failure.outcome())
                  .as("attempt %d of %s of run %s: %s", failure.attempt(), task, run.id(), failure)
                  .isEqualTo(AttemptRecord.Outcome.INTERRUPTED);
              assertThat(failure.worker())
                  .as(
                      "worker of interrupted attempt %d of %s of run %s",
                      failure.attempt(), task, run.id())
                  .contains(killed);
              assertThat(failure.attempt()).isLessThan(record.attempt());
              interrupted.add(run.id() + "/" + task + " attempt " + failure.attempt());
            }
          }
        }
        assertThat(interrupted)
            .as("the attempts the kill cut short, as recorded")
            .containsAll(cutShort)
            .isNotEmpty();
        assertThat(client.history().workers())
            .extracting(WorkerRecord::worker)
            .containsExactlyInAnyOrder("w1", "w2", "w3", "w4");
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\nworker outputs:\n" + outputs(workers), e);
      }
    } finally {
      for (ChildJvm worker : workers.values()) {
        worker.close();
      }
    }
  }

  /** The attempts ({@code <run>/<task> attempt <n>}) a worker began and has not said it ended. */
  static Set<String> unfinished(ChildJvm worker) {
    Set<String> began = new TreeSet<>();
    for (String line : worker.linesContaining("began ")) {
      Matcher matcher = BEGAN.matcher(line);
      if (matcher.find()) {
        began.add(matcher.group(1) + " attempt " + matcher.group(2));
      }
    }
    for (String line : worker.linesContaining("ended ")) {
      began.removeIf(attempt -> line.contains("ended " + attempt + " on"));
    }
    return began;
  }

  static String outputs(Map<String, ChildJvm> workers) {
    StringBuilder text = new StringBuilder();
    workers.forEach(
        (name, worker) ->
            text.append("--- ").append(name).append(":\n").append(worker.output()).append('\n'));
    return text.toString();
  }
}

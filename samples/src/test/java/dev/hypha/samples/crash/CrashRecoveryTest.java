package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.samples.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM running flows with SIGKILL at random moments, again and again, then lets a last one
 * finish. Every run must end SUCCEEDED with the right output, and the side-effect log must show
 * that no task recorded SUCCEEDED by one generation ever executed in a later one.
 */
class CrashRecoveryTest {
  private static final int KILLS = 22;
  private static final int NEW_RUNS_PER_GENERATION = 40;

  @TempDir Path dir;

  /** One line of the side-effect log: an execution of a task. */
  record Execution(String runId, String task, int generation, int attempt) {
    static Execution parse(String line) {
      String[] parts = line.split(" ");
      String[] key = parts[0].split("/");
      return new Execution(
          key[0], key[1], Integer.parseInt(parts[1].substring(4)), Integer.parseInt(parts[2]));
    }
  }

  @Test
  void runsSurviveRepeatedKillsAndNoSucceededTaskRunsTwice() throws Exception {
    Path database = dir.resolve("crash.db");
    Path log = dir.resolve("side-effects.log");
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    int kills = 0;
    for (int generation = 1; generation <= KILLS; generation++) {
      try (ChildJvm child = start(database, log, generation, "work")) {
        assertThat(child.awaitLine("ready", 60_000))
            .as("generation %d did not start: %s", generation, child.output())
            .isTrue();
        Thread.sleep(random.nextInt(20, 400));
        child.kill();
        kills++;
      }
    }
    try (ChildJvm last = start(database, log, KILLS + 1, "finish")) {
      assertThat(last.waitFor(120_000)).as(last.output()).isZero();
    }

    Map<String, List<Execution>> executions = new HashMap<>();
    for (String line : Files.readAllLines(log)) {
      Execution execution = Execution.parse(line);
      executions
          .computeIfAbsent(execution.runId() + "/" + execution.task(), k -> new ArrayList<>())
          .add(execution);
    }
    int runs = 0;
    int repeated = 0;
    try (Hypha hypha = Hypha.open(database)) {
      CrashFlowFlow flow =
          CrashFlowFlow.bind(hypha, new CrashFlow(dir.resolve("unused.log"), "gen-0"));
      List<RunSummary> all = new ArrayList<>();
      Page<RunSummary> page = flow.history().find(RunQuery.builder().limit(1000).build());
      all.addAll(page.items());
      while (page.nextPageToken().isPresent()) {
        page =
            flow.history()
                .find(RunQuery.builder().limit(1000).after(page.nextPageToken().get()).build());
        all.addAll(page.items());
      }
      for (RunSummary summary : all) {
        runs++;
        assertThat(summary.state()).as("run %s", summary.id()).isEqualTo(RunState.SUCCEEDED);
        RunDetail detail = flow.history().detail(summary.id()).orElseThrow();
        int input = Integer.parseInt(detail.inputJson().replaceAll("\\D", ""));
        assertThat(flow.outputs(summary.id()).tail()).contains(CrashFlow.expected(input));
        assertThat(flow.run(summary.id()).resultNow()).contains(CrashFlow.expected(input));
        for (TaskRecord task : detail.tasks()) {
          int succeededIn = Integer.parseInt(task.worker().orElseThrow().substring(4));
          List<Execution> ran =
              executions.getOrDefault(summary.id() + "/" + task.name(), List.of());
          assertThat(ran).as("executions of %s/%s", summary.id(), task.name()).isNotEmpty();
          assertThat(ran)
              .as(
                  "%s/%s succeeded in generation %d, so no later generation may run it",
                  summary.id(), task.name(), succeededIn)
              .allSatisfy(
                  execution -> assertThat(execution.generation()).isLessThanOrEqualTo(succeededIn));
          assertThat(ran.stream().filter(execution -> execution.generation() == succeededIn))
              .as("%s/%s ran once in the generation that recorded it", summary.id(), task.name())
              .hasSize(1);
          repeated += ran.size() - 1;
        }
      }
      assertThat(executions.keySet().stream().map(key -> key.split("/")[0]).distinct())
          .as("no task ran for a run whose start was not committed")
          .allSatisfy(
              runId ->
                  assertThat(all.stream().anyMatch(s -> s.id().value().equals(runId))).isTrue());
    }
    System.out.printf(
        "crash test: %d SIGKILLs (random seed %d), %d runs, %d executions repeated after a kill%n",
        kills, seed, runs, repeated);
    assertThat(kills).isGreaterThanOrEqualTo(20);
    assertThat(runs).isGreaterThan(KILLS);
  }

  private ChildJvm start(Path database, Path log, int generation, String mode) throws Exception {
    return ChildJvm.start(
        CrashWorker.class,
        database.toString(),
        log.toString(),
        "gen-" + generation,
        mode,
        String.valueOf(NEW_RUNS_PER_GENERATION));
  }
}

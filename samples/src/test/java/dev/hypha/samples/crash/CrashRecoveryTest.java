package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.AttemptRecord;
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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM running flows with SIGKILL at random moments, again and again, then lets a last one
 * finish. Every run must end SUCCEEDED with the right output, the side-effect log must show that no
 * task recorded SUCCEEDED by one generation ever executed in a later one, and each attempt cut
 * short must be in the history as INTERRUPTED. The kills must count: each must hit a live process
 * (none may end by itself), and some must catch runs in flight.
 *
 * <p>The random delays before the kills come from a seed, printed with every run and with every
 * failure; {@code -Dcrash.seed=<long>} sets it. The seed fixes when the kills are sent, not how far
 * the threads of the killed JVM have got by then, so a rerun with it repeats the schedule, not the
 * exact interleaving.
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
    String given = System.getProperty("crash.seed", "");
    long seed = given.isBlank() ? new Random().nextLong() : Long.parseLong(given.trim());
    System.out.printf("crash test: random seed %d (rerun with -Dcrash.seed=%d)%n", seed, seed);
    try {
      killAndFinish(seed);
    } catch (AssertionError e) {
      throw new AssertionError(
          "[crash.seed=" + seed + ", rerun with -Dcrash.seed=" + seed + "] " + e.getMessage(), e);
    }
  }

  private void killAndFinish(long seed) throws Exception {
    Path database = dir.resolve("crash.db");
    Path log = dir.resolve("side-effects.log");
    Random random = new Random(seed);
    Set<Integer> killedIdle = new TreeSet<>();
    for (int generation = 1; generation <= KILLS; generation++) {
      try (ChildJvm child = start(database, log, generation, "work")) {
        assertThat(child.awaitLine("ready", 60_000))
            .as("generation %d did not start: %s", generation, child.output())
            .isTrue();
        Thread.sleep(random.nextInt(20, 400));
        if (child.output().contains("all runs ended")) {
          killedIdle.add(generation);
        }
        assertThat(child.kill())
            .as(
                "generation %d was running when it was killed (a worker never ends by itself): %s",
                generation, child.output())
            .isEqualTo(137);
      }
    }
    try (ChildJvm last = start(database, log, KILLS + 1, "finish")) {
      assertThat(last.waitFor(120_000)).as(last.output()).isZero();
    }

    Map<String, List<Execution>> executions = new HashMap<>();
    Map<String, Set<Integer>> generationsOfRun = new HashMap<>();
    for (String line : Files.readAllLines(log)) {
      Execution execution = Execution.parse(line);
      executions
          .computeIfAbsent(execution.runId() + "/" + execution.task(), k -> new ArrayList<>())
          .add(execution);
      generationsOfRun
          .computeIfAbsent(execution.runId(), k -> new TreeSet<>())
          .add(execution.generation());
    }
    int runs = 0;
    int repeated = 0;
    int interrupted = 0;
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
          String name = summary.id() + "/" + task.name();
          int succeededIn = generation(task.worker().orElseThrow());
          List<Execution> ran = executions.getOrDefault(name, List.of());
          assertThat(ran).as("executions of %s", name).isNotEmpty();
          assertThat(ran)
              .as(
                  "%s succeeded in generation %d, so no later generation may run it",
                  name, succeededIn)
              .allSatisfy(
                  execution -> assertThat(execution.generation()).isLessThanOrEqualTo(succeededIn));
          assertThat(ran.stream().filter(execution -> execution.generation() == succeededIn))
              .as("%s ran once in the generation that recorded it, as its last attempt", name)
              .singleElement()
              .satisfies(execution -> assertThat(execution.attempt()).isEqualTo(task.attempt()));
          assertInterruptedAttempts(name, task, ran);
          repeated += ran.size() - 1;
          interrupted += task.failures().size();
        }
      }
      assertThat(executions.keySet().stream().map(key -> key.split("/")[0]).distinct())
          .as("no task ran for a run whose start was not committed")
          .allSatisfy(
              runId ->
                  assertThat(all.stream().anyMatch(s -> s.id().value().equals(runId))).isTrue());
    }

    // A generation whose kill caught work in flight: a run it executed went on in a later one.
    Set<Integer> cutShort = new TreeSet<>();
    for (Set<Integer> generations : generationsOfRun.values()) {
      int latest = generations.stream().mapToInt(Integer::intValue).max().orElseThrow();
      generations.stream().filter(generation -> generation < latest).forEach(cutShort::add);
    }
    System.out.printf(
        "crash test: %d SIGKILLs (random seed %d), %d of them in the middle of runs (generations"
            + " %s), %d after the generation's runs had all ended (generations %s); %d runs, %d"
            + " executions repeated after a kill, %d attempts recorded INTERRUPTED%n",
        KILLS,
        seed,
        cutShort.size(),
        cutShort,
        killedIdle.size(),
        killedIdle,
        runs,
        repeated,
        interrupted);
    assertThat(cutShort)
        .as("the kills interrupted work: some run was in flight at a kill and resumed later")
        .isNotEmpty();
    // noneMatch, not doesNotContainAnyElementsOf: a seed may kill no generation idle, and AssertJ
    // refuses an empty set of values to look for.
    assertThat(cutShort)
        .as("a generation killed after it saw all runs end left nothing in flight")
        .noneMatch(killedIdle::contains);
    assertThat(runs).isGreaterThan(KILLS);
  }

  /**
   * Each attempt of a task before its last was cut short by a kill: recorded INTERRUPTED by the
   * killed generation that had begun it, in order, so the last attempt's number is one more than
   * the number of attempts lost. An execution that left no such record (killed before its beginning
   * was committed) ran as the same attempt as the next one: every execution in the side-effect log
   * carries the number of an attempt that was recorded by its generation or a later one, and no
   * generation ran the task twice.
   */
  private static void assertInterruptedAttempts(String name, TaskRecord task, List<Execution> ran) {
    List<AttemptRecord> failures = task.failures();
    assertThat(task.attempt())
        .as("%s's last attempt follows the ones lost: %s", name, failures)
        .isEqualTo(failures.size() + 1);
    int[] recordedBy = new int[task.attempt() + 1];
    recordedBy[task.attempt()] = generation(task.worker().orElseThrow());
    for (int i = 0; i < failures.size(); i++) {
      AttemptRecord cut = failures.get(i);
      String which = name + " attempt " + (i + 1);
      assertThat(cut.outcome()).as(which).isEqualTo(AttemptRecord.Outcome.INTERRUPTED);
      assertThat(cut.attempt()).as(which).isEqualTo(i + 1);
      assertThat(cut.startedAt()).as(which).isPresent();
      recordedBy[i + 1] = generation(cut.worker().orElseThrow());
      assertThat(recordedBy[i + 1])
          .as("%s was begun by a killed generation", which)
          .isLessThanOrEqualTo(KILLS);
      if (i > 0) {
        assertThat(recordedBy[i + 1]).as(which).isGreaterThanOrEqualTo(recordedBy[i]);
      }
    }
    assertThat(ran.stream().map(Execution::generation).distinct().count())
        .as("%s ran at most once per generation: %s", name, ran)
        .isEqualTo(ran.size());
    for (Execution execution : ran) {
      assertThat(execution.attempt())
          .as("%s: %s ran an attempt that is recorded", name, execution)
          .isBetween(1, task.attempt());
      assertThat(execution.generation())
          .as("%s: %s ran no later than the generation that recorded its attempt", name, execution)
          .isLessThanOrEqualTo(recordedBy[execution.attempt()]);
    }
  }

  private static int generation(String worker) {
    return Integer.parseInt(worker.substring("gen-".length()));
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

package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.StoredTask;
import dev.hypha.runtime.internal.store.TaskKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Dynamic fan-out ({@code @ForEach}): a task that fans out is not run itself; when it would be, it
 * becomes RUNNING and one instance per element of its source's list is made, each a row of the run
 * ({@code task[index]}) with its own attempts, retries and timeouts. Instances are released into
 * the ready queue a few at a time, at most the task's concurrency (or the engine's in-flight limit)
 * at once, so a large fan-out neither floods the queue nor holds outputs in memory. When the last
 * instance ended the task fails with the first failure among them, or a worker reads the instances'
 * outputs back from the store in one range scan (after their commit) and the task succeeds with the
 * list. Part of the {@link Scheduler}; engine thread only.
 */
final class FanOuts {
  private final Scheduler scheduler;
  private final int defaultLimit;

  FanOuts(Scheduler scheduler, int defaultLimit) {
    this.scheduler = scheduler;
    this.defaultLimit = defaultLimit;
  }

  /** Task row {@code task}, which fans out, was claimed: it starts its instances. */
  void expand(ActiveRun run, int task, long readyAt) {
    Batch batch = scheduler.batch();
    run.attempts[task] = 1;
    var write =
        batch
            .write(run, task, TaskState.RUNNING)
            .attempt(1)
            .startedAt(batch.now)
            .worker(scheduler.workerId());
    if (readyAt > 0) {
      write.readyAt(readyAt);
    }
    batch.taskEvent(run, task, TaskState.RUNNING, batch.now, null);
    List<String> elements;
    try {
      elements = run.flow.loopSource(task) >= 0 ? firstState(run, task) : elementsOf(run, task);
    } catch (RuntimeException e) {
      scheduler.fail(run, task, TaskExecution.error(run.rowName(task), e), batch.now, batch.now);
      return;
    }
    int free = TaskKeys.MAX_TASKS - run.rowCount();
    if (capacity(run, task, elements) > free) {
      HyphaException tooMany = FanOutElements.tooMany(run.rowName(task), elements.size(), free);
      scheduler.fail(run, task, TaskExecution.error(run.rowName(task), tooMany), 0, batch.now);
      return;
    }
    FanOut fanOut = add(run, task, run.rowCount(), elements);
    release(run, fanOut);
    if (fanOut.over()) {
      over(run, fanOut);
    }
  }

  private FanOut add(ActiveRun run, int task, int base, List<String> elements) {
    if (base < run.rowCount()) {
      throw new IllegalStateException(
          "run "
              + run.id
              + ": the rows of "
              + run.rowName(task)
              + " at "
              + base
              + " overlap others");
    }
    if (base > run.rowCount()) {
      run.addRows(base - run.rowCount()); // rows of instances of another fan-out, ended
    }
    boolean loop = run.flow.loopSource(task) >= 0;
    int capacity = capacity(run, task, elements);
    run.addRows(capacity);
    int concurrency = loop ? 1 : run.flow.descriptor().task(task).concurrency();
    FanOut fanOut =
        new FanOut(
            task, base, elements, concurrency == 0 ? defaultLimit : concurrency, capacity, loop);
    run.fanOuts.add(fanOut);
    return fanOut;
  }

  /** The rows a fan-out needs, or a loop may need: one per element, or per iteration at most. */
  private static int capacity(ActiveRun run, int task, List<String> elements) {
    return run.flow.loopSource(task) >= 0
        ? run.flow.descriptor().task(task).maxIterations()
        : elements.size();
  }

  /** A loop's first state: its source's output, as one element. */
  private static List<String> firstState(ActiveRun run, int task) {
    return List.of(run.outputs[run.flow.loopSource(task)]);
  }

  /** The elements of the list the task fans out over, each as its JSON. */
  private List<String> elementsOf(ActiveRun run, int task) {
    int source = run.flow.fanOutSource(task);
    String json = run.outputs[source];
    return scheduler
        .results()
        .outputs()
        .elements(run.flow.descriptor().task(task), run.rowName(source), json);
  }

  /** Releases instances while fewer than the limit are under way. */
  private void release(ActiveRun run, FanOut fanOut) {
    while (fanOut.underWay < fanOut.limit && fanOut.cursor < fanOut.size) {
      int row = fanOut.base + fanOut.cursor++;
      if (run.states[row] == TaskState.PENDING) {
        fanOut.underWay++;
        scheduler.markReady(run, row, scheduler.batch().now, false);
      }
    }
  }

  /**
   * Instance row {@code row} ended: succeeded ({@code error} null) or failed for good. The next one
   * is released; after the last, the task ends.
   */
  void instanceEnded(ActiveRun run, int row, TaskError error, String outputJson, long at) {
    FanOut fanOut = run.fanOutOf(row);
    fanOut.underWay--;
    fanOut.ended++;
    if (error != null) {
      fanOut.failed(error, at);
    }
    if (fanOut.stopped || run.states[fanOut.task] != TaskState.RUNNING) {
      return; // the task was stopped (its run's deadline passed): nothing more is released
    }
    if (fanOut.loop) {
      iterationEnded(run, fanOut, error, outputJson, at);
      return;
    }
    release(run, fanOut);
    if (fanOut.over()) {
      over(run, fanOut);
    }
  }

  /**
   * An iteration of a loop ended: the loop fails with its failure, is done with its result, or goes
   * on with its state, unless that would be one iteration too many.
   */
  private void iterationEnded(
      ActiveRun run, FanOut loop, TaskError error, String outputJson, long at) {
    if (error != null) {
      scheduler.fail(run, loop.task, error, 0, at);
      return;
    }
    LoopSteps.Recorded step;
    try {
      step = LoopSteps.decode(scheduler.results().outputs().codec(), outputJson);
    } catch (RuntimeException e) {
      scheduler.fail(run, loop.task, TaskExecution.error(run.rowName(loop.task), e), 0, at);
      return;
    }
    if (step.done()) {
      int[] notTaken = scheduler.notTaken(run, loop.task, step.json());
      scheduler.succeed(run, loop.task, step.json(), notTaken);
    } else if (loop.size == loop.capacity) {
      HyphaException tooMany = LoopSteps.tooMany(run.flow.descriptor().task(loop.task));
      scheduler.fail(run, loop.task, TaskExecution.error(run.rowName(loop.task), tooMany), 0, at);
    } else {
      loop.next(step.json());
      release(run, loop);
    }
  }

  /** Every instance ended: the task fails with their first failure, or collects their outputs. */
  private void over(ActiveRun run, FanOut fanOut) {
    fanOut.dropElements();
    Batch batch = scheduler.batch();
    if (fanOut.firstError != null) {
      scheduler.fail(run, fanOut.task, fanOut.firstError, 0, batch.now);
    } else if (run.flow.descriptor().task(fanOut.task).output().isVoid() || fanOut.size == 0) {
      scheduler.succeed(
          run,
          fanOut.task,
          FanOutElements.emptyOutput(run.flow.descriptor().task(fanOut.task)),
          Branches.NONE);
    } else {
      // Read by a worker once this batch, which holds the last instances' outputs, is committed.
      Execution collect = new Execution(run, fanOut.task, run.attempts[fanOut.task], null);
      collect.collect = fanOut;
      scheduler.dispatch(collect);
    }
  }

  /**
   * After a restart: the fan-outs that were under way ({@code running}, task rows found RUNNING)
   * are made again from their source's output and the rows their instances have. Instances that
   * ended stay ended; those ready or caught running are returned to be put back as any row is; the
   * rest are released as before.
   */
  List<FanOut> resume(
      ActiveRun run,
      List<Integer> running,
      Map<Integer, List<StoredTask>> instanceRows,
      List<Recovery.ReadyAgain> ready,
      List<Recovery.Interrupted> interrupted,
      Map<Integer, TaskError> failed,
      long now) {
    record Planned(int task, int base, List<String> elements, List<StoredTask> rows) {}
    List<Planned> planned = new ArrayList<>();
    List<Planned> fresh = new ArrayList<>();
    for (int task : running) {
      List<String> elements;
      try {
        elements =
            run.flow.loopSource(task) >= 0
                ? states(run, task, instanceRows.getOrDefault(task, List.of()))
                : elementsOf(run, task);
      } catch (RuntimeException e) {
        // Failed once the run is back in the engine (see resumed), not before.
        failed.put(task, TaskExecution.error(run.rowName(task), e));
        continue;
      }
      List<StoredTask> rows = instanceRows.getOrDefault(task, List.of());
      if (rows.isEmpty()) {
        fresh.add(new Planned(task, -1, elements, rows));
      } else {
        StoredTask first = rows.get(0);
        planned.add(
            new Planned(
                task, first.index() - TaskKeys.instanceNumber(first.name()), elements, rows));
      }
    }
    planned.sort(Comparator.comparingInt(Planned::base));
    List<FanOut> resumed = new ArrayList<>();
    for (Planned plan : planned) {
      FanOut fanOut = add(run, plan.task(), plan.base(), plan.elements());
      for (StoredTask row : plan.rows()) {
        restore(run, fanOut, row, ready, interrupted, now);
      }
      resumed.add(fanOut);
    }
    // A fan-out that had no instance row yet gets rows after every stored one, ended ones too.
    int afterStored =
        instanceRows.values().stream()
            .flatMap(List::stream)
            .mapToInt(row -> row.index() + 1)
            .max()
            .orElse(0);
    if (afterStored > run.rowCount()) {
      run.addRows(afterStored - run.rowCount());
    }
    for (Planned plan : fresh) {
      resumed.add(add(run, plan.task(), run.rowCount(), plan.elements()));
    }
    return resumed;
  }

  /**
   * A loop's states after a restart: its first, and the one each iteration that succeeded handed on
   * (one that was done would have ended the loop in the same commit).
   */
  private List<String> states(ActiveRun run, int task, List<StoredTask> rows) {
    List<String> states = new ArrayList<>(firstState(run, task));
    for (StoredTask row : rows) {
      if (row.state().hasOutput()) {
        states.add(
            LoopSteps.decode(scheduler.results().outputs().codec(), row.outputJson()).json());
      }
    }
    return states;
  }

  private static void restore(
      ActiveRun run,
      FanOut fanOut,
      StoredTask row,
      List<Recovery.ReadyAgain> ready,
      List<Recovery.Interrupted> interrupted,
      long now) {
    int index = row.index();
    run.stored[index] = true;
    run.attempts[index] = row.attempt();
    switch (row.state()) {
      case READY -> {
        fanOut.underWay++;
        ready.add(new Recovery.ReadyAgain(index, row.readyAt() > 0 ? row.readyAt() : now, true));
      }
      case RUNNING -> {
        fanOut.underWay++;
        interrupted.add(Recovery.interrupted(index, row));
        ready.add(new Recovery.ReadyAgain(index, now, false));
      }
      case FAILED -> {
        run.states[index] = TaskState.FAILED;
        fanOut.ended++;
        fanOut.failed(row.error(), row.finishedAt());
      }
      default -> {
        run.states[index] = row.state();
        fanOut.ended++;
      }
    }
  }

  /**
   * Goes on with fan-outs rebuilt after a restart, once their rows are back in the queue and the
   * run in the engine; those whose list could not be split again fail.
   */
  void resumed(ActiveRun run, List<FanOut> fanOuts, Map<Integer, TaskError> failed) {
    failed.forEach((task, error) -> scheduler.fail(run, task, error, 0, scheduler.batch().now));
    for (FanOut fanOut : fanOuts) {
      if (run.states[fanOut.task] != TaskState.RUNNING) {
        continue;
      }
      release(run, fanOut);
      if (fanOut.over()) {
        over(run, fanOut);
      }
    }
  }
}

package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow the engine can execute: its generated definition, the instance whose methods are the
 * tasks, and what the engine derives from the descriptor once. A run has one row per task and one
 * per compensation or callback handler (rows from the number of tasks on); fault handlers run
 * inside their task's attempt and have no row. The instance may be replaced by a later bind.
 */
public final class RegisteredFlow {
  private final FlowDefinition<Object, Object, Object> definition;
  private final FlowDescriptor descriptor;
  private final int taskCount;
  private final int[][] dependencies;
  private final int[][] dependents;
  private final int[] resultTasks;
  private final Branches branches;
  private final long[] delayMicros;
  private final int[] waitUntilSource;
  private final SignalWait<?>[] signalWaits;

  /** Asked for each new run: computed once. */
  private final boolean hasSubFlows;

  private final String[] rowNames;
  private final Map<String, Integer> rowsByName = new HashMap<>();
  private final int[] compensationRow;
  private final int[][] faultHandlers;
  private final int onSuccessRow;
  private final int onFailureRow;
  private volatile Object instance;

  @SuppressWarnings("unchecked")
  RegisteredFlow(FlowDefinition<?, ?, ?> definition, Object instance) {
    this.definition = (FlowDefinition<Object, Object, Object>) definition;
    this.descriptor = definition.descriptor();
    this.taskCount = descriptor.tasks().size();
    this.dependencies = new int[taskCount][];
    this.dependents = new int[taskCount][];
    for (int task = 0; task < taskCount; task++) {
      dependencies[task] = descriptor.dependencies(task);
      dependents[task] = descriptor.dependents(task);
    }
    this.branches = Branches.of(descriptor);
    this.delayMicros = new long[taskCount];
    for (int task = 0; task < taskCount; task++) {
      delayMicros[task] = descriptor.task(task).delay().map(Timers::micros).orElse(0L);
    }
    this.waitUntilSource = new int[taskCount];
    for (int task = 0; task < taskCount; task++) {
      waitUntilSource[task] = descriptor.task(task).waitUntil().map(descriptor::indexOf).orElse(-1);
    }
    this.signalWaits = new SignalWait<?>[taskCount];
    for (int task = 0; task < taskCount; task++) {
      signalWaits[task] = descriptor.task(task).signal().orElse(null);
    }
    this.hasSubFlows = descriptor.tasks().stream().anyMatch(TaskDescriptor::subFlow);
    this.resultTasks =
        Arrays.stream(descriptor.sinks())
            .filter(sink -> !descriptor.task(sink).output().isVoid())
            .toArray();
    int rows = taskCount + descriptor.handlers().size();
    this.rowNames = new String[rows];
    this.compensationRow = new int[taskCount];
    Arrays.fill(compensationRow, -1);
    List<List<Integer>> faults = new ArrayList<>();
    for (int task = 0; task < taskCount; task++) {
      rowNames[task] = descriptor.task(task).name();
      faults.add(new ArrayList<>());
    }
    int success = -1;
    int failure = -1;
    for (int handler = 0; handler < descriptor.handlers().size(); handler++) {
      HandlerDescriptor descriptorOfHandler = descriptor.handlers().get(handler);
      int row = descriptor.handlerIndex(handler);
      int task = descriptorOfHandler.task().map(descriptor::indexOf).orElse(-1);
      switch (descriptorOfHandler.kind()) {
        case COMPENSATION -> {
          compensationRow[task] = row;
          rowNames[row] = "compensate:" + descriptor.task(task).name();
        }
        case FAULT -> {
          faults.get(task).add(row);
          rowNames[row] = "fault:" + descriptorOfHandler.method();
        }
        case ON_SUCCESS -> {
          success = row;
          rowNames[row] = "on-success:" + descriptorOfHandler.method();
        }
        case ON_FAILURE -> {
          failure = row;
          rowNames[row] = "on-failure:" + descriptorOfHandler.method();
        }
      }
    }
    for (int row = 0; row < rows; row++) {
      rowsByName.put(rowNames[row], row);
    }
    this.faultHandlers =
        faults.stream()
            .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
    this.onSuccessRow = success;
    this.onFailureRow = failure;
    this.instance = instance;
  }

  public FlowDefinition<Object, Object, Object> definition() {
    return definition;
  }

  public FlowDescriptor descriptor() {
    return descriptor;
  }

  public String name() {
    return descriptor.name();
  }

  int taskCount() {
    return taskCount;
  }

  /** The tasks {@code task} depends on; the array must not be modified. */
  int[] dependencies(int task) {
    return dependencies[task];
  }

  /** The tasks that depend on {@code task}; the array must not be modified. */
  int[] dependents(int task) {
    return dependents[task];
  }

  /** How long row {@code row} waits once ready, in microseconds: 0 but for a delayed task. */
  long delayMicros(int row) {
    return row < taskCount ? delayMicros[row] : 0;
  }

  /** The task whose output (an instant) task row {@code row} waits for, or -1. */
  int waitUntilSource(int row) {
    return row < taskCount ? waitUntilSource[row] : -1;
  }

  /** The task whose list task row {@code row} fans out over, or -1. */
  int fanOutSource(int row) {
    return row < taskCount ? descriptor.fanOutSource(row) : -1;
  }

  /** Whether row {@code row} is a task that fans out ({@code @ForEach}). */
  boolean fansOut(int row) {
    return fanOutSource(row) >= 0;
  }

  /** The task whose output is the first state of loop {@code row}, or -1. */
  int loopSource(int row) {
    return row < taskCount ? descriptor.loopSource(row) : -1;
  }

  /** The signal task row {@code row} waits for, or null (for handlers and instances too). */
  SignalWait<?> signalWait(int row) {
    return row < taskCount ? signalWaits[row] : null;
  }

  /** Whether task row {@code row} starts a sub-flow. */
  boolean startsSubFlow(int row) {
    return row < taskCount && descriptor.task(row).subFlow();
  }

  /** Whether any task of the flow starts a sub-flow. */
  boolean hasSubFlows() {
    return hasSubFlows;
  }

  /** Whether any task of the flow waits for a signal. */
  boolean hasSignals() {
    return !descriptor.signals().isEmpty();
  }

  /** Whether row {@code row} is a task that runs as instances: a fan-out or a loop. */
  boolean hasInstances(int row) {
    return fansOut(row) || loopSource(row) >= 0;
  }

  Branches branches() {
    return branches;
  }

  int rowCount() {
    return rowNames.length;
  }

  String rowName(int row) {
    return rowNames[row];
  }

  /** The row of {@code name}, or -1. */
  int rowIndex(String name) {
    return rowsByName.getOrDefault(name, -1);
  }

  TaskKind kind(int row) {
    if (row < taskCount) {
      return TaskKind.TASK;
    }
    return switch (handler(row).kind()) {
      case COMPENSATION -> TaskKind.COMPENSATION;
      case ON_SUCCESS -> TaskKind.ON_SUCCESS;
      case ON_FAILURE -> TaskKind.ON_FAILURE;
      case FAULT -> throw new IllegalStateException("fault handlers have no row");
    };
  }

  HandlerDescriptor handler(int row) {
    return descriptor.handlers().get(row - taskCount);
  }

  String queue(int row) {
    return row < taskCount
        ? descriptor.task(row).queue()
        : handler(row)
            .task()
            .map(task -> descriptor.task(task).orElseThrow().queue())
            .orElse(TaskDescriptor.DEFAULT_QUEUE);
  }

  RetryPolicy retry(int row) {
    return row < taskCount ? descriptor.task(row).retry() : handler(row).retry();
  }

  /** The per-attempt time limit of a task row, or null. */
  Duration timeout(int row) {
    return row < taskCount ? descriptor.task(row).timeout().orElse(null) : null;
  }

  /** The compensation row of {@code task}, or -1. */
  int compensationRow(int task) {
    return compensationRow[task];
  }

  /** The fault handler rows of {@code task}, in declaration order. */
  int[] faultHandlers(int task) {
    return faultHandlers[task];
  }

  int onSuccessRow() {
    return onSuccessRow;
  }

  int onFailureRow() {
    return onFailureRow;
  }

  /** The sinks whose outputs make the result; the array must not be modified. */
  int[] resultTasks() {
    return resultTasks;
  }

  Object instance() {
    return instance;
  }

  void rebind(Object instance) {
    this.instance = instance;
  }
}

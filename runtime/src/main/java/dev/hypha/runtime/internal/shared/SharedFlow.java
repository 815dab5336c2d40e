package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.internal.engine.Branches;
import dev.hypha.runtime.internal.store.SharedTx;
import dev.hypha.runtime.internal.store.TaskKeys;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A flow as a shared store runs it: its definition, and the graph facts a completion needs (which
 * tasks wait for a result, which are skipped after a failure), computed once.
 */
final class SharedFlow {
  final FlowDefinition<Object, ?, ?> definition;
  final FlowDescriptor descriptor;
  final String version;
  final Branches branches;
  private final long[] delayMicros;
  private final int[] signalTasks;

  /** Per task, the tasks that wait until the instant it returns. */
  private final int[][] waiters;

  private final int[][] dependents;
  private final int[][] downstream;

  /** The tasks that fan out, in task order: an instance's index names its task's place here. */
  private final int[] fanOutTasks;

  /**
   * An instance of a fan-out has the index {@code (place + 1) << INSTANCE_BITS | element}, where
   * {@code place} is its task's among the tasks that fan out: instances of every fan-out of a run
   * have keys of their own, decided without reading the store, and an index says its task.
   */
  static final int INSTANCE_BITS = 20;

  /** The most elements of one fan-out on a shared store. */
  static final int MAX_ELEMENTS = 1 << INSTANCE_BITS;

  /** The most tasks that fan out in one flow on a shared store. */
  static final int MAX_FAN_OUTS = (TaskKeys.MAX_TASKS >>> INSTANCE_BITS) - 1;

  @SuppressWarnings("unchecked")
  SharedFlow(FlowDefinition<?, ?, ?> definition) {
    this.definition = (FlowDefinition<Object, ?, ?>) definition;
    this.descriptor = definition.descriptor();
    this.version = SharedTx.flowVersion(descriptor.name(), descriptor.shapeHash());
    this.branches = Branches.of(descriptor);
    int tasks = descriptor.tasks().size();
    this.delayMicros = new long[tasks];
    int[] signalWaiters = new int[descriptor.signals().isEmpty() ? 0 : tasks];
    int waits = 0;
    for (int task = 0; task < tasks; task++) {
      TaskDescriptor each = descriptor.task(task);
      // A task waiting for a signal is due, without one, when its timeout ends; one without a
      // timeout is never due by itself (its ready_at is cleared when it begins to wait).
      delayMicros[task] =
          each.signal()
              .flatMap(SignalWait::timeout)
              .or(each::delay)
              .map(dev.hypha.runtime.internal.store.Micros::of)
              .orElse(0L);
      if (each.signal().isPresent()) {
        signalWaiters[waits++] = task;
      }
    }
    this.signalTasks = java.util.Arrays.copyOf(signalWaiters, waits);
    List<List<Integer>> waiting = new ArrayList<>();
    for (int task = 0; task < tasks; task++) {
      waiting.add(new ArrayList<>());
    }
    for (int task = 0; task < tasks; task++) {
      int waiter = task;
      descriptor
          .task(task)
          .waitUntil()
          .ifPresent(source -> waiting.get(descriptor.indexOf(source)).add(waiter));
    }
    this.waiters =
        waiting.stream()
            .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
    List<Integer> fanOuts = new ArrayList<>();
    for (int task = 0; task < tasks; task++) {
      if (hasInstances(task)) {
        fanOuts.add(task);
      }
    }
    this.fanOutTasks = fanOuts.stream().mapToInt(Integer::intValue).toArray();
    this.dependents = new int[tasks][];
    this.downstream = new int[tasks][];
    for (int task = 0; task < tasks; task++) {
      dependents[task] = descriptor.dependents(task).clone();
      java.util.Arrays.sort(dependents[task]);
    }
    for (int task = 0; task < tasks; task++) {
      BitSet reached = new BitSet(tasks);
      List<Integer> next = new ArrayList<>();
      for (int dependent : dependents[task]) {
        next.add(dependent);
      }
      while (!next.isEmpty()) {
        int at = next.remove(next.size() - 1);
        if (!reached.get(at)) {
          reached.set(at);
          for (int dependent : dependents[at]) {
            next.add(dependent);
          }
        }
      }
      downstream[task] = reached.stream().toArray();
    }
  }

  /**
   * Refuses a flow whose graph uses what shared-store workers do not run yet, naming it, rather
   * than running it with different semantics than the embedded engine.
   */
  static void checkSupported(FlowDescriptor descriptor) {
    if (!descriptor.handlers().isEmpty()) {
      throw new InvalidConfigurationException(
          "flow "
              + descriptor.name()
              + " has handlers ("
              + descriptor.handlers().stream()
                  .map(HandlerDescriptor::toString)
                  .collect(Collectors.joining(", "))
              + "); compensations, fault handlers and run callbacks are not yet run by workers of a"
              + " shared store: run this flow with the embedded engine (Hypha.embedded() or"
              + " Hypha.open(file))");
    }
    long fanOuts =
        descriptor.tasks().stream()
            .filter(task -> task.forEach().isPresent() || task.loop().isPresent())
            .count();
    if (fanOuts > MAX_FAN_OUTS
        || (fanOuts > 0
            && descriptor.tasks().size() + descriptor.handlers().size() > MAX_ELEMENTS)) {
      throw new InvalidConfigurationException(
          "flow "
              + descriptor.name()
              + " has "
              + fanOuts
              + " tasks that fan out or loop, and "
              + descriptor.tasks().size()
              + " tasks; on a shared store a flow may have at most "
              + MAX_FAN_OUTS
              + " tasks that fan out or loop, and then at most "
              + MAX_ELEMENTS
              + " tasks: split the flow, or run it with the embedded engine");
    }
    if (descriptor.deadline().isPresent()) {
      throw new InvalidConfigurationException(
          "flow "
              + descriptor.name()
              + " has a run deadline; run deadlines are not yet enforced on a shared store: run"
              + " this flow with the embedded engine (Hypha.embedded() or Hypha.open(file))");
    }
  }

  /** The task whose list {@code task} fans out over, or -1. */
  int fanOutSource(int task) {
    return task < descriptor.tasks().size() ? descriptor.fanOutSource(task) : -1;
  }

  /** The task whose output is loop {@code task}'s first state, or -1. */
  int loopSource(int task) {
    return task < descriptor.tasks().size() ? descriptor.loopSource(task) : -1;
  }

  /** Whether row index {@code index} is a task that runs as instances: a fan-out or a loop. */
  boolean hasInstances(int index) {
    return fanOutSource(index) >= 0 || loopSource(index) >= 0;
  }

  /** The task that row index {@code index} runs: itself, or the task of which it is an instance. */
  int taskOf(int index) {
    int place = index >>> INSTANCE_BITS;
    return place == 0 ? index : fanOutTasks[place - 1];
  }

  /** Whether row index {@code index} is an instance of a fan-out. */
  static boolean isInstance(int index) {
    return index >>> INSTANCE_BITS != 0;
  }

  /** The element of the instance at row index {@code index}. */
  static int element(int index) {
    return index & (MAX_ELEMENTS - 1);
  }

  /** The row index of the first instance of {@code task}, a task that fans out. */
  int firstInstance(int task) {
    for (int place = 0; place < fanOutTasks.length; place++) {
      if (fanOutTasks[place] == task) {
        return (place + 1) << INSTANCE_BITS;
      }
    }
    throw new IllegalArgumentException(descriptor.task(task).name() + " does not fan out");
  }

  /** The tasks that wait until the instant {@code task} returns. */
  int[] waiters(int task) {
    return waiters[task];
  }

  /** How long {@code task} waits once ready, in microseconds: 0 but for a delayed task. */
  /** The signal task {@code task} waits for, or null. */
  SignalWait<?> signalWait(int task) {
    return descriptor.task(task).signal().orElse(null);
  }

  /** The tasks that wait for signals, in task order; none for most flows. */
  int[] signalTasks() {
    return signalTasks;
  }

  /**
   * The due time of task {@code task} of a new run, ready at its start: see {@link
   * SharedTx.NewTask}.
   */
  long startDelay(int task) {
    SignalWait<?> wait = signalWait(task);
    return wait != null && wait.timeout().isEmpty() ? SharedTx.NEVER_DUE : delayMicros[task];
  }

  long delayMicros(int task) {
    return delayMicros[task];
  }

  String name() {
    return descriptor.name();
  }

  /** The tasks that take {@code task}'s output, in ascending order. */
  int[] dependents(int task) {
    return dependents[task];
  }

  /** Every task that depends on {@code task}, directly or not, in ascending order. */
  int[] downstream(int task) {
    return downstream[task];
  }

  /** The task keys of {@code tasks} in run {@code runSeq}. */
  static long[] keys(long runSeq, int[] tasks) {
    long[] keys = new long[tasks.length];
    for (int i = 0; i < tasks.length; i++) {
      keys[i] = dev.hypha.runtime.internal.store.TaskKeys.key(runSeq, tasks[i]);
    }
    return keys;
  }
}

package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.internal.engine.Branches;
import dev.hypha.runtime.internal.store.SharedTx;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.HandlerDescriptor;
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

  /** Per task, the tasks that wait until the instant it returns. */
  private final int[][] waiters;

  private final int[][] dependents;
  private final int[][] downstream;

  @SuppressWarnings("unchecked")
  SharedFlow(FlowDefinition<?, ?, ?> definition) {
    this.definition = (FlowDefinition<Object, ?, ?>) definition;
    this.descriptor = definition.descriptor();
    this.version = SharedTx.flowVersion(descriptor.name(), descriptor.shapeHash());
    this.branches = Branches.of(descriptor);
    int tasks = descriptor.tasks().size();
    this.delayMicros = new long[tasks];
    for (int task = 0; task < tasks; task++) {
      delayMicros[task] =
          descriptor.task(task).delay().map(dev.hypha.runtime.internal.store.Micros::of).orElse(0L);
    }
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
    descriptor.tasks().stream()
        .filter(task -> task.forEach().isPresent())
        .findFirst()
        .ifPresent(
            task -> {
              throw new InvalidConfigurationException(
                  "flow "
                      + descriptor.name()
                      + " has task "
                      + task.name()
                      + ", which fans out (@ForEach); fan-outs are not yet run by workers of a"
                      + " shared store: run this flow with the embedded engine (Hypha.embedded()"
                      + " or Hypha.open(file))");
            });
    if (descriptor.deadline().isPresent()) {
      throw new InvalidConfigurationException(
          "flow "
              + descriptor.name()
              + " has a run deadline; run deadlines are not yet enforced on a shared store: run"
              + " this flow with the embedded engine (Hypha.embedded() or Hypha.open(file))");
    }
  }

  /** The tasks that wait until the instant {@code task} returns. */
  int[] waiters(int task) {
    return waiters[task];
  }

  /** How long {@code task} waits once ready, in microseconds: 0 but for a delayed task. */
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

package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.Guard;
import java.util.Arrays;

/**
 * The branch edges of a flow, for both engines: which dependents of a task a given output does not
 * take (decided on the thread that ran the task, from the value its method returned, before it is
 * written), and which dependents still run when a task was not taken. Immutable.
 */
public final class Branches {
  /** No dependent left out. */
  public static final int[] NONE = new int[0];

  private final FlowDescriptor descriptor;

  /** Per task, its dependents behind a guard, and the guards, in the same order. */
  private final int[][] guarded;

  private final Guard[][] guards;

  private final boolean any;

  Branches(FlowDescriptor descriptor) {
    this.descriptor = descriptor;
    int tasks = descriptor.tasks().size();
    this.guarded = new int[tasks][];
    this.guards = new Guard[tasks][];
    for (int task = 0; task < tasks; task++) {
      int[] dependents = descriptor.dependents(task);
      int[] withGuard = new int[dependents.length];
      Guard[] guardOf = new Guard[dependents.length];
      int count = 0;
      for (int dependent : dependents) {
        Guard guard = descriptor.guard(task, dependent).orElse(null);
        if (guard != null) {
          withGuard[count] = dependent;
          guardOf[count++] = guard;
        }
      }
      guarded[task] = count == 0 ? NONE : Arrays.copyOf(withGuard, count);
      guards[task] = Arrays.copyOf(guardOf, count);
    }
    this.any = Arrays.stream(guarded).anyMatch(dependents -> dependents.length > 0);
  }

  /** Whether the flow has a branch at all. */
  public boolean any() {
    return any;
  }

  /** The branches of {@code descriptor}'s flow. */
  public static Branches of(FlowDescriptor descriptor) {
    return new Branches(descriptor);
  }

  /**
   * The dependents of {@code task} that its {@code output} (as the method returned it) does not
   * take, in task order; {@link #NONE} for most tasks, which have no guarded edge.
   */
  public int[] notTaken(int task, Object output) {
    int[] candidates = guarded[task];
    if (candidates.length == 0) {
      return NONE;
    }
    int[] left = new int[candidates.length];
    int count = 0;
    for (int i = 0; i < candidates.length; i++) {
      if (!guards[task][i].test(output)) {
        left[count++] = candidates[i];
      }
    }
    return count == 0 ? NONE : Arrays.copyOf(left, count);
  }

  /** Whether {@code task}'s output decides a branch: a dependent has a guard on it. */
  public boolean decides(int task) {
    return guarded[task].length > 0;
  }

  /** Whether {@code dependent} runs when {@code task}, one of its dependencies, was not taken. */
  public boolean runsWithout(int task, int dependent) {
    return descriptor.isOptional(task, dependent);
  }
}

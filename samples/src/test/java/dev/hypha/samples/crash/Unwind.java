package dev.hypha.samples.crash;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import java.util.List;

/**
 * Three steps in a chain and a fourth that fails, so the run fails and the three are compensated in
 * reverse order, for the fault-point crash test. Every method records an {@link Effect} when it is
 * called and (but {@code fail}) another just before it returns; each compensation works for {@link
 * Relay#LEG_MILLIS} in between, so its beginning is committed before it returns.
 */
@Flow
public class Unwind {
  static final List<String> STEPS = List.of("one", "two", "three", "fail");

  /** The compensations, in the order they run. */
  static final List<String> COMPENSATIONS =
      List.of("compensate:three", "compensate:two", "compensate:one");

  private final SideEffectLog log;
  private final String generation;

  public Unwind(SideEffectLog log, String generation) {
    this.log = log;
    this.generation = generation;
  }

  @Task
  public int one(@Input int seed, TaskContext context) {
    return step(seed, context);
  }

  @Task
  @DependsOn("one")
  public int two(int one, TaskContext context) {
    return step(one, context);
  }

  @Task
  @DependsOn("two")
  public int three(int two, TaskContext context) {
    return step(two, context);
  }

  @Task
  @DependsOn("three")
  public int fail(int three, TaskContext context) {
    Effect.record(log, generation, context, Effect.START);
    throw new IllegalStateException("step four failed after " + three);
  }

  @Compensates("one")
  public void undoOne(int one, TaskContext context) {
    undo(context);
  }

  @Compensates("two")
  public void undoTwo(int two, TaskContext context) {
    undo(context);
  }

  @Compensates("three")
  public void undoThree(int three, TaskContext context) {
    undo(context);
  }

  private int step(int value, TaskContext context) {
    Effect.record(log, generation, context, Effect.START);
    Effect.record(log, generation, context, Effect.DONE);
    return value + 1;
  }

  private void undo(TaskContext context) {
    Effect.record(log, generation, context, Effect.START);
    try {
      Thread.sleep(Relay.LEG_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Effect.record(log, generation, context, Effect.DONE);
  }
}

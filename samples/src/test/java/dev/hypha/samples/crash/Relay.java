package dev.hypha.samples.crash;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import java.util.List;

/**
 * Three legs in a chain, run by the fault-point crash test. Each leg records an {@link Effect} when
 * it is called, works for {@link #LEG_MILLIS} (far longer than the engine takes to commit the
 * beginning of an attempt, so a leg's beginning and its end are committed in batches of their own)
 * and records another just before it returns.
 */
@Flow
public class Relay {
  static final long LEG_MILLIS = 200;
  static final List<String> LEGS = List.of("first", "second", "third");

  private final SideEffectLog log;
  private final String generation;

  public Relay(SideEffectLog log, String generation) {
    this.log = log;
    this.generation = generation;
  }

  @Task
  public String first(@Input String baton, TaskContext context) {
    return leg(baton, context);
  }

  @Task
  @DependsOn("first")
  public String second(String first, TaskContext context) {
    return leg(first, context);
  }

  @Task
  @DependsOn("second")
  public String third(String second, TaskContext context) {
    return leg(second, context);
  }

  /** What a run started with {@code baton} returns. */
  static String expected(String baton) {
    return baton + ">first>second>third";
  }

  private String leg(String baton, TaskContext context) {
    Effect.record(log, generation, context, Effect.START);
    try {
      Thread.sleep(LEG_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Effect.record(log, generation, context, Effect.DONE);
    return baton + ">" + context.task();
  }
}

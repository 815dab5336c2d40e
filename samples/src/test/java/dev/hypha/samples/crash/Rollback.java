package dev.hypha.samples.crash;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.OnFailure;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;

/**
 * A chain of three steps and a fourth that fails, so the three are compensated: {@code undo-three},
 * {@code undo-two}, {@code undo-one}, in that order. Each compensation appends {@code start} and
 * {@code done} lines to the side-effect log; with {@code haltInUndoTwo}, the JVM halts between the
 * two lines of {@code undo-two}'s first attempt, as if killed there.
 */
@Flow
public class Rollback {
  private final SideEffectLog log;
  private final String generation;
  private final boolean haltInUndoTwo;

  public Rollback(SideEffectLog log, String generation, boolean haltInUndoTwo) {
    this.log = log;
    this.generation = generation;
    this.haltInUndoTwo = haltInUndoTwo;
  }

  @Task
  public int one(@Input int seed) {
    return seed + 1;
  }

  @Task
  @DependsOn("one")
  public int two(int one) {
    return one + 1;
  }

  @Task
  @DependsOn("two")
  public int three(int two) {
    return two + 1;
  }

  @Task
  @DependsOn("three")
  public int fail(int three) {
    throw new IllegalStateException("step four failed after " + three);
  }

  @Compensates("one")
  public void undoOne(int one, TaskContext context) {
    undo("one", one, context);
  }

  @Compensates("two")
  public void undoTwo(int two, TaskContext context) {
    undo("two", two, context);
  }

  @Compensates("three")
  public void undoThree(int three, TaskContext context) {
    undo("three", three, context);
  }

  @OnFailure
  public void report(TaskContext context) {
    log.append("report " + context.attempt() + " " + generation + " done");
  }

  private void undo(String step, int output, TaskContext context) {
    String line = "undo-" + step + " " + context.attempt() + " " + generation;
    log.append(line + " start " + output);
    if (haltInUndoTwo && step.equals("two") && context.attempt() == 1) {
      // Work for a while: an attempt is recorded as begun within milliseconds of its start, and
      // an attempt that dies before that runs again as the same attempt, leaving no trace.
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.out.println("halting in undo-two");
      System.out.flush();
      Runtime.getRuntime().halt(137);
    }
    log.append(line + " done " + output);
  }
}

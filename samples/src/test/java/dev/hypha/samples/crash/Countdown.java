package dev.hypha.samples.crash;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Loop;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.Step;
import dev.hypha.runtime.TaskContext;

/**
 * A loop for the crash test: {@code tick} counts down from the input, one iteration per number, and
 * {@code announce} says when it reached zero. Every iteration appends to the side-effect log; with
 * {@code holdAt}, the iteration at that number never returns in its first attempt, so a test can
 * kill the process mid-loop.
 */
@Flow
public class Countdown {
  private final SideEffectLog log;
  private final String generation;
  private final int holdAt;

  public Countdown(SideEffectLog log, String generation, int holdAt) {
    this.log = log;
    this.generation = generation;
    this.holdAt = holdAt;
  }

  @Task
  public int start(@Input int from) {
    return from;
  }

  @Task
  @DependsOn("start")
  public Step<Integer, String> tick(@Loop(max = 50) int left, TaskContext context)
      throws InterruptedException {
    log.append(context.task() + " " + context.attempt() + " " + generation);
    if (left == holdAt && context.attempt() == 1) {
      Thread.sleep(Long.MAX_VALUE); // until the process is killed
    }
    return left == 0 ? Step.done("lift-off") : Step.again(left - 1);
  }

  @Task
  @DependsOn("tick")
  public String announce(String tick) {
    return tick + "!";
  }
}

package dev.hypha.samples.crash;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import java.util.Optional;

/**
 * A branch for the crash test: {@code route} sends an even number down the fast way ({@code fast},
 * then {@code check}) and an odd one down the slow way; {@code report} joins both ways. Every task
 * appends to the side-effect log; with {@code haltInCheck}, the JVM halts in {@code check}'s first
 * attempt, after the decision and the fast way's first task were committed.
 */
@Flow
public class Triage {
  public sealed interface Route permits Fast, Slow {}

  public record Fast(int value) implements Route {}

  public record Slow(int value) implements Route {}

  private final SideEffectLog log;
  private final String generation;
  private final boolean haltInCheck;

  public Triage(SideEffectLog log, String generation, boolean haltInCheck) {
    this.log = log;
    this.generation = generation;
    this.haltInCheck = haltInCheck;
  }

  @Task
  public Route route(@Input int value, TaskContext context) {
    log.append("route " + context.attempt() + " " + generation);
    return value % 2 == 0 ? new Fast(value) : new Slow(value);
  }

  @Task
  @DependsOn("route")
  public int fast(Fast fast, TaskContext context) {
    log.append("fast " + context.attempt() + " " + generation);
    return fast.value() * 10;
  }

  @Task
  @DependsOn("fast")
  public int check(int fast, TaskContext context) {
    log.append("check " + context.attempt() + " " + generation + " start");
    if (haltInCheck && context.attempt() == 1) {
      // As Rollback does: give the attempt's beginning, committed within milliseconds, time to be
      // recorded, so that the next process finds it cut short rather than not begun.
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.out.println("halting in check");
      System.out.flush();
      Runtime.getRuntime().halt(137);
    }
    log.append("check " + context.attempt() + " " + generation + " done");
    return fast + 1;
  }

  @Task
  @DependsOn("route")
  public int slow(Slow slow, TaskContext context) {
    log.append("slow " + context.attempt() + " " + generation);
    return slow.value() * 100;
  }

  @Task
  @DependsOn({"check", "slow"})
  public String report(Optional<Integer> check, Optional<Integer> slow, TaskContext context) {
    log.append("report " + context.attempt() + " " + generation);
    return check.map(value -> "fast " + value).orElseGet(() -> "slow " + slow.orElseThrow());
  }
}

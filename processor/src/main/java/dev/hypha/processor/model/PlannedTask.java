package dev.hypha.processor.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A task of a valid flow at its final position.
 *
 * @param task the task as read from the source
 * @param index its position in dependency order, its index in the generated code
 * @param arguments what each parameter receives, in parameter order
 * @param retry its retry policy, its own or the flow's; empty when it runs once
 * @param timeout the longest one attempt may take, if limited
 * @param delay how long it waits after its dependencies ended before it starts, if it waits
 * @param waitUntil the dependency whose output, an {@code Instant}, is the earliest it starts, if
 *     it has a {@code @WaitUntil} parameter
 * @param forEach how it fans out, if it has a {@code @ForEach} parameter
 * @param loop how it loops, if it has a {@code @Loop} parameter
 * @param signal the signal it waits for once its dependencies are done, if it has a {@code @Signal}
 *     parameter
 * @param branches its edges that are not plain, in {@code @DependsOn} order
 * @param mayBeAbsent whether a run may skip it as not taken, so its output may be missing from a
 *     run that succeeds
 */
public record PlannedTask(
    TaskModel task,
    int index,
    List<Binding> arguments,
    Optional<RetryPlan> retry,
    Optional<Duration> timeout,
    Optional<Duration> delay,
    Optional<String> waitUntil,
    Optional<FanOut> forEach,
    Optional<LoopPlan> loop,
    Optional<SignalPlan> signal,
    List<BranchEdge> branches,
    boolean mayBeAbsent) {
  public PlannedTask {
    arguments = List.copyOf(arguments);
    branches = List.copyOf(branches);
  }

  public String name() {
    return task.name();
  }
}

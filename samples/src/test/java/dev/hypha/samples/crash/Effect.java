package dev.hypha.samples.crash;

import dev.hypha.runtime.TaskContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One line of a fault-point test's side-effect log: a task's method was called ({@code start}) or
 * was about to return ({@code done}), in which attempt, in which process, under which idempotency
 * key.
 */
record Effect(String task, int attempt, String generation, String phase, String key) {
  static final String START = "start";
  static final String DONE = "done";

  /** Appends what {@code context} says of the running attempt, with {@code phase}. */
  static void record(SideEffectLog log, String generation, TaskContext context, String phase) {
    log.append(
        context.task()
            + " "
            + context.attempt()
            + " "
            + generation
            + " "
            + phase
            + " "
            + context.idempotencyKey());
  }

  static List<Effect> read(Path log) throws IOException {
    return SideEffectLog.read(log).stream().map(Effect::parse).toList();
  }

  static Effect parse(String line) {
    String[] parts = line.split(" ");
    return new Effect(parts[0], Integer.parseInt(parts[1]), parts[2], parts[3], parts[4]);
  }

  boolean done() {
    return phase.equals(DONE);
  }
}

package dev.hypha.samples.workers;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A diamond over three queues whose every task takes 150 to 300 ms and says when it begins and ends
 * on the worker's output, so that a test can kill a worker in the middle of one.
 */
@Flow
public class Conveyor {
  static final String QUEUE_A = "conveyor-a";
  static final String QUEUE_B = "conveyor-b";
  static final String QUEUE_C = "conveyor-c";

  public record Piece(int number) {}

  @Task(queue = QUEUE_A)
  public int cut(@Input Piece piece, TaskContext context) {
    work(context);
    return piece.number() * 3;
  }

  @Task(queue = QUEUE_B)
  @DependsOn("cut")
  public int drill(int cut, TaskContext context) {
    work(context);
    return cut + 1;
  }

  @Task(queue = QUEUE_C)
  @DependsOn("cut")
  public int paint(int cut, TaskContext context) {
    work(context);
    return cut * 2;
  }

  @Task(queue = QUEUE_A)
  @DependsOn({"drill", "paint"})
  public String pack(int drill, int paint, TaskContext context) {
    work(context);
    return "piece-" + (drill + paint);
  }

  /** What {@code pack}, the flow's result, must be for piece {@code number}. */
  static String expected(int number) {
    int cut = number * 3;
    return "piece-" + ((cut + 1) + cut * 2);
  }

  private static void work(TaskContext context) {
    String attempt = context.idempotencyKey() + " attempt " + context.attempt();
    System.out.println("began " + attempt + " on " + context.worker());
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(150, 301));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while working on " + attempt, e);
    }
    System.out.println("ended " + attempt + " on " + context.worker());
  }
}

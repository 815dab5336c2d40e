package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.TaskError;
import java.util.ArrayList;
import java.util.List;

/**
 * One fan-out of a run under way: the task that fans out, the rows of its instances (one range,
 * {@code base} to {@code base + size}), the elements they each read, and how far they are. Only the
 * engine thread changes it. The instances' outputs are not kept here: they are in their rows, read
 * back in one range scan when the last instance ended (see {@link FanOuts}).
 */
final class FanOut {
  final int task;
  final int base;

  /** Instances made so far: every element of a fan-out; the iterations begun, of a loop. */
  int size;

  /** Rows set aside: {@code size} for a fan-out, the most iterations for a loop. */
  final int capacity;

  /** Whether the instances are a loop's iterations, made one by one, rather than a fan-out's. */
  final boolean loop;

  /**
   * The JSON of each element (of a loop: each iteration's state), decoded afresh by each attempt of
   * its instance.
   */
  private final ArrayList<String> elements;

  /** The most instances under way at once, or {@code size}. */
  final int limit;

  /** The next element whose instance may be released, if still PENDING. */
  int cursor;

  /** Instances released (ready, waiting or running) and not ended. */
  int underWay;

  /** Instances that ended: succeeded, recovered or failed for good. */
  int ended;

  /** The first failure of an instance, in time; the task fails with it once all have ended. */
  TaskError firstError;

  long firstErrorAt;

  /** Set when the run's deadline passed: an instance that ends releases no other. */
  boolean stopped;

  FanOut(int task, int base, List<String> elements, int concurrency, int capacity, boolean loop) {
    this.task = task;
    this.base = base;
    this.size = elements.size();
    this.capacity = capacity;
    this.loop = loop;
    this.elements = new ArrayList<>(elements);
    this.limit = concurrency == 0 ? size : concurrency;
  }

  boolean holds(int row) {
    return row >= base && row < base + capacity;
  }

  void stop() {
    stopped = true;
  }

  /** A loop's next iteration, with {@code state}. */
  void next(String state) {
    elements.add(state);
    size++;
  }

  /** Every instance ended: the elements are not needed any more. */
  void dropElements() {
    elements.clear();
  }

  /** The JSON of the element of instance row {@code row}. */
  String element(int row) {
    return elements.get(row - base);
  }

  boolean over() {
    return ended == size;
  }

  /** Keeps the earliest failure of an instance. */
  void failed(TaskError error, long at) {
    if (firstError == null || at < firstErrorAt) {
      firstError = error;
      firstErrorAt = at;
    }
  }
}

package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.RunId;

/**
 * Task rows are keyed by one integer, {@code run_seq * 2^24 + task index}: every task of a run lies
 * in one key range, and the key is the row id, the cheapest key SQLite has. A run may have up to
 * 2^24 tasks.
 */
public final class TaskKeys {
  static final int INDEX_BITS = 24;

  /** The most tasks one run can have. */
  public static final int MAX_TASKS = 1 << INDEX_BITS;

  private TaskKeys() {}

  /** The {@code input_json} of a task's row that started a child run: the child's id. */
  public static String childJson(RunId child) {
    return "\"" + child + "\"";
  }

  /** The child's run id from {@link #childJson}. */
  public static RunId child(String json) {
    return RunId.of(json.substring(1, json.length() - 1));
  }

  public static long key(long runSeq, int index) {
    return (runSeq << INDEX_BITS) | index;
  }

  /** The run of the task row {@code key}. */
  public static long runSeq(long key) {
    return key >>> INDEX_BITS;
  }

  /** The task index of the task row {@code key}. */
  public static int index(long key) {
    return (int) (key & (MAX_TASKS - 1));
  }

  /** The row name of instance {@code number} of {@code task} (a fan-out's, a loop's). */
  public static String instanceName(String task, int number) {
    return task + '[' + number + ']';
  }

  /** The task of which the row {@code name} is an instance, or null when it is none. */
  public static String instanceTask(String name) {
    int open = name.indexOf('[');
    return open < 0 || !name.endsWith("]") ? null : name.substring(0, open);
  }

  /** The number of the instance whose row is named {@code name}, one of {@link #instanceName}. */
  public static int instanceNumber(String name) {
    return Integer.parseInt(name.substring(name.indexOf('[') + 1, name.length() - 1));
  }

  static long first(long runSeq) {
    return runSeq << INDEX_BITS;
  }

  static long last(long runSeq) {
    return (runSeq << INDEX_BITS) | (MAX_TASKS - 1);
  }
}

package dev.hypha.runtime.internal.store;

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

  static long first(long runSeq) {
    return runSeq << INDEX_BITS;
  }

  static long last(long runSeq) {
    return (runSeq << INDEX_BITS) | (MAX_TASKS - 1);
  }
}

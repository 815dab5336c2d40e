package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;

/** The errors that fail a task that fans out before any instance runs, the same on both engines. */
public final class FanOutErrors {
  private FanOutErrors() {}

  /** The list {@code task} fans out over, the output of {@code source}, is null or not a list. */
  public static HyphaException notAList(String task, String source, String json) {
    return new HyphaException(
        "task "
            + task
            + " fans out over the output of "
            + source
            + ", which is "
            + ("null".equals(json) ? "null" : "not a list")
            + "; return a list (an empty one for no elements) from "
            + source);
  }

  /** The list is longer than the engine can give instances to. */
  public static HyphaException tooMany(String task, int elements, int most) {
    return new HyphaException(
        "task "
            + task
            + " fans out over "
            + elements
            + " elements, but at most "
            + most
            + " instances fit in this run; split the list over several runs");
  }
}

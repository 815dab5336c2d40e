package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.spi.Guard;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The elements a task that fans out gets instances for, the same on both engines: its source's
 * list, each element as its own JSON, in list order; for a task that routes by subtype, only the
 * elements that pass its route. Also the errors that fail such a task before any instance runs.
 */
public final class FanOutElements {
  private FanOutElements() {}

  /**
   * The elements of {@code json}, the output of {@code source}, that {@code task} takes.
   *
   * @throws HyphaException if the output is null or not a list, or an element does not decode as
   *     the element type while routing
   */
  public static List<String> split(
      JsonCodec codec, TaskDescriptor task, String source, String json) {
    List<String> elements;
    try {
      elements = codec.elements(json);
    } catch (Exception notAList) {
      throw new HyphaException(
          "task "
              + task.name()
              + " fans out over the output of "
              + source
              + ", which is "
              + ("null".equals(json) ? "null" : "not a list")
              + "; return a list (an empty one for no elements) from "
              + source);
    }
    Guard route = task.route().orElse(null);
    if (route == null) {
      return elements;
    }
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      Object element;
      try {
        element = codec.read(elements.get(i), task.element());
      } catch (Exception e) {
        throw new HyphaException(
            "element "
                + i
                + " of the list of "
                + source
                + " does not read as "
                + task.element()
                + " ("
                + JsonCodec.describe(e)
                + "), so task "
                + task.name()
                + " cannot tell whether it takes it; return elements that read back from "
                + source,
            e);
      }
      if (route.test(element)) {
        taken.add(elements.get(i));
      }
    }
    return taken;
  }

  /**
   * The output of a fan-out with no instance to run, or whose instances return nothing: an empty
   * list, or {@code null} for {@code void} instances.
   */
  public static String emptyOutput(TaskDescriptor task) {
    return task.output().isVoid() ? "null" : "[]";
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

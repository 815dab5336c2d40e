package dev.hypha.runtime.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.Step;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.util.Iterator;
import java.util.Map;

/**
 * How an iteration of a loop is recorded, the same on both engines: its row's output is {@code
 * {"again": <state>}} or {@code {"done": <result>}}, each part written as its declared type, so
 * that the next iteration's state and the loop's result are read back without any type of the
 * runtime's in the JSON.
 */
public final class LoopSteps {
  private static final String AGAIN = "again";
  private static final String DONE = "done";

  private LoopSteps() {}

  /** One recorded step: whether it ends the loop, and the JSON of its state or result. */
  public record Recorded(boolean done, String json) {}

  /** The JSON of {@code value}, the step an iteration of {@code task} returned. */
  public static String encode(JsonCodec codec, TaskDescriptor task, Object value) throws Exception {
    if (!(value instanceof Step<?, ?> step)) {
      throw new HyphaException(
          "iteration of loop "
              + task.name()
              + " returned "
              + (value == null ? "null" : value.getClass().getName())
              + ", not a Step; return Step.again(state) or Step.done(result)");
    }
    String json =
        step instanceof Step.Again<?, ?> again
            ? codec.write(again.state(), task.element())
            : codec.write(((Step.Done<?, ?>) step).result(), task.output());
    return "{\"" + (step instanceof Step.Again ? AGAIN : DONE) + "\":" + json + "}";
  }

  /** Reads a step back from its row's output. */
  public static Recorded decode(JsonCodec codec, String json) {
    try {
      JsonNode node = codec.mapper().readTree(json);
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      Map.Entry<String, JsonNode> only = fields.next();
      if (fields.hasNext() || !(only.getKey().equals(AGAIN) || only.getKey().equals(DONE))) {
        throw new IllegalArgumentException("not a recorded step: " + json);
      }
      return new Recorded(
          only.getKey().equals(DONE), codec.mapper().writeValueAsString(only.getValue()));
    } catch (Exception e) {
      throw new IllegalStateException("a loop's recorded step does not read back: " + json, e);
    }
  }

  /** The error of a loop that was not done within its most iterations. */
  public static HyphaException tooMany(TaskDescriptor task) {
    return new HyphaException(
        "loop "
            + task.name()
            + " was not done after "
            + task.maxIterations()
            + " iterations, its @Loop(max); return Step.done(result) sooner, or raise max");
  }
}

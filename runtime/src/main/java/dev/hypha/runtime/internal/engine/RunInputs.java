package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.InvalidInputException;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.spi.FlowDescriptor;

/**
 * A run's input to and from JSON, with the errors every runtime gives for one that does not fit.
 */
public final class RunInputs {
  private RunInputs() {}

  /**
   * {@code json} read as {@code flow}'s input type.
   *
   * @throws InvalidInputException naming the type, if it does not read as one
   */
  public static Object read(JsonCodec codec, FlowDescriptor flow, String json) {
    try {
      return codec.read(json, flow.input());
    } catch (Exception e) {
      throw new InvalidInputException(
          flow.name(),
          flow.input().toString(),
          "the input of flow "
              + flow.name()
              + " is not a valid "
              + flow.input()
              + ": "
              + JsonCodec.describe(e)
              + "; send JSON of that type",
          e);
    }
  }

  /**
   * {@code input} as JSON.
   *
   * @throws InvalidInputException if Jackson cannot write it
   */
  public static String write(JsonCodec codec, FlowDescriptor flow, Object input) {
    try {
      return codec.write(input, flow.input());
    } catch (Exception e) {
      throw new InvalidInputException(
          flow.name(),
          flow.input().toString(),
          "the input of flow "
              + flow.name()
              + " cannot be written as JSON: "
              + e.getMessage()
              + "; use a record or a class Jackson can serialise",
          e);
    }
  }
}

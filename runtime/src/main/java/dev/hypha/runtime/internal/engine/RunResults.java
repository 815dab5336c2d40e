package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.internal.json.JsonCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored result of a run that succeeded: what its flow's {@code result} makes of its sinks'
 * outputs, as JSON, so that it reads back as the flow's result type. One sink: its output as
 * stored. Several: the generated {@code Result} record (with the record's component names, such as
 * {@code lowStock} for a task named {@code low-stock}), built from the outputs and written once.
 */
final class RunResults {
  private static final Logger LOG = LoggerFactory.getLogger(RunResults.class);

  private final JsonCodec codec;
  private final OutputReader outputs;

  RunResults(JsonCodec codec, OutputReader outputs) {
    this.codec = codec;
    this.outputs = outputs;
  }

  /** How the engine reads a run's outputs back. */
  OutputReader outputs() {
    return outputs;
  }

  String json(ActiveRun run) {
    int[] resultTasks = run.flow.resultTasks();
    if (resultTasks.length == 0) {
      return "null";
    }
    if (resultTasks.length == 1) {
      // A sink that was not taken has no output: the result, an empty Optional, is null.
      String json = run.outputs[resultTasks[0]];
      return json == null ? "null" : json;
    }
    try {
      return codec.write(run.flow.definition().result(outputs.of(run)));
    } catch (Exception | LinkageError e) {
      // The outputs were read back when they were written; only a broken result() gets here.
      LOG.error(
          "the result of run {} of flow {} could not be built from its sinks; it is stored as an"
              + " object of the sinks' outputs by task name",
          run.id,
          run.flow.name(),
          e);
      StringBuilder json = new StringBuilder("{");
      for (int task : resultTasks) {
        json.append(json.length() > 1 ? "," : "")
            .append('"')
            .append(run.rowName(task))
            .append("\":")
            .append(run.outputs[task]);
      }
      return json.append('}').toString();
    }
  }
}

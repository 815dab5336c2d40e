package dev.hypha.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.WorkerRecord;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of the API (and of the CLI's {@code --json}), built from the runtime's records.
 * Times are ISO-8601 UTC text, absent values {@code null}, names camelCase, and stored inputs,
 * outputs and results are embedded as JSON values, not as strings.
 */
public final class JsonViews {
  /** Writes the API's JSON and reads request bodies (refusing text after the JSON value). */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private JsonViews() {}

  /** {@code node} as JSON text. */
  public static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree did not write", e);
    }
  }

  /** {@code {"name", "flowClass", "inputType", ..., "mermaid"}}. */
  public static ObjectNode flow(FlowDescriptor flow) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", flow.name());
    node.put("flowClass", flow.flowClassName());
    node.put("inputType", flow.input().toString());
    node.put("resultType", flow.result().toString());
    node.put("shapeHash", flow.shapeHash());
    node.set("queues", strings(flow.queues()));
    ArrayNode tasks = node.putArray("tasks");
    for (TaskDescriptor task : flow.tasks()) {
      ObjectNode row = tasks.addObject();
      row.put("name", task.name());
      row.put("queue", task.queue());
      row.put("outputType", task.output().toString());
      row.set("dependsOn", strings(task.dependsOn()));
    }
    ArrayNode edges = node.putArray("edges");
    for (FlowDescriptor.Edge edge : flow.edges()) {
      edges.addObject().put("from", edge.from()).put("to", edge.to());
    }
    ArrayNode signals = node.putArray("signals");
    flow.signals()
        .forEach(
            (name, payload) ->
                signals.addObject().put("name", name).put("payloadType", payload.toString()));
    node.put("mermaid", flow.mermaid());
    return node;
  }

  /** {@code {"id","flow","shapeHash","state","startedAt","finishedAt","error"}}. */
  public static ObjectNode summary(RunSummary run) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", run.id().value());
    node.put("flow", run.flow());
    node.put("shapeHash", run.shapeHash());
    node.put("state", run.state().name());
    node.put("startedAt", run.startedAt().toString());
    node.set("finishedAt", instant(run.finishedAt()));
    node.set(
        "error",
        run.error()
            .<JsonNode>map(
                error ->
                    MAPPER
                        .createObjectNode()
                        .put("task", error.task())
                        .put("type", error.type())
                        .put("message", error.message()))
            .orElse(NullNode.getInstance()));
    return node;
  }

  /** {@code {"run": RunSummary, "input", "result", "tasks": [Task]}}. */
  public static ObjectNode detail(RunDetail detail) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("run", summary(detail.summary()));
    node.set("input", stored(detail.inputJson()));
    node.set("result", detail.resultJson().map(JsonViews::stored).orElse(NullNode.getInstance()));
    ArrayNode tasks = node.putArray("tasks");
    detail.tasks().forEach(task -> tasks.add(task(task)));
    return node;
  }

  private static ObjectNode task(TaskRecord task) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", task.name());
    node.put("kind", task.kind().name());
    node.put("queue", task.queue());
    node.put("state", task.state().name());
    node.put("attempt", task.attempt());
    node.set("readyAt", instant(task.readyAt()));
    node.set("startedAt", instant(task.startedAt()));
    node.set("finishedAt", instant(task.finishedAt()));
    node.set("worker", text(task.worker()));
    node.set("output", task.outputJson().map(JsonViews::stored).orElse(NullNode.getInstance()));
    node.set("input", task.inputJson().map(JsonViews::stored).orElse(NullNode.getInstance()));
    node.set("error", task.error().<JsonNode>map(JsonViews::error).orElse(NullNode.getInstance()));
    node.set(
        "skipReason",
        task.skipReason()
            .<JsonNode>map(reason -> TextNode.valueOf(reason.name()))
            .orElse(NullNode.getInstance()));
    ArrayNode attempts = node.putArray("attempts");
    for (AttemptRecord attempt : task.failures()) {
      ObjectNode row = attempts.addObject();
      row.put("attempt", attempt.attempt());
      row.set("startedAt", instant(attempt.startedAt()));
      row.put("finishedAt", attempt.finishedAt().toString());
      row.set("worker", text(attempt.worker()));
      row.put("outcome", attempt.outcome().name());
      row.set("error", error(attempt.error()));
    }
    return node;
  }

  private static ObjectNode error(TaskError error) {
    return MAPPER
        .createObjectNode()
        .put("type", error.type())
        .put("message", error.message())
        .put("stackTrace", error.stackTrace());
  }

  /** {@code {"runs": [RunSummary], "next": token|null}}. */
  public static ObjectNode page(Page<RunSummary> page) {
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode runs = node.putArray("runs");
    page.items().forEach(run -> runs.add(summary(run)));
    node.set("next", text(page.nextPageToken()));
    return node;
  }

  /** {@code {"worker","queues","startedAt","lastSeen","stoppedAt"}}. */
  public static ObjectNode worker(WorkerRecord worker) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("worker", worker.worker());
    node.set("queues", strings(worker.queues()));
    node.put("startedAt", worker.startedAt().toString());
    node.put("lastSeen", worker.lastSeen().toString());
    node.set("stoppedAt", instant(worker.stoppedAt()));
    return node;
  }

  /** The data of a {@code task} event: {@code {"run","task","state","attempt","at"}}. */
  static ObjectNode taskEvent(String run, TaskRecord task, Instant at) {
    return MAPPER
        .createObjectNode()
        .put("run", run)
        .put("task", task.name())
        .put("state", task.state().name())
        .put("attempt", task.attempt())
        .put("at", at.toString());
  }

  /**
   * A value as stored, embedded as JSON. Stored values are JSON that Hypha wrote; one that does not
   * parse (a damaged row) is shown as its text rather than failing the whole answer.
   */
  static JsonNode stored(String json) {
    if (json == null) {
      return NullNode.getInstance();
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(json);
    }
  }

  private static JsonNode instant(Optional<Instant> instant) {
    return instant
        .<JsonNode>map(i -> TextNode.valueOf(i.toString()))
        .orElse(NullNode.getInstance());
  }

  private static JsonNode text(Optional<String> text) {
    return text.<JsonNode>map(TextNode::valueOf).orElse(NullNode.getInstance());
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** {@code {"<name>": [items]}}, the envelope of the API's lists. */
  static ObjectNode list(String name, List<? extends JsonNode> items) {
    ObjectNode node = MAPPER.createObjectNode();
    node.putArray(name).addAll(items);
    return node;
  }
}

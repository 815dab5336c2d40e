package dev.hypha.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hypha.cli.ExitCode;
import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.WorkerRecord;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of the REST API, which {@code --json} prints: Flow, RunSummary, RunDetail, a Page
 * of runs and Worker. Times are ISO-8601 UTC strings, absent values {@code null}, stored inputs,
 * outputs and results embedded as JSON values. Stateless and thread-safe.
 */
public final class JsonShapes {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonShapes() {}

  /** {@code node} as indented JSON text. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code node} on one line, for human output. */
  public static String compact(JsonNode node) {
    return node.toString();
  }

  /** {@code {"flows": [Flow]}}. */
  public static ObjectNode flows(Collection<FlowDescriptor> flows) {
    ObjectNode root = NODES.objectNode();
    ArrayNode list = root.putArray("flows");
    flows.forEach(flow -> list.add(flow(flow)));
    return root;
  }

  /** A Flow: name, class, types, shape hash, queues, tasks, edges, signals and Mermaid text. */
  public static ObjectNode flow(FlowDescriptor flow) {
    ObjectNode node = NODES.objectNode();
    node.put("name", flow.name());
    node.put("flowClass", flow.flowClassName());
    node.put("inputType", typeName(flow.input()));
    node.put("resultType", typeName(flow.result()));
    node.put("shapeHash", flow.shapeHash());
    ArrayNode queues = node.putArray("queues");
    flow.queues().forEach(queues::add);
    ArrayNode tasks = node.putArray("tasks");
    for (TaskDescriptor task : flow.tasks()) {
      ObjectNode taskNode = tasks.addObject();
      taskNode.put("name", task.name());
      taskNode.put("queue", task.queue());
      taskNode.put("outputType", typeName(task.output()));
      ArrayNode dependsOn = taskNode.putArray("dependsOn");
      task.dependsOn().forEach(dependsOn::add);
    }
    ArrayNode edges = node.putArray("edges");
    for (FlowDescriptor.Edge edge : flow.edges()) {
      edges.addObject().put("from", edge.from()).put("to", edge.to());
    }
    ArrayNode signals = node.putArray("signals");
    flow.signals()
        .forEach(
            (name, payload) ->
                signals.addObject().put("name", name).put("payloadType", typeName(payload)));
    node.put("mermaid", flow.mermaid());
    return node;
  }

  /** A RunSummary: id, flow, shape hash, state, times and the first task error. */
  public static ObjectNode runSummary(RunSummary run) {
    ObjectNode node = NODES.objectNode();
    node.put("id", run.id().value());
    node.put("flow", run.flow());
    node.put("shapeHash", run.shapeHash());
    node.put("state", run.state().name());
    node.put("startedAt", run.startedAt().toString());
    node.put("finishedAt", time(run.finishedAt()));
    if (run.error().isPresent()) {
      TaskError error = run.error().get();
      node.putObject("error")
          .put("task", error.task())
          .put("type", error.type())
          .put("message", error.message());
    } else {
      node.putNull("error");
    }
    return node;
  }

  /** {@code {"runs": [RunSummary], "next": token | null}}. */
  public static ObjectNode page(Page<RunSummary> page) {
    ObjectNode root = NODES.objectNode();
    ArrayNode runs = root.putArray("runs");
    page.items().forEach(run -> runs.add(runSummary(run)));
    root.put("next", page.nextPageToken().orElse(null));
    return root;
  }

  /** A RunDetail: the run, its input and result as JSON values, and every task. */
  public static ObjectNode runDetail(RunDetail detail) {
    ObjectNode node = NODES.objectNode();
    node.set("run", runSummary(detail.summary()));
    node.set("input", stored(detail.inputJson(), "the input of run " + detail.id()));
    node.set(
        "result", stored(detail.resultJson().orElse(null), "the result of run " + detail.id()));
    ArrayNode tasks = node.putArray("tasks");
    for (TaskRecord task : detail.tasks()) {
      tasks.add(task(task, detail));
    }
    return node;
  }

  /** {@code {"workers": [Worker]}}. */
  public static ObjectNode workers(List<WorkerRecord> workers) {
    ObjectNode root = NODES.objectNode();
    ArrayNode list = root.putArray("workers");
    for (WorkerRecord worker : workers) {
      ObjectNode node = list.addObject();
      node.put("worker", worker.worker());
      ArrayNode queues = node.putArray("queues");
      worker.queues().forEach(queues::add);
      node.put("startedAt", worker.startedAt().toString());
      node.put("lastSeen", worker.lastSeen().toString());
      node.put("stoppedAt", time(worker.stoppedAt()));
    }
    return root;
  }

  private static ObjectNode task(TaskRecord task, RunDetail detail) {
    String where = "task " + task.name() + " of run " + detail.id();
    ObjectNode node = NODES.objectNode();
    node.put("name", task.name());
    node.put("kind", task.kind().name());
    node.put("queue", task.queue());
    node.put("state", task.state().name());
    node.put("attempt", task.attempt());
    node.put("readyAt", time(task.readyAt()));
    node.put("startedAt", time(task.startedAt()));
    node.put("finishedAt", time(task.finishedAt()));
    node.put("worker", task.worker().orElse(null));
    node.set("output", stored(task.outputJson().orElse(null), "the output of " + where));
    node.set("input", stored(task.inputJson().orElse(null), "the input of " + where));
    node.set("error", task.error().<JsonNode>map(JsonShapes::error).orElse(NullNode.instance));
    node.put("skipReason", task.skipReason().map(Enum::name).orElse(null));
    ArrayNode attempts = node.putArray("attempts");
    for (AttemptRecord attempt : task.failures()) {
      ObjectNode attemptNode = attempts.addObject();
      attemptNode.put("attempt", attempt.attempt());
      attemptNode.put("startedAt", time(attempt.startedAt()));
      attemptNode.put("finishedAt", attempt.finishedAt().toString());
      attemptNode.put("worker", attempt.worker().orElse(null));
      attemptNode.put("outcome", attempt.outcome().name());
      attemptNode.set("error", error(attempt.error()));
    }
    return node;
  }

  private static ObjectNode error(TaskError error) {
    return NODES
        .objectNode()
        .put("type", error.type())
        .put("message", error.message())
        .put("stackTrace", error.stackTrace());
  }

  /** A value as the store holds it (JSON text), embedded as JSON; null when absent. */
  private static JsonNode stored(String json, String what) {
    if (json == null) {
      return NullNode.instance;
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CliException(
          ExitCode.STORE,
          "the store holds "
              + what
              + " as text that is not JSON ("
              + e.getOriginalMessage()
              + "); the row is damaged, read it with hypha show without --json",
          e);
    }
  }

  private static String time(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse(null);
  }

  private static String typeName(TypeRef<?> type) {
    return type.toString();
  }
}

package dev.hypha.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.WorkerRecord;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.server.internal.JsonViews;
import java.util.Collection;
import java.util.List;

/**
 * What {@code --json} prints: the REST API's own shapes (Flow, RunSummary, RunDetail, a Page of
 * runs and Worker), built by the server's {@link JsonViews} so that the two never drift apart, and
 * written indented. Stateless and thread-safe.
 */
public final class JsonShapes {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode list = root.putArray("flows");
    flows.forEach(flow -> list.add(JsonViews.flow(flow)));
    return root;
  }

  /** A RunSummary. */
  public static ObjectNode runSummary(RunSummary run) {
    return JsonViews.summary(run);
  }

  /** {@code {"runs": [RunSummary], "next": token | null}}. */
  public static ObjectNode page(Page<RunSummary> page) {
    return JsonViews.page(page);
  }

  /**
   * A RunDetail: the run, its input and result as JSON values, and every task. A stored value that
   * is not JSON (a damaged row) is shown as its text.
   */
  public static ObjectNode runDetail(RunDetail detail) {
    return JsonViews.detail(detail);
  }

  /** {@code {"workers": [Worker]}}. */
  public static ObjectNode workers(List<WorkerRecord> workers) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode list = root.putArray("workers");
    workers.forEach(worker -> list.add(JsonViews.worker(worker)));
    return root;
  }
}

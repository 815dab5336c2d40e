package dev.hypha.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypha.runtime.Hypha;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document against what the server does: the routes registered in Javalin are exactly
 * the documented operations; every documented status of every operation was answered to some test
 * of this suite, and no test got an undocumented one (a 5xx falls under an operation's {@code
 * default} answer); and every JSON answer the tests got fits the schema documented for it.
 *
 * <p>It reads the exchanges every other test class recorded through {@link Api}, so it runs last
 * ({@code junit-platform.properties} orders classes by {@link Order}) and needs the whole server
 * suite: {@code -Dtest='Server*'}. Run alone, it fails, naming the statuses nobody exercised.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerOpenApiTest {
  private static JsonNode document;

  @TempDir static Path dir;

  /** An operation of the document: its method, path template and the template as a pattern. */
  private record Operation(String method, String path, Pattern pattern, JsonNode spec) {
    String name() {
      return method + " " + path;
    }
  }

  @BeforeAll
  static void readDocument() throws Exception {
    try (InputStream in =
        ServerOpenApiTest.class.getResourceAsStream("/dev/hypha/server/openapi.json")) {
      document = Api.JSON.readTree(in);
    }
  }

  @Test
  @Order(1)
  void theServerServesTheDocumentAndRegistersExactlyItsOperations() {
    try (Hypha hypha = Hypha.open(dir.resolve("openapi.db"));
        HyphaServer server = HyphaServer.builder(hypha).port(0).start()) {
      Api.Response served = new Api(server).get("/api/openapi.json");
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.header("Content-Type")).startsWith("application/json");
      assertThat(served.json()).isEqualTo(document);
      assertThat(document.get("openapi").asText()).startsWith("3.1");

      Set<String> documented = new TreeSet<>();
      operations().forEach(operation -> documented.add(operation.name()));
      Set<String> answered = new TreeSet<>(server.routes());
      if (ServerSecurityTest.dashboardOnClassPath()) {
        // "/" is then the dashboard's index.html, a static file rather than a route.
        answered.add("GET /");
      }
      assertThat(answered).isEqualTo(documented);
    }
  }

  @Test
  @Order(2)
  void everyDocumentedStatusWasAnsweredToSomeTestAndNoOtherWas() {
    assertThat(Api.EXCHANGES)
        .as("exchanges of the other server tests (run the whole suite: -Dtest='Server*')")
        .isNotEmpty();
    Set<String> exercised = new TreeSet<>();
    Set<String> undocumented = new TreeSet<>();
    for (Api.Exchange exchange : Api.EXCHANGES) {
      Operation operation = operationOf(exchange);
      if (operation == null) {
        continue; // no such route or method: not an operation (404/405 of the tests of those)
      }
      String status = String.valueOf(exchange.status());
      JsonNode responses = operation.spec().get("responses");
      if (responses.has(status) || (exchange.status() >= 500 && responses.has("default"))) {
        exercised.add(operation.name() + " " + status);
      } else {
        undocumented.add(operation.name() + " " + status + ": " + exchange.body());
      }
    }
    Set<String> missing = new TreeSet<>();
    for (Operation operation : operations()) {
      operation
          .spec()
          .get("responses")
          .fieldNames()
          .forEachRemaining(
              status -> {
                if (!status.equals("default")
                    && !exercised.contains(operation.name() + " " + status)) {
                  missing.add(operation.name() + " " + status);
                }
              });
    }
    assertThat(missing).as("documented statuses no test got").isEmpty();
    assertThat(undocumented).as("statuses tests got that are not documented").isEmpty();
  }

  @Test
  @Order(3)
  void everyJsonAnswerFitsItsDocumentedSchema() {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (Api.Exchange exchange : Api.EXCHANGES) {
      Operation operation = operationOf(exchange);
      String contentType = exchange.contentType();
      if (operation == null || contentType == null || !contentType.contains("json")) {
        continue;
      }
      JsonNode responses = operation.spec().get("responses");
      JsonNode response = responses.get(String.valueOf(exchange.status()));
      if (response == null && exchange.status() >= 500) {
        response = responses.get("default");
      }
      if (response == null) {
        continue; // reported by the status check
      }
      response = resolve(response);
      String mediaType = contentType.split(";")[0].trim();
      JsonNode schema = response.path("content").path(mediaType).get("schema");
      if (schema == null) {
        mismatches.add(
            operation.name()
                + " "
                + exchange.status()
                + " answered "
                + mediaType
                + ", undocumented");
        continue;
      }
      JsonNode body;
      try {
        body = Api.JSON.readTree(exchange.body());
      } catch (Exception e) {
        mismatches.add(operation.name() + " " + exchange.status() + ": body is not JSON");
        continue;
      }
      for (String problem : validate(body, schema, "")) {
        mismatches.add(operation.name() + " " + exchange.status() + " " + problem);
      }
      checked++;
    }
    assertThat(checked).as("JSON answers checked").isGreaterThan(100);
    assertThat(mismatches.stream().distinct().limit(30).toList())
        .as("answers that do not fit the document")
        .isEmpty();
  }

  /** The problems of {@code value} against {@code schema}, each with where it is. */
  private static List<String> validate(JsonNode value, JsonNode schema, String at) {
    List<String> problems = new ArrayList<>();
    schema = resolve(schema);
    if (schema.has("oneOf")) {
      int matches = 0;
      for (JsonNode option : schema.get("oneOf")) {
        matches += validate(value, option, at).isEmpty() ? 1 : 0;
      }
      if (matches != 1) {
        problems.add(at + ": fits " + matches + " of the oneOf schemas: " + value);
      }
      return problems;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        problems.add(at + ": " + value + " is not in " + schema.get("enum"));
      }
    }
    if (schema.has("type")) {
      List<String> types = new ArrayList<>();
      if (schema.get("type").isArray()) {
        schema.get("type").forEach(type -> types.add(type.asText()));
      } else {
        types.add(schema.get("type").asText());
      }
      if (types.stream().noneMatch(type -> is(value, type))) {
        problems.add(at + ": " + value + " is not " + types);
        return problems;
      }
    }
    if (value.isTextual() && schema.has("format")) {
      String text = value.asText();
      try {
        switch (schema.get("format").asText()) {
          case "date-time" -> Instant.parse(text);
          case "uuid" -> UUID.fromString(text);
          default -> {}
        }
      } catch (RuntimeException e) {
        problems.add(at + ": '" + text + "' is not a " + schema.get("format").asText());
      }
    }
    if (value.isObject() && schema.has("properties")) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(at + ": lacks required " + required.asText());
        }
      }
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        JsonNode property = schema.get("properties").get(field.getKey());
        if (property == null) {
          problems.add(at + ": has undocumented " + field.getKey());
        } else {
          problems.addAll(validate(field.getValue(), property, at + "/" + field.getKey()));
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        problems.addAll(validate(value.get(i), schema.get("items"), at + "/" + i));
      }
    }
    return problems;
  }

  private static boolean is(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> throw new AssertionError("the document uses type " + type);
    };
  }

  private static JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      assertThat(ref).startsWith("#/");
      node = document.at(ref.substring(1));
      assertThat(node.isMissingNode()).as("reference %s resolves", ref).isFalse();
    }
    return node;
  }

  private static List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      Pattern pattern =
          Pattern.compile("\\Q" + path.getKey().replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E");
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        operations.add(
            new Operation(
                method.getKey().toUpperCase(Locale.ROOT),
                path.getKey(),
                pattern,
                method.getValue()));
      }
    }
    return operations;
  }

  /** The documented operation {@code exchange} asked for, or null for none. */
  private static Operation operationOf(Api.Exchange exchange) {
    String path = exchange.path().length() > 1 ? exchange.path().replaceAll("/$", "") : "/";
    return operations().stream()
        .filter(
            operation ->
                operation.method().equals(exchange.method())
                    && operation.pattern().matcher(path).matches())
        .findFirst()
        .orElse(null);
  }
}

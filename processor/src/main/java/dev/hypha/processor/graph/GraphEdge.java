package dev.hypha.processor.graph;

import java.util.Objects;

/**
 * An edge that is not plain, as the graph algorithms see it.
 *
 * @param kind what the edge is
 * @param type for a {@link EdgeKind#VARIANT} edge, the canonical name of the subtype it needs; for
 *     a {@link EdgeKind#FOR_EACH} edge that routes by subtype, that of the subtype it routes; empty
 *     otherwise
 * @param label how a chart labels the edge: the subtype's simple name, {@code present}, {@code for
 *     each}, {@code for each Dns}, {@code loop}, or empty
 */
public record GraphEdge(EdgeKind kind, String type, String label) {
  public GraphEdge {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(label, "label");
  }

  /** A branch taken when the dependency's {@code Optional} output holds a value. */
  public static GraphEdge present() {
    return new GraphEdge(EdgeKind.PRESENT, "", "present");
  }

  /** A branch taken when the output is a {@code type} (canonical name), labelled {@code label}. */
  public static GraphEdge variant(String type, String label) {
    return new GraphEdge(EdgeKind.VARIANT, type, label);
  }

  /** A join that runs even when the dependency was not taken. */
  public static GraphEdge optional() {
    return new GraphEdge(EdgeKind.OPTIONAL, "", "");
  }

  /** A fan-out: the task runs once per element of the dependency's list. */
  public static GraphEdge forEach() {
    return new GraphEdge(EdgeKind.FOR_EACH, "", "for each");
  }

  /**
   * A fan-out that routes by subtype: the task runs once per element of the dependency's list that
   * is a {@code type} (canonical name), labelled {@code for each <label>}.
   */
  public static GraphEdge forEach(String type, String label) {
    return new GraphEdge(EdgeKind.FOR_EACH, type, "for each " + label);
  }

  /** A loop: the task's first iteration takes the dependency's output as its state. */
  public static GraphEdge loop() {
    return new GraphEdge(EdgeKind.LOOP, "", "loop");
  }

  /**
   * The edge in the shape hash's text: {@code present}, {@code variant:shop.A}, {@code optional},
   * {@code for-each}, {@code for-each:shop.Dns}, {@code loop}.
   */
  String hashText() {
    return switch (kind) {
      case PRESENT -> "present";
      case VARIANT -> "variant:" + type;
      case OPTIONAL -> "optional";
      case FOR_EACH -> type.isEmpty() ? "for-each" : "for-each:" + type;
      case LOOP -> "loop";
    };
  }
}

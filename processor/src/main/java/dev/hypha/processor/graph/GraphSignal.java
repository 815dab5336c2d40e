package dev.hypha.processor.graph;

import java.util.Objects;

/**
 * The external signal a task waits for, as the graph algorithms see it.
 *
 * @param name the signal's name
 * @param payloadType the canonical text of the payload's (boxed) type
 */
public record GraphSignal(String name, String payloadType) {
  public GraphSignal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(payloadType, "payloadType");
  }
}

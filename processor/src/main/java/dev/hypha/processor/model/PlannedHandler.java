package dev.hypha.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A handler of a valid flow at its final position.
 *
 * @param handler the handler as read from the source
 * @param index its index in {@code Definition.invoke}: the number of tasks plus its position among
 *     the handlers
 * @param retry a compensation's own retry policy; empty for none and for other kinds
 * @param arguments what each parameter receives, in parameter order
 */
public record PlannedHandler(
    HandlerModel handler, int index, Optional<RetryPlan> retry, List<Binding> arguments) {
  public PlannedHandler {
    arguments = List.copyOf(arguments);
  }
}

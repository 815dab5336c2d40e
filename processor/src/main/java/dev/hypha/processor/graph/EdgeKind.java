package dev.hypha.processor.graph;

/**
 * How a task depends on one dependency when the edge is not plain. A plain edge (the dependency's
 * output, or only its order) makes the task wait for the dependency and be skipped with it.
 */
public enum EdgeKind {
  /** A branch taken when the dependency's {@code Optional} output holds a value. */
  PRESENT,
  /** A branch taken when the dependency's sealed output is an instance of one subtype. */
  VARIANT,
  /** A join: the task runs even when the dependency was not taken, reading an empty value. */
  OPTIONAL,
  /** A fan-out: the task runs once per element of the dependency's output, a list. */
  FOR_EACH,
  /** A loop: the task's first iteration takes the dependency's output as its state. */
  LOOP
}

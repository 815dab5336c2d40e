package dev.hypha.processor.model;

/** What one task parameter receives when the runtime calls the task. */
public sealed interface Binding {

  /** The run's input. */
  record Input() implements Binding {}

  /** The attempt's {@code TaskContext}. */
  record Context() implements Binding {}

  /** The output of the dependency named {@code task}. */
  record Output(String task) implements Binding {}
}

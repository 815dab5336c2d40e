package dev.hypha.processor.model;

import javax.lang.model.type.TypeMirror;

/** What one parameter of a task or handler receives when the runtime calls it. */
public sealed interface Binding {

  /** The run's input. */
  record Input() implements Binding {}

  /** The attempt's {@code TaskContext}. */
  record Context() implements Binding {}

  /** The output of the task named {@code task}: a dependency's, or the compensated task's. */
  record Output(String task) implements Binding {}

  /** A fault handler's exception, read as {@code type}, a subtype of {@code Throwable}. */
  record Exception(TypeMirror type) implements Binding {}

  /** An {@code @OnSuccess} callback's run result. */
  record Result() implements Binding {}

  /** An {@code @OnFailure} callback's {@code TaskError}. */
  record RunError() implements Binding {}
}

package dev.hypha.processor.model;

import javax.lang.model.type.TypeMirror;

/** What one parameter of a task or handler receives when the runtime calls it. */
public sealed interface Binding {

  /** The run's input. */
  record Input() implements Binding {}

  /** The attempt's {@code TaskContext}. */
  record Context() implements Binding {}

  /** What a parameter reads from the output of the task named {@code task()}. */
  sealed interface FromTask extends Binding {
    /** The task whose output is read. */
    String task();
  }

  /** The output of the task named {@code task}: a dependency's, or the compensated task's. */
  record Output(String task) implements FromTask {}

  /**
   * The value inside the dependency's {@code Optional} output, for a parameter that takes the
   * value, not the {@code Optional}: a branch the task takes only when the value is present.
   */
  record Present(String task) implements FromTask {}

  /**
   * The dependency's sealed output as {@code type}, one of its subtypes and the parameter's type: a
   * branch the task takes only when the output is one.
   */
  record Variant(String task, TypeMirror type) implements FromTask {}

  /**
   * The dependency's output as an {@code Optional} of {@code type}, for a parameter {@code
   * Optional<...>}: empty when the dependency was not taken. Joins branches when the dependency may
   * be absent; validation rejects it when it never is.
   */
  record OptionalOutput(String task, TypeMirror type) implements FromTask {}

  /**
   * For a {@code @ForEach} parameter: one element of the dependency's output, a {@code
   * java.util.List}, read as {@code type}, the list's element type; its task runs once per element.
   * When {@code type} is sealed and the parameter takes one of its subtypes, {@code route} is the
   * parameter's type and the task runs once per element of that subtype only; else null.
   */
  record Element(String task, TypeMirror type, TypeMirror route) implements FromTask {
    /** What the task's method receives: the subtype it routes, else the element type. */
    public TypeMirror read() {
      return route != null ? route : type;
    }
  }

  /**
   * For a {@code @Loop} parameter: the loop's state, read as {@code type} (the parameter's type,
   * boxed). The first iteration takes the output of the task named {@code task}; each further one
   * the state the iteration before handed on.
   */
  record State(String task, TypeMirror type) implements FromTask {}

  /**
   * For a {@code @Signal} parameter: the payload of the signal its task took, read as {@code
   * payload} (boxed). For a parameter {@code Optional<T>} ({@code optional}), {@code payload} is
   * {@code T} and the parameter is empty when the wait timed out.
   */
  record Signal(TypeMirror payload, boolean optional) implements Binding {}

  /** A fault handler's exception, read as {@code type}, a subtype of {@code Throwable}. */
  record Exception(TypeMirror type) implements Binding {}

  /** An {@code @OnSuccess} callback's run result. */
  record Result() implements Binding {}

  /** An {@code @OnFailure} callback's {@code TaskError}. */
  record RunError() implements Binding {}
}

package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.HandlerModel.Kind;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.model.TypeValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.type.TypeMirror;

/**
 * Decides what each handler parameter receives. {@code @Input}: the run input; a {@code
 * TaskContext}: the context; and at most one more, by the handler's role: a compensation's the
 * compensated task's output (required), a fault handler's the exception, {@code @OnSuccess}'s the
 * run's result, {@code @OnFailure}'s the run's {@code TaskError}.
 */
final class HandlerBinder {
  private final FlowModel flow;
  private final TypeRules rules;
  private final Report report;
  private final FlowResult result;

  /**
   * @param result the flow's result type, or null when the graph has errors that make it unknown
   */
  HandlerBinder(FlowModel flow, TypeRules rules, Report report, FlowResult result) {
    this.flow = flow;
    this.rules = rules;
    this.report = report;
    this.result = result;
  }

  /** The bindings of {@code handlers}, in parameter order; a parameter in error binds to null. */
  Map<HandlerModel, List<Binding>> bindAll(List<HandlerModel> handlers) {
    Map<HandlerModel, List<Binding>> bindings = new IdentityHashMap<>();
    for (HandlerModel handler : handlers) {
      bindings.put(handler, bind(handler));
    }
    return bindings;
  }

  private List<Binding> bind(HandlerModel handler) {
    List<Binding> arguments = new ArrayList<>();
    boolean bound = false;
    for (ParameterModel parameter : handler.parameters()) {
      if (parameter.hasFrom()) { // Reported, then bound as if it were not there.
        report.error(
            Messages.fromOnHandler(parameter.name(), Describe.handler(handler)),
            parameter.element(),
            parameter.from());
      }
      if (parameter.isInput()) {
        arguments.add(new Binding.Input());
      } else if (parameter.context()) {
        arguments.add(new Binding.Context());
      } else if (bound) {
        report.error(
            Messages.handlerParameter(
                parameter.name(),
                Describe.type(parameter.type()),
                Describe.handler(handler),
                receives(handler)),
            parameter.element());
        arguments.add(null);
      } else {
        bound = true;
        arguments.add(bindRole(handler, parameter));
      }
    }
    TaskModel task = handler.kind() == Kind.COMPENSATION ? flow.task(handler.task()) : null;
    if (!bound && task != null && !task.isVoid()) {
      report.error(
          Messages.compensationWithoutOutput(
              Describe.handler(handler), task.name(), Describe.type(task.output())),
          handler.method());
    }
    return arguments;
  }

  private Binding bindRole(HandlerModel handler, ParameterModel parameter) {
    return switch (handler.kind()) {
      case COMPENSATION -> bindOutput(handler, parameter);
      case FAULT -> bindException(handler, parameter);
      case ON_SUCCESS -> bindResult(handler, parameter);
      case ON_FAILURE -> bindRunError(handler, parameter);
    };
  }

  private Binding bindOutput(HandlerModel handler, ParameterModel parameter) {
    TaskModel task = flow.task(handler.task());
    if (task == null || task.isVoid()) {
      return null; // Reported by HandlerChecks.
    }
    return accepts(handler, parameter, task.output(), Describe.type(task.output()))
        ? new Binding.Output(task.name())
        : null;
  }

  private Binding bindException(HandlerModel handler, ParameterModel parameter) {
    for (TypeValue exception : handler.exceptions()) {
      if (!rules.isAssignable(exception.type(), parameter.type())) {
        report.error(
            Messages.exceptionTypeMismatch(
                parameter.name(),
                Describe.type(parameter.type()),
                Describe.handler(handler),
                Describe.type(exception.type()),
                handler.exceptions().stream().map(e -> Describe.type(e.type())).toList()),
            parameter.element());
        return null;
      }
    }
    TypeMirror throwable = rules.named("java.lang.Throwable");
    // Object or Serializable take any exception, but exception() is bounded by Throwable.
    return new Binding.Exception(
        rules.isAssignable(parameter.type(), throwable) ? parameter.type() : throwable);
  }

  private Binding bindResult(HandlerModel handler, ParameterModel parameter) {
    if (result == null) {
      return null; // The graph's errors are reported; its result type is unknown.
    }
    return accepts(handler, parameter, result.type(), result.display())
        ? new Binding.Result()
        : null;
  }

  private Binding bindRunError(HandlerModel handler, ParameterModel parameter) {
    return accepts(handler, parameter, rules.named(TypeRules.TASK_ERROR), "TaskError")
        ? new Binding.RunError()
        : null;
  }

  /**
   * Reports a mismatch unless {@code parameter} can take a {@code source} (named {@code shown} in
   * the message); a null source, a type not on the class path, fits nothing.
   */
  private boolean accepts(
      HandlerModel handler, ParameterModel parameter, TypeMirror source, String shown) {
    if (source != null && rules.isAssignable(source, parameter.type())) {
      return true;
    }
    report.error(
        Messages.handlerTypeMismatch(
            parameter.name(),
            Describe.type(parameter.type()),
            Describe.handler(handler),
            receives(handler),
            shown),
        parameter.element());
    return false;
  }

  /** What the role parameter of {@code handler} receives, for messages. */
  private static String receives(HandlerModel handler) {
    return switch (handler.kind()) {
      case COMPENSATION -> "the output of \"" + handler.task() + "\"";
      case FAULT -> "the exception";
      case ON_SUCCESS -> "the run's result";
      case ON_FAILURE -> "the run's first error";
    };
  }
}

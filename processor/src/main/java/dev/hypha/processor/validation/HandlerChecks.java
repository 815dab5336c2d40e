package dev.hypha.processor.validation;

import dev.hypha.annotations.Task;
import dev.hypha.processor.model.Annotations;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.HandlerModel.Kind;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.model.TypeValue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * Checks each handler method on its own (modifiers, return type, the task it names) and the
 * handlers of a flow together: one role per method, one compensation per task, one handler per
 * exception type of a task, one callback of each kind. Parameters are {@link HandlerBinder}'s.
 */
final class HandlerChecks {
  private final FlowModel flow;
  private final TypeRules rules;
  private final Report report;
  private final Map<String, HandlerModel> compensations = new HashMap<>();
  private final List<Handled> handled = new ArrayList<>();
  private final Map<Kind, HandlerModel> callbacks = new EnumMap<>(Kind.class);

  private HandlerChecks(FlowModel flow, TypeRules rules, Report report) {
    this.flow = flow;
    this.rules = rules;
    this.report = report;
  }

  /**
   * Reports what is wrong; returns the handlers whose parameters to bind: one per method, in source
   * order, without methods that are tasks as well (their parameters are bound as a task's).
   */
  static List<HandlerModel> check(FlowModel flow, TypeRules rules, Report report) {
    return new HandlerChecks(flow, rules, report).checkAll();
  }

  private List<HandlerModel> checkAll() {
    Map<ExecutableElement, HandlerModel> byMethod = new LinkedHashMap<>();
    for (HandlerModel handler : flow.handlers()) {
      HandlerModel first = byMethod.putIfAbsent(handler.method(), handler);
      if (first != null) {
        report.error(
            Messages.handlerConflict(
                Describe.method(handler.method()),
                first.kind().display(),
                handler.kind().display()),
            handler.method(),
            handler.annotation());
        continue;
      }
      checkMethod(handler);
      switch (handler.kind()) {
        case COMPENSATION -> checkCompensation(handler);
        case FAULT -> checkFault(handler);
        default -> checkCallback(handler);
      }
    }
    return byMethod.values().stream()
        .filter(handler -> !Annotations.has(handler.method(), Task.class))
        .toList();
  }

  private void checkMethod(HandlerModel handler) {
    ExecutableElement method = handler.method();
    String name = Describe.handler(handler);
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      report.error(Messages.handlerNotPublic(name), method);
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      report.error(Messages.handlerStatic(name), method);
    }
    if (!method.getTypeParameters().isEmpty()) {
      report.error(Messages.handlerGeneric(name), method);
    }
    if (Annotations.has(method, Task.class)) {
      report.error(Messages.handlerOnTask(name), method, handler.annotation());
    }
    if (handler.kind() != Kind.FAULT && !handler.isVoid()) {
      report.error(Messages.handlerNotVoid(name, Describe.type(method.getReturnType())), method);
    }
  }

  private void checkCompensation(HandlerModel handler) {
    TaskModel task = findTask(handler, "@Compensates");
    if (task == null) {
      return;
    }
    if (task.isVoid()) {
      reportOnTask(handler, Messages.compensatesVoidTask(task.name()));
    }
    HandlerModel other = compensations.putIfAbsent(task.name(), handler);
    if (other != null) {
      reportOnTask(
          handler, Messages.duplicateCompensation(task.name(), Describe.method(other.method())));
    }
  }

  private void checkFault(HandlerModel handler) {
    TaskModel task = findTask(handler, "@OnFault task");
    if (handler.exceptions().isEmpty()) {
      report.error(
          Messages.onFaultNoExceptions(Describe.method(handler.method()), handler.task()),
          handler.method(),
          handler.annotation(),
          Annotations.explicitValue(handler.annotation(), "value"));
    }
    if (task == null) {
      return;
    }
    checkFaultReturn(handler, task);
    for (TypeValue exception : handler.exceptions()) {
      handled.stream()
          .filter(h -> h.task().equals(task.name()))
          .filter(h -> rules.isSameBoxed(h.type(), exception.type()))
          .findFirst()
          .ifPresent(
              h ->
                  report.error(
                      Messages.duplicateFaultHandler(
                          Describe.type(exception.type()),
                          task.name(),
                          Describe.method(h.handler().method())),
                      handler.method(),
                      handler.annotation(),
                      exception.value()));
      handled.add(new Handled(task.name(), exception.type(), handler));
    }
  }

  /**
   * A fault handler returns what stands in for the task's output, or nothing for a void task; for a
   * task that fans out, what stands in for one instance's output, since each instance has its own
   * fault handling; for a loop, the {@code Step} that stands in for one iteration's, since each
   * iteration has its own (a loop whose method does not return a {@code Step} is reported by {@link
   * LoopChecks}); for a task that starts a sub-flow, what stands in for the child's result, never a
   * {@code SubFlow}: a fault handler starts no child run.
   */
  private void checkFaultReturn(HandlerModel handler, TaskModel task) {
    TypeMirror returned = handler.method().getReturnType();
    String name = Describe.handler(handler);
    if (task.startsSubFlow() && !task.isVoid()) {
      if (handler.isVoid()
          || rules.isSubFlow(returned)
          || !rules.isAssignable(returned, task.output())) {
        report.error(
            Messages.faultHandlerReturnSubFlow(
                name, Describe.type(returned), task.name(), Describe.type(task.output())),
            handler.method());
      }
    } else if (task.loops()) {
      TypeMirror step = task.returnType();
      if (!rules.stepArguments(step).isEmpty()
          && (handler.isVoid() || !rules.isAssignable(returned, step))) {
        report.error(
            Messages.faultHandlerReturnIteration(
                name, Describe.type(returned), task.name(), Describe.type(step)),
            handler.method());
      }
    } else if (task.isVoid() && !handler.isVoid()) {
      report.error(
          Messages.faultHandlerNotVoid(name, Describe.type(returned), task.name()),
          handler.method());
    } else if (!task.isVoid()
        && (handler.isVoid() || !rules.isAssignable(returned, task.returnType()))) {
      String output = Describe.type(task.returnType());
      report.error(
          task.fansOut()
              ? Messages.faultHandlerReturnInstance(
                  name, Describe.type(returned), task.name(), output)
              : Messages.faultHandlerReturn(name, Describe.type(returned), task.name(), output),
          handler.method());
    }
  }

  private void checkCallback(HandlerModel handler) {
    HandlerModel first = callbacks.putIfAbsent(handler.kind(), handler);
    if (first != null) {
      report.error(
          Messages.duplicateCallback(handler.kind().display(), Describe.method(first.method())),
          handler.method(),
          handler.annotation());
    }
  }

  private TaskModel findTask(HandlerModel handler, String what) {
    return TaskLookup.find(
        flow,
        handler.task(),
        (name, flowName, suggestion, tasks) ->
            Messages.handlerUnknownTask(what, name, flowName, suggestion, tasks),
        report,
        handler.method(),
        handler.annotation(),
        handler.taskValue());
  }

  private void reportOnTask(HandlerModel handler, String message) {
    report.error(message, handler.method(), handler.annotation(), handler.taskValue());
  }

  /** An exception type that {@code handler} handles for {@code task}. */
  private record Handled(String task, TypeMirror type, HandlerModel handler) {}
}

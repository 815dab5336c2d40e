package dev.hypha.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Flow} class as read from the source, before validation.
 *
 * @param element the annotated class
 * @param annotation its {@code @Flow} annotation
 * @param nameValue the {@code name} attribute when written out, else null
 * @param name the declared name, or the kebab-case of the simple class name
 * @param tasks the {@code @Task} methods in source order
 * @param handlers the compensations, fault handlers and callbacks in source order
 * @param retry the {@code @Retry} on the class, the default of tasks without their own, or null
 * @param deadline the {@code deadline} attribute when not empty, else null
 * @param compensateOnCancel whether cancelling a run runs compensations
 * @param instantiable whether the class is concrete with a public no-argument constructor that
 *     declares no exceptions
 * @param unresolved whether a task's types are not resolved yet (generated in a later round)
 */
public record FlowModel(
    TypeElement element,
    AnnotationMirror annotation,
    AnnotationValue nameValue,
    String name,
    List<TaskModel> tasks,
    List<HandlerModel> handlers,
    RetryModel retry,
    DurationValue deadline,
    boolean compensateOnCancel,
    boolean instantiable,
    boolean unresolved) {

  public FlowModel {
    tasks = List.copyOf(tasks);
    handlers = List.copyOf(handlers);
  }

  /** The canonical name of the class, for messages. */
  public String qualifiedName() {
    return element.getQualifiedName().toString();
  }

  /** The task named {@code name} (the first one, if the name repeats), or null. */
  public TaskModel task(String taskName) {
    for (TaskModel task : tasks) {
      if (task.name().equals(taskName)) {
        return task;
      }
    }
    return null;
  }

  /** The task names in source order. */
  public List<String> taskNames() {
    return tasks.stream().map(TaskModel::name).toList();
  }
}

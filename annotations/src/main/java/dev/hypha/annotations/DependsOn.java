package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the tasks of the same flow that must succeed before this {@link Task} runs. Their outputs
 * are what the task's parameters bind to. An unknown name or a cycle is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DependsOn {

  /** Task names, as given by {@link Task#name()} or the method name. */
  String[] value();
}

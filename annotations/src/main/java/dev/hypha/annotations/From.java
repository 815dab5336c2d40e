package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@link Task} parameter to the output of one named dependency. Without it, a parameter
 * binds to the dependency whose task name equals the parameter name, else to the single dependency
 * whose output type is assignable to the parameter; anything else is a compile error that lists the
 * candidates.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface From {

  /** The name of a task listed in this task's {@link DependsOn}. */
  String value();
}

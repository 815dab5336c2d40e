package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Task} parameter that receives the run's input, the value passed to {@code
 * start(input)}. Every {@code @Input} parameter of a flow has the same type, which is the flow's
 * input type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Input {}

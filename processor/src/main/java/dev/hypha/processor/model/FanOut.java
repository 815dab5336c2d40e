package dev.hypha.processor.model;

import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * How a task of a valid flow fans out: it runs once per element of a dependency's list.
 *
 * @param dependency the task whose output, a {@code java.util.List}, the task fans out over
 * @param element the list's element type, what each instance's element is read as
 * @param concurrency the most instances that run at once in one run; 0 for no limit of its own
 * @param route for a fan-out that routes a sealed element type by subtype, the erased subtype an
 *     element must be an instance of to get an instance of the task; empty when every element gets
 *     one
 */
public record FanOut(
    String dependency, TypeMirror element, int concurrency, Optional<TypeMirror> route) {}

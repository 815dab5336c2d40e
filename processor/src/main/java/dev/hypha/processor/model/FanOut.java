package dev.hypha.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * How a task of a valid flow fans out: it runs once per element of a dependency's list.
 *
 * @param dependency the task whose output, a {@code java.util.List}, the task fans out over
 * @param element the list's element type, what each instance reads
 * @param concurrency the most instances that run at once in one run; 0 for no limit of its own
 */
public record FanOut(String dependency, TypeMirror element, int concurrency) {}

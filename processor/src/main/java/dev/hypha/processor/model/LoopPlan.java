package dev.hypha.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * How a task of a valid flow loops: it runs again with the state each iteration hands on until one
 * is done.
 *
 * @param dependency the task whose output is the first state
 * @param state the state's type, boxed: what each iteration takes and hands on
 * @param maxIterations the most iterations, at least 1; one more fails the task
 */
public record LoopPlan(String dependency, TypeMirror state, int maxIterations) {}

package dev.hypha.runtime.internal.store;

/**
 * A signal sent to a run, as stored.
 *
 * @param seq its number among the run's signals, from 1, in the order they came
 * @param sentAt epoch microseconds
 */
public record StoredSignal(int seq, String name, String payloadJson, long sentAt) {}

package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.RunId;
import java.util.List;

/**
 * A run as the engine reloads it after a restart.
 *
 * @param runSeq the run's key in the store
 * @param startedAt epoch microseconds
 * @param signals the signals sent to it, in order; read only for flows whose tasks wait for some
 */
public record StoredRun(
    RunId runId,
    long runSeq,
    String flow,
    String shapeHash,
    String inputJson,
    long startedAt,
    List<StoredTask> tasks,
    List<StoredSignal> signals) {}

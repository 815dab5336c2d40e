package dev.hypha.runtime;

/**
 * Counters of a {@link Hypha}'s engine since it was opened.
 *
 * @param commits transactions committed (each a group commit of many transitions)
 * @param rowWrites rows inserted or updated by those commits
 * @param executions attempts handed to worker threads
 * @param activeRuns runs in memory now, started or resumed here and not ended
 * @param abandonedThreads worker threads stuck in an attempt that was stopped (timeout,
 *     cancellation, deadline) and that ignored the interruption; each was replaced
 * @param abandonedThreadsTotal threads given up on since the engine started
 */
public record EngineMetrics(
    long commits,
    long rowWrites,
    long executions,
    int activeRuns,
    int abandonedThreads,
    long abandonedThreadsTotal) {}

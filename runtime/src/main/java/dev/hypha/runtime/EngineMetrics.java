package dev.hypha.runtime;

/**
 * Counters of a {@link Hypha}'s engine since it was opened.
 *
 * @param commits transactions committed (each a group commit of many transitions)
 * @param rowWrites rows inserted or updated by those commits
 * @param commitNanos time spent in those commits, from the transaction's start to its durable end
 * @param executions attempts handed to worker threads
 * @param activeRuns runs in memory now, started or resumed here and not ended
 * @param timers timers waiting to fire: retries waiting for their backoff, {@code @Delay}ed tasks
 *     waiting for their due time, {@code @Timeout}s of running attempts, deadlines of active runs;
 *     a timer leaves as soon as what it watches ends
 * @param abandonedThreads worker threads interrupted inside an attempt that was stopped (timeout,
 *     cancellation, deadline) and not back yet: a task that ignores the interruption keeps its
 *     thread here; each was replaced, so the engine is never short of workers
 * @param abandonedThreadsTotal threads interrupted inside a stopped attempt since the start
 */
public record EngineMetrics(
    long commits,
    long rowWrites,
    long commitNanos,
    long executions,
    int activeRuns,
    int timers,
    int abandonedThreads,
    long abandonedThreadsTotal) {}

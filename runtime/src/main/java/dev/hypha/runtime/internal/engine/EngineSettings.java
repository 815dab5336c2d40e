package dev.hypha.runtime.internal.engine;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How an engine is sized and wired, from {@link dev.hypha.runtime.Hypha.Builder}.
 *
 * @param threads worker threads
 * @param maxInFlight attempts claimed ahead of the workers at most
 * @param maxActiveRuns runs started here that may be under way at once; more starts wait
 * @param busyTimeout how long one commit waits for another process's lock
 * @param callbackExecutor where user code chained to futures runs; null for the engine's own pool
 * @param faults fault-injection points armed for tests; {@link FaultPoints#NONE} otherwise
 * @param interception the registered interceptor's calls; null for none
 */
public record EngineSettings(
    int threads,
    int maxInFlight,
    int maxActiveRuns,
    Duration busyTimeout,
    Executor callbackExecutor,
    FaultPoints faults,
    Interception interception) {}

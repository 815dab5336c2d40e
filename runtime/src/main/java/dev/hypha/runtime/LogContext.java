package dev.hypha.runtime;

/**
 * The SLF4J {@link org.slf4j.MDC MDC} keys Hypha sets while a task runs. On every engine (serial,
 * parallel, a worker of a shared store), the thread that calls a task's method — and, on the
 * engines that run handlers, its compensation, fault handler or run callback — carries the run's id
 * ({@link #RUN}), the flow's name ({@link #FLOW}), the task's name as the history shows it ({@link
 * #TASK}: {@code page[3]} for an instance of a fan-out or an iteration of a loop, {@code
 * compensate:book} for a compensation) and the attempt's number, from 1 ({@link #ATTEMPT}), so the
 * task's own log lines can be told apart without passing anything; a logback pattern prints them
 * with {@code %X{hypha.run}}. When the method returns, the thread's MDC is put back as it was
 * before the call: neither these keys nor entries the task put itself reach the next task on a
 * pooled thread.
 *
 * <p>Constants only; thread-safe.
 */
public final class LogContext {
  /** The run's id, as {@link RunId#toString()} prints it. */
  public static final String RUN = "hypha.run";

  /** The flow's name. */
  public static final String FLOW = "hypha.flow";

  /** The task's name as the history shows it. */
  public static final String TASK = "hypha.task";

  /** The attempt's number, 1 for the first, as {@link TaskContext#attempt()} gives it. */
  public static final String ATTEMPT = "hypha.attempt";

  private LogContext() {}
}

package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.HyphaInterceptor;
import dev.hypha.runtime.OutputNotSerializableException;
import dev.hypha.runtime.SignalTimeoutException;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One attempt of one row on a worker thread: decode the arguments, call the method through the
 * generated definition, encode the output, and decide the outcome — retry per the policy, or hand a
 * task's failure to its fault handler — then report it to the engine. Whatever the method throws
 * becomes the recorded error; nothing escapes the worker thread.
 */
final class TaskExecution implements Runnable {
  private final Engine engine;
  private final Execution execution;

  /** What failed the attempt, for an interceptor: the method's exception, or null. */
  private Throwable thrown;

  TaskExecution(Engine engine, Execution execution) {
    this.engine = engine;
    this.execution = execution;
  }

  @Override
  public void run() {
    if (!execution.begin()) {
      return;
    }
    long startedAt = Micros.of(engine.clock().instant());
    execution.startedAt = startedAt;
    // Recorded with the next commit; the method does not wait for it (see Scheduler.began).
    engine.began(execution);
    Map<String, String> mdc =
        TaskMdc.enter(execution.run.id, execution.run.flow.name(), name(), execution.attempt);
    HyphaInterceptor.Attempt intercepted = null;
    Outcome outcome;
    try {
      if (engine.interception() != null && execution.collect == null) {
        // Not around a fan-out's collection: the engine's read of its instances runs no method.
        intercepted = intercept(engine.interception());
      }
      engine.faults().reach(FaultPoints.Point.TASK_BEGAN);
      outcome =
          execution.collect != null
              ? collect(execution.collect)
              : execution.faultOnly != null
                  ? handleFault(execution.faultOnly, error(name(), execution.faultOnly))
                  : attempt();
      engine
          .faults()
          .reach(
              execution.run.flow.kind(execution.task) == TaskKind.COMPENSATION
                  ? FaultPoints.Point.COMPENSATION_RETURNED
                  : FaultPoints.Point.TASK_RETURNED);
    } catch (VirtualMachineError fatal) {
      // Not the task's failure to retry: the JVM may be broken. The engine stops as after a
      // crash; the attempt stays begun-and-unfinished and runs again on the next open.
      engine.workers().returned(execution.end());
      engine.fatal(execution, fatal);
      throw fatal;
    } catch (Throwable unexpected) {
      // Only a failure to describe an error (or of the interceptor) gets here; the engine must
      // hear of the attempt anyway.
      thrown = thrown == null ? unexpected : thrown;
      outcome = new Outcome.Failed(error(name(), unexpected));
    } finally {
      TaskMdc.restore(mdc);
      if (execution.isRunning()) {
        engine.workers().returned(execution.end());
      }
    }
    if (intercepted != null) {
      outcome = ended(intercepted, outcome);
    }
    long finishedAt = Micros.of(engine.clock().instant());
    engine.finished(new Command.Finished(execution, startedAt, finishedAt, outcome));
  }

  /**
   * Calls the interceptor for this attempt, with the run's context: known since its start here, or
   * read from the store once after a restart.
   */
  private HyphaInterceptor.Attempt intercept(Interception interception) {
    ActiveRun run = execution.run;
    Map<String, String> context = run.callerContext;
    if (context == null) {
      context = Interception.decode(engine.store().callerContext(run.seq).orElse(null));
      run.callerContext = context;
    }
    return interception.attempting(
        run.flow.name(), name(), execution.attempt, run.id, engine.workerId(), context);
  }

  /**
   * Tells the interceptor the attempt ended; an interceptor that throws fails an attempt that would
   * have succeeded.
   */
  private Outcome ended(HyphaInterceptor.Attempt intercepted, Outcome outcome) {
    try {
      intercepted.ended(thrown);
      return outcome;
    } catch (RuntimeException e) {
      return outcome instanceof Outcome.Succeeded ? new Outcome.Failed(error(name(), e)) : outcome;
    }
  }

  /** A fan-out's output: its instances' outputs, read back from their committed rows. */
  private Outcome collect(FanOut fanOut) {
    try {
      return new Outcome.Succeeded(engine.outputs().collect(execution.run, fanOut), Branches.NONE);
    } catch (RuntimeException e) {
      thrown = e;
      return new Outcome.Failed(error(name(), e));
    }
  }

  private Outcome attempt() {
    ActiveRun run = execution.run;
    SignalTimeoutException timedOut =
        SignalPayloads.timedOut(run.flow.signalWait(execution.row), name(), execution.signalJson);
    if (timedOut != null) {
      // Its wait is over without a signal; another attempt would not bring one.
      return handleFault(timedOut, error(name(), timedOut));
    }
    Object output;
    try {
      output =
          run.flow
              .definition()
              .invoke(run.flow.instance(), execution.task, new TaskArgs(engine, execution, null));
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable thrown) {
      return failed(thrown);
    }
    if (run.flow.startsSubFlow(execution.row) && !execution.instance) {
      return startChild(output);
    }
    try {
      return new Outcome.Succeeded(encode(output), notTaken(output));
    } catch (OutputNotSerializableException e) {
      // Running the task again would repeat its effects to produce the same value: fail it.
      thrown = e;
      return new Outcome.Failed(error(name(), e));
    }
  }

  /**
   * A sub-flow task returned {@code output}: its child is prepared here (its flow bound, its key
   * looked up), to be started by the engine. A preparation that fails is the attempt's failure.
   */
  private Outcome startChild(Object output) {
    try {
      SubFlow<?> sub = SubFlows.returned(name(), output);
      return new Outcome.StartChild(engine.prepareChild(execution.run.id, name(), sub));
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  /**
   * The JSON of a task's value, read back at once as the task's output type: a value its dependents
   * could not read fails here, as this task's own failure, and not later as theirs.
   */
  private String encode(Object value) {
    ActiveRun run = execution.run;
    String type = value == null ? "null" : value.getClass().getName();
    // Handlers' own values are read by nobody.
    TypeRef<?> declared = null;
    if (execution.loop) {
      TaskDescriptor loop = run.flow.descriptor().task(execution.task);
      try {
        return LoopSteps.encode(engine.codec(), loop, value);
      } catch (HyphaException notAStep) {
        throw notAStep;
      } catch (Exception e) {
        throw new OutputNotSerializableException(run.flow.name(), name(), type, e);
      }
    } else if (execution.instance) {
      declared = run.flow.descriptor().task(execution.task).elementOutput();
    } else if (execution.task < run.flow.taskCount()) {
      declared = run.flow.descriptor().task(execution.row).output();
    }
    String json;
    try {
      json = declared == null ? engine.codec().write(value) : engine.codec().write(value, declared);
    } catch (Exception e) {
      throw new OutputNotSerializableException(run.flow.name(), name(), type, e);
    }
    if (declared != null) {
      try {
        engine.codec().checkReadable(json, declared);
      } catch (Exception e) {
        throw new OutputNotSerializableException(
            run.flow.name(), name(), type, declared.toString(), e);
      }
    }
    return json;
  }

  /** The dependents of a task row that {@code output} does not take; handlers have none. */
  private int[] notTaken(Object output) {
    ActiveRun run = execution.run;
    return execution.task < run.flow.taskCount() && !execution.instance
        ? run.flow.branches().notTaken(execution.row, output)
        : Branches.NONE;
  }

  /** A failed attempt: another one if the policy allows, else the fault handler if any. */
  private Outcome failed(Throwable thrown) {
    this.thrown = thrown;
    TaskError error = error(name(), thrown);
    Duration delay = retryDelay(execution, thrown);
    if (delay != null) {
      return new Outcome.Retry(error, delay.toMillis());
    }
    return execution.task < execution.run.flow.taskCount()
        ? handleFault(thrown, error)
        : new Outcome.Failed(error);
  }

  /** Runs the first fault handler of the task that handles {@code thrown}, if there is one. */
  private Outcome handleFault(Throwable thrown, TaskError error) {
    if (this.thrown == null) {
      this.thrown = thrown;
    }
    ActiveRun run = execution.run;
    int handler = faultHandlerFor(run.flow, execution.task, thrown);
    if (handler < 0) {
      return new Outcome.Failed(error);
    }
    Object substitute;
    try {
      substitute =
          run.flow
              .definition()
              .invoke(run.flow.instance(), handler, new TaskArgs(engine, execution, thrown));
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable rethrown) {
      return new Outcome.Failed(error(name(), rethrown), error);
    }
    try {
      return new Outcome.Recovered(encode(substitute), error, notTaken(substitute));
    } catch (OutputNotSerializableException e) {
      return new Outcome.Failed(error(name(), e), error);
    }
  }

  /**
   * How long the row of {@code execution} waits before its next attempt after failing with {@code
   * thrown}, its retry policy's backoff with jitter; null when the policy allows no other attempt.
   */
  static Duration retryDelay(Execution execution, Throwable thrown) {
    RetryPolicy policy = execution.run.flow.retry(execution.task);
    if (!policy.retries(thrown, execution.attempt)) {
      return null;
    }
    return policy.delayBefore(execution.attempt + 1, ThreadLocalRandom.current().nextDouble());
  }

  /** The row of the first fault handler of {@code task} that handles {@code thrown}, or -1. */
  static int faultHandlerFor(RegisteredFlow flow, int task, Throwable thrown) {
    if (task >= flow.taskCount()) {
      return -1;
    }
    for (int handler : flow.faultHandlers(task)) {
      if (flow.handler(handler).handles(thrown)) {
        return handler;
      }
    }
    return -1;
  }

  private String name() {
    return execution.name;
  }

  /** The recorded form of {@code thrown}; see {@link TaskErrors#of}. */
  static TaskError error(String row, Throwable thrown) {
    return TaskErrors.of(row, thrown);
  }
}

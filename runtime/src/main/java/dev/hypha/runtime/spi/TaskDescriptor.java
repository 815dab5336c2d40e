package dev.hypha.runtime.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One task of a flow as the runtime sees it: name, queue, output type and the tasks it depends on.
 *
 * <p>Immutable and thread-safe. Built by generated code through {@link #builder(String, TypeRef)}.
 */
public final class TaskDescriptor {
  /** The queue of a task that names none. */
  public static final String DEFAULT_QUEUE = "default";

  private final String name;
  private final String method;
  private final String queue;
  private final TypeRef<?> output;
  private final List<String> dependsOn;
  private final RetryPolicy retry;
  private final Duration timeout;
  private final Duration delay;
  private final String waitUntil;
  private final Map<String, Guard> guards;
  private final Set<String> optional;
  private final String forEach;
  private final TypeRef<?> element;
  private final TypeRef<?> elementOutput;
  private final int concurrency;
  private final Guard route;
  private final String loop;
  private final int maxIterations;
  private final SignalWait<?> signal;
  private final boolean subFlow;

  private TaskDescriptor(Builder builder) {
    this.name = builder.name;
    this.method = builder.method == null ? builder.name : builder.method;
    this.queue = builder.queue;
    this.output = builder.output;
    this.dependsOn = List.copyOf(builder.dependsOn);
    this.retry = builder.retry;
    this.timeout = builder.timeout;
    this.delay = builder.delay;
    this.waitUntil = builder.waitUntil;
    if (waitUntil != null) {
      requireListed(waitUntil, "a wait until the output");
    }
    this.guards = Map.copyOf(builder.guards);
    this.optional = Set.copyOf(builder.optional);
    this.forEach = builder.forEach;
    this.element = builder.element;
    this.elementOutput = builder.elementOutput;
    this.concurrency = builder.concurrency;
    this.route = builder.route;
    this.loop = builder.loop;
    this.maxIterations = builder.maxIterations;
    this.signal = builder.signal;
    this.subFlow = builder.subFlow;
    if (subFlow && (forEach != null || loop != null || signal != null)) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " starts a sub-flow and "
              + (forEach != null ? "fans out" : loop != null ? "loops" : "waits for a signal")
              + "; a task that starts a sub-flow runs once, from its dependencies' outputs");
    }
    if (signal != null && (forEach != null || loop != null)) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " waits for signal "
              + signal.name()
              + " and "
              + (forEach != null ? "fans out" : "loops")
              + "; a signal is taken by a task that runs once");
    }
    if (loop != null) {
      requireListed(loop, "a loop starting from the output");
      if (forEach != null) {
        throw new IllegalArgumentException(
            "task " + name + " both fans out and loops; keep forEach(...) or loop(...), not both");
      }
      if (builder.guards.containsKey(loop) || builder.optional.contains(loop)) {
        throw new IllegalArgumentException(
            "task "
                + name
                + " loops from the output of "
                + loop
                + ", which it also guards or takes optionally; start a loop from a value that is"
                + " always there");
      }
    }
    if (forEach != null) {
      requireListed(forEach, "a fan-out over the output");
      if (builder.guards.containsKey(forEach) || builder.optional.contains(forEach)) {
        throw new IllegalArgumentException(
            "task "
                + name
                + " fans out over "
                + forEach
                + ", which it also guards or takes optionally; fan out over a list that is always"
                + " there");
      }
      if (elementOutput.isVoid() != output.isVoid()) {
        throw new IllegalArgumentException(
            "task "
                + name
                + " fans out with instances returning "
                + elementOutput
                + " but its output is "
                + output
                + "; the output of a fan-out is the list of its instances' outputs (void for void"
                + " instances)");
      }
    }
    for (String dependency : builder.guards.keySet()) {
      requireListed(dependency, "a guard");
    }
    for (String dependency : builder.optional) {
      requireListed(dependency, "optional");
      if (guards.containsKey(dependency)) {
        throw new IllegalArgumentException(
            "task "
                + name
                + " both guards and takes optionally its dependency "
                + dependency
                + "; keep when(...) or optional(...), not both");
      }
    }
  }

  private void requireListed(String dependency, String what) {
    if (!dependsOn.contains(dependency)) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " has "
              + what
              + " on "
              + dependency
              + ", which it does not depend on; add it with dependsOn");
    }
  }

  /** Starts a descriptor for the task {@code name} whose method returns {@code output}. */
  public static Builder builder(String name, TypeRef<?> output) {
    return new Builder(name, output);
  }

  /** The task's name, unique within its flow. */
  public String name() {
    return name;
  }

  /** The name of the Java method that implements the task. */
  public String method() {
    return method;
  }

  /** The work queue the task is routed to. */
  public String queue() {
    return queue;
  }

  /** The task's output type; {@link TypeRef#isVoid()} for a task that returns nothing. */
  public TypeRef<?> output() {
    return output;
  }

  /** Names of the tasks that must succeed before this one runs, in declaration order. */
  public List<String> dependsOn() {
    return dependsOn;
  }

  /**
   * How long the task waits after its dependencies ended (after the run started, for a task without
   * any) before it may start, if it waits: a durable delay, recorded as the due time of its READY
   * row.
   */
  public Optional<Duration> delay() {
    return Optional.ofNullable(delay);
  }

  /**
   * The dependency whose output, a {@code java.time.Instant}, is the earliest the task may start,
   * if it waits for one.
   */
  public Optional<String> waitUntil() {
    return Optional.ofNullable(waitUntil);
  }

  /**
   * The guard on the edge from {@code dependency}, if that edge is a branch: the task runs only
   * when the dependency's output passes it, and is SKIPPED as not taken otherwise.
   */
  public Optional<Guard> guard(String dependency) {
    return Optional.ofNullable(guards.get(dependency));
  }

  /**
   * Whether the task runs even when {@code dependency} was not taken, reading its output as an
   * empty {@code Optional}: the task joins branches. A dependency that is neither optional nor
   * taken makes the task not taken too.
   */
  public boolean isOptional(String dependency) {
    return optional.contains(dependency);
  }

  /**
   * The dependency over whose output, a list, the task fans out, if it does: it then runs once per
   * element, and {@link #output()} is the list of the instances' outputs.
   */
  public Optional<String> forEach() {
    return Optional.ofNullable(forEach);
  }

  /**
   * The dependency whose output is the first state of the task's loop, if it loops: the task then
   * runs again with each state an iteration hands on ({@code dev.hypha.runtime.Step.Again}) until
   * one is done, and {@link #output()} is the result of that one.
   */
  public Optional<String> loop() {
    return Optional.ofNullable(loop);
  }

  /** For a loop: the most iterations before the task fails; otherwise 0. */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * For a fan-out: the type of one element of the list it fans out over; for a loop: the type of
   * its state; otherwise null.
   */
  public TypeRef<?> element() {
    return element;
  }

  /** For a fan-out: what one instance returns; otherwise null. */
  public TypeRef<?> elementOutput() {
    return elementOutput;
  }

  /** For a fan-out: the most instances that run at once in one run, 0 for no limit of its own. */
  public int concurrency() {
    return concurrency;
  }

  /**
   * For a fan-out that routes by subtype: the guard an element must pass to get an instance of this
   * task (the others are left to other tasks); empty when every element gets one.
   */
  public Optional<Guard> route() {
    return Optional.ofNullable(route);
  }

  /**
   * The external signal the task waits for once its dependencies are done, if it waits for one; its
   * payload is what {@link TaskArguments#signal()} reads.
   */
  public Optional<SignalWait<?>> signal() {
    return Optional.ofNullable(signal);
  }

  /**
   * Whether the task's method returns a {@code dev.hypha.runtime.SubFlow}: it starts a child run,
   * and {@link #output()} is the child flow's result.
   */
  public boolean subFlow() {
    return subFlow;
  }

  /** How the task is retried; {@link RetryPolicy#NONE} when it runs once. */
  public RetryPolicy retry() {
    return retry;
  }

  /** The longest one attempt may take, if limited. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  @Override
  public String toString() {
    return "Task[" + name + " <- " + dependsOn + ", queue=" + queue + ", output=" + output + "]";
  }

  /** Collects the parts of a {@link TaskDescriptor}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final TypeRef<?> output;
    private String method;
    private String queue = DEFAULT_QUEUE;
    private final List<String> dependsOn = new ArrayList<>();
    private RetryPolicy retry = RetryPolicy.NONE;
    private Duration timeout;
    private Duration delay;
    private String waitUntil;
    private final Map<String, Guard> guards = new LinkedHashMap<>();
    private final Set<String> optional = new LinkedHashSet<>();
    private String forEach;
    private TypeRef<?> element;
    private TypeRef<?> elementOutput;
    private int concurrency;
    private Guard route;
    private String loop;
    private int maxIterations;
    private SignalWait<?> signal;
    private boolean subFlow;

    private Builder(String name, TypeRef<?> output) {
      this.name = requireText(name, "task name");
      if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
        throw new IllegalArgumentException(
            "task name '"
                + name
                + "' is not valid; start with a letter and use only letters, digits, '_' and '-'");
      }
      this.output = Objects.requireNonNull(output, "output");
    }

    /** The Java method's name, when it differs from the task name. */
    public Builder method(String method) {
      this.method = requireText(method, "method");
      return this;
    }

    /** Routes the task to {@code queue} instead of {@value #DEFAULT_QUEUE}. */
    public Builder queue(String queue) {
      this.queue = requireText(queue, "queue");
      return this;
    }

    /** Adds tasks that must succeed first. */
    public Builder dependsOn(String... tasks) {
      for (String task : tasks) {
        dependsOn.add(requireText(task, "dependency"));
      }
      return this;
    }

    /**
     * Makes the edge from {@code dependency} a branch: the task runs only when that dependency's
     * output passes {@code guard}.
     */
    public Builder when(String dependency, Guard guard) {
      guards.put(requireText(dependency, "dependency"), Objects.requireNonNull(guard, "guard"));
      return this;
    }

    /** Lets the task run when {@code dependency} was not taken: it joins branches. */
    public Builder optional(String dependency) {
      optional.add(requireText(dependency, "dependency"));
      return this;
    }

    /**
     * Makes the task fan out over {@code dependency}'s output, a list of {@code element}: it runs
     * once per element, each instance returning {@code elementOutput}, at most {@code concurrency}
     * at once in a run (0: no limit of its own). The task's output type, given to {@link
     * TaskDescriptor#builder}, is then the list of the instances' outputs.
     */
    public Builder forEach(
        String dependency, TypeRef<?> element, TypeRef<?> elementOutput, int concurrency) {
      if (concurrency < 0) {
        throw new IllegalArgumentException("concurrency must not be negative, was " + concurrency);
      }
      this.forEach = requireText(dependency, "dependency");
      this.element = Objects.requireNonNull(element, "element");
      this.elementOutput = Objects.requireNonNull(elementOutput, "elementOutput");
      this.concurrency = concurrency;
      return this;
    }

    /**
     * {@link #forEach} over only the elements that pass {@code route}, such as {@link
     * Guard#instanceOf} one permitted subtype of a sealed element type: one task per kind of
     * element, each with its own instances, numbered in list order among the elements it takes.
     */
    public Builder forEach(
        String dependency,
        TypeRef<?> element,
        TypeRef<?> elementOutput,
        int concurrency,
        Guard route) {
      forEach(dependency, element, elementOutput, concurrency);
      this.route = Objects.requireNonNull(route, "route");
      return this;
    }

    /**
     * Makes the task a loop: its first iteration takes {@code dependency}'s output as its state (of
     * type {@code state}); each iteration returns a {@code dev.hypha.runtime.Step}, again with a
     * new state or done with the result, whose type is the task's output type. More than {@code
     * maxIterations} iterations fail the task.
     */
    public Builder loop(String dependency, TypeRef<?> state, int maxIterations) {
      if (maxIterations < 1) {
        throw new IllegalArgumentException(
            "maxIterations must be at least 1, was " + maxIterations);
      }
      this.loop = requireText(dependency, "dependency");
      this.element = Objects.requireNonNull(state, "state");
      this.maxIterations = maxIterations;
      return this;
    }

    /** Makes the task wait, once its dependencies are done, for the signal {@code signal}. */
    public Builder signal(SignalWait<?> signal) {
      this.signal = Objects.requireNonNull(signal, "signal");
      return this;
    }

    /**
     * Makes the task start a child run: its method returns a {@code dev.hypha.runtime.SubFlow} of a
     * flow whose result type is the task's output type.
     */
    public Builder subFlow() {
      this.subFlow = true;
      return this;
    }

    /** Retries failed attempts per {@code retry}. */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Interrupts an attempt that takes longer than {@code timeout}. */
    public Builder timeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Makes the task wait {@code delay} after its dependencies ended before it may start. */
    public Builder delay(Duration delay) {
      if (delay.isZero() || delay.isNegative()) {
        throw new IllegalArgumentException("delay must be positive, was " + delay);
      }
      this.delay = delay;
      return this;
    }

    /**
     * Makes the task wait until the instant {@code dependency} returned (a {@code
     * java.time.Instant}); the dependency must be listed with {@link #dependsOn}.
     */
    public Builder waitUntil(String dependency) {
      this.waitUntil = requireText(dependency, "dependency");
      return this;
    }

    public TaskDescriptor build() {
      return new TaskDescriptor(this);
    }
  }

  static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}

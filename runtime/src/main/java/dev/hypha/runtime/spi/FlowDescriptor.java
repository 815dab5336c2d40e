package dev.hypha.runtime.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The static shape of a flow: its name, input and result types, tasks in dependency order, edges,
 * queues, a hash of the graph's shape and a Mermaid rendering of the graph. Generated code builds
 * one per flow; the runtime, server and CLI read it.
 *
 * <p>Tasks are listed so that every task comes after the tasks it depends on; a task's position in
 * {@link #tasks()} is its index in {@link FlowDefinition#invoke} and {@link TaskOutputs#output}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FlowDescriptor {
  /** The most tasks (handlers included) one flow may have. */
  public static final int MAX_TASKS = 1 << 24;

  private final String name;
  private final String flowClassName;
  private final TypeRef<?> input;
  private final TypeRef<?> result;
  private final List<TaskDescriptor> tasks;
  private final Map<String, Integer> indexByName;
  private final int[][] dependencies;
  private final int[][] dependents;
  private final int[] sinks;
  private final int[] fanOutSource;
  private final Map<String, TypeRef<?>> signals;
  private final Map<String, int[]> waitingFor;
  private final int[] loopSource;
  private final String shapeHash;
  private final String mermaid;
  private final List<HandlerDescriptor> handlers;
  private final java.time.Duration deadline;
  private final boolean compensateOnCancel;

  private FlowDescriptor(Builder builder) {
    this.name = builder.name;
    this.flowClassName = builder.flowClassName;
    this.input = builder.input;
    this.result = builder.result;
    this.tasks = List.copyOf(builder.tasks);
    this.shapeHash = TaskDescriptor.requireText(builder.shapeHash, "shape hash of " + name);
    this.mermaid = builder.mermaid == null ? "" : builder.mermaid;
    this.handlers = List.copyOf(builder.handlers);
    this.deadline = builder.deadline;
    this.compensateOnCancel = builder.compensateOnCancel;
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("flow " + name + " has no tasks");
    }
    if (tasks.size() + builder.handlers.size() > MAX_TASKS) {
      throw new IllegalArgumentException(
          "flow "
              + name
              + " has "
              + tasks.size()
              + " tasks and "
              + builder.handlers.size()
              + " handlers; a flow may have at most "
              + MAX_TASKS
              + " of them together");
    }
    Map<String, Integer> index = new HashMap<>();
    int[][] deps = new int[tasks.size()][];
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskDescriptor task = tasks.get(i);
      if (index.putIfAbsent(task.name(), i) != null) {
        throw new IllegalArgumentException("flow " + name + " has two tasks named " + task.name());
      }
      out.add(new ArrayList<>());
      deps[i] = new int[task.dependsOn().size()];
      for (int d = 0; d < deps[i].length; d++) {
        Integer dependency = index.get(task.dependsOn().get(d));
        if (dependency == null) {
          throw new IllegalArgumentException(
              "task "
                  + task.name()
                  + " of flow "
                  + name
                  + " depends on "
                  + task.dependsOn().get(d)
                  + ", which is not listed before it; list tasks in dependency order");
        }
        deps[i][d] = dependency;
        out.get(dependency).add(i);
      }
      for (String dependency : task.dependsOn()) {
        if (task.guard(dependency).isPresent()
            && tasks.get(index.get(dependency)).forEach().isPresent()) {
          throw new IllegalArgumentException(
              "task "
                  + task.name()
                  + " of flow "
                  + name
                  + " guards the output of "
                  + dependency
                  + ", a fan-out whose output is a list, which decides no branch; take the list"
                  + " whole");
        }
      }
      task.waitUntil()
          .filter(source -> !tasks.get(index.get(source)).output().type().equals(Instant.class))
          .ifPresent(
              source -> {
                throw new IllegalArgumentException(
                    "task "
                        + task.name()
                        + " of flow "
                        + name
                        + " waits until the output of "
                        + source
                        + ", which is not a java.time.Instant; return an Instant from it");
              });
    }
    Map<String, TypeRef<?>> signalPayloads = new java.util.TreeMap<>();
    Map<String, List<Integer>> waiting = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskDescriptor task = tasks.get(i);
      int waiter = i;
      task.signal()
          .ifPresent(
              wait -> {
                waiting.computeIfAbsent(wait.name(), key -> new ArrayList<>()).add(waiter);
                TypeRef<?> earlier = signalPayloads.putIfAbsent(wait.name(), wait.payload());
                if (earlier != null && !earlier.equals(wait.payload())) {
                  throw new IllegalArgumentException(
                      "flow "
                          + name
                          + " has tasks waiting for signal "
                          + wait.name()
                          + " with payloads "
                          + earlier
                          + " and "
                          + wait.payload()
                          + "; one signal has one payload type");
                }
              });
    }
    this.signals = java.util.Collections.unmodifiableMap(signalPayloads);
    this.waitingFor = new HashMap<>();
    waiting.forEach((signal, list) -> waitingFor.put(signal, toArray(list)));
    this.fanOutSource = new int[tasks.size()];
    this.loopSource = new int[tasks.size()];
    for (int i = 0; i < tasks.size(); i++) {
      fanOutSource[i] = tasks.get(i).forEach().map(index::get).orElse(-1);
      loopSource[i] = tasks.get(i).loop().map(index::get).orElse(-1);
    }
    this.indexByName = Map.copyOf(index);
    this.dependencies = deps;
    this.dependents = out.stream().map(FlowDescriptor::toArray).toArray(int[][]::new);
    this.sinks =
        java.util.stream.IntStream.range(0, tasks.size())
            .filter(i -> dependents[i].length == 0)
            .toArray();
    for (HandlerDescriptor handler : handlers) {
      handler
          .task()
          .filter(task -> !index.containsKey(task))
          .ifPresent(
              task -> {
                throw new IllegalArgumentException(
                    handler + " of flow " + name + " names no task of the flow");
              });
    }
  }

  /**
   * The signals the flow's tasks wait for, by name (sorted), with their payload types: what {@code
   * signal(runId, name, payload)} accepts.
   */
  public Map<String, TypeRef<?>> signals() {
    return signals;
  }

  /** The indexes of the tasks that wait for the signal {@code name}, in task order. */
  public int[] waitingFor(String name) {
    int[] tasks = waitingFor.get(name);
    return tasks == null ? new int[0] : tasks.clone();
  }

  /** Starts a descriptor for the flow {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The binary name of the annotated class, for messages and tools. */
  public String flowClassName() {
    return flowClassName;
  }

  /** The input type; {@link TypeRef#isVoid()} when no task takes {@code @Input}. */
  public TypeRef<?> input() {
    return input;
  }

  /** The result type: the single sink's output type or the generated result record. */
  public TypeRef<?> result() {
    return result;
  }

  /** All tasks, each after its dependencies. */
  public List<TaskDescriptor> tasks() {
    return tasks;
  }

  /** The task at {@code index}. */
  public TaskDescriptor task(int index) {
    return tasks.get(index);
  }

  /** The task named {@code taskName}, if the flow has one. */
  public Optional<TaskDescriptor> task(String taskName) {
    Integer index = indexByName.get(taskName);
    return index == null ? Optional.empty() : Optional.of(tasks.get(index));
  }

  /** The index of {@code taskName}, or -1. */
  public int indexOf(String taskName) {
    return indexByName.getOrDefault(taskName, -1);
  }

  /** Indexes of the tasks that task {@code index} depends on, in a new array. */
  public int[] dependencies(int index) {
    return dependencies[index].clone();
  }

  /** Indexes of the tasks that depend on task {@code index}, in task order, in a new array. */
  public int[] dependents(int index) {
    return dependents[index].clone();
  }

  /**
   * The guard on the edge from task {@code dependency} to task {@code dependent}, if that edge is a
   * branch; see {@link TaskDescriptor#guard}.
   */
  public Optional<Guard> guard(int dependency, int dependent) {
    return tasks.get(dependent).guard(tasks.get(dependency).name());
  }

  /**
   * Whether task {@code dependent} runs even when task {@code dependency} was not taken; see {@link
   * TaskDescriptor#isOptional}.
   */
  public boolean isOptional(int dependency, int dependent) {
    return tasks.get(dependent).isOptional(tasks.get(dependency).name());
  }

  /** The index of the task whose list task {@code index} fans out over, or -1 if it does not. */
  public int fanOutSource(int index) {
    return fanOutSource[index];
  }

  /** The index of the task whose output is loop {@code index}'s first state, or -1. */
  public int loopSource(int index) {
    return loopSource[index];
  }

  /** Indexes of the tasks nothing depends on, in a new array; their outputs make the result. */
  public int[] sinks() {
    return sinks.clone();
  }

  /** Every edge as (dependency, dependent), in task order. */
  public List<Edge> edges() {
    List<Edge> edges = new ArrayList<>();
    for (TaskDescriptor task : tasks) {
      for (String dependency : task.dependsOn()) {
        edges.add(new Edge(dependency, task.name()));
      }
    }
    return Collections.unmodifiableList(edges);
  }

  /** The queues the flow's tasks are routed to, in task order. */
  public Set<String> queues() {
    Set<String> queues = new LinkedHashSet<>();
    tasks.forEach(task -> queues.add(task.queue()));
    return Collections.unmodifiableSet(queues);
  }

  /**
   * A stable hash of the graph's shape (task names, edges, queues and output types): runs recorded
   * under another hash were made by another version of the flow's code.
   */
  public String shapeHash() {
    return shapeHash;
  }

  /** The graph as a Mermaid flowchart. */
  public String mermaid() {
    return mermaid;
  }

  /**
   * The compensations, fault handlers and callbacks, in declaration order. Handler {@code h} has
   * index {@code tasks().size() + h} in {@link FlowDefinition#invoke}.
   */
  public List<HandlerDescriptor> handlers() {
    return handlers;
  }

  /** The index {@link FlowDefinition#invoke} takes for handler {@code h}. */
  public int handlerIndex(int handler) {
    return tasks.size() + handler;
  }

  /** The longest a run may take, if limited. */
  public Optional<java.time.Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Whether cancelling a run runs the compensations of its succeeded tasks. */
  public boolean compensateOnCancel() {
    return compensateOnCancel;
  }

  @Override
  public String toString() {
    return "Flow[" + name + ", " + tasks.size() + " tasks, shape " + shapeHash + "]";
  }

  private static int[] toArray(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A dependency edge: {@code to} runs after {@code from} succeeded. */
  public record Edge(String from, String to) {}

  /** Collects the parts of a {@link FlowDescriptor}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String flowClassName = "";
    private TypeRef<?> input = TypeRef.of(Void.class);
    private TypeRef<?> result = TypeRef.of(Void.class);
    private final List<TaskDescriptor> tasks = new ArrayList<>();
    private String shapeHash;
    private String mermaid;
    private final List<HandlerDescriptor> handlers = new ArrayList<>();
    private java.time.Duration deadline;
    private boolean compensateOnCancel;

    private Builder(String name) {
      this.name = TaskDescriptor.requireText(name, "flow name");
    }

    public Builder flowClass(String binaryName) {
      this.flowClassName = Objects.requireNonNull(binaryName, "binaryName");
      return this;
    }

    public Builder input(TypeRef<?> input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    public Builder result(TypeRef<?> result) {
      this.result = Objects.requireNonNull(result, "result");
      return this;
    }

    /** Adds a task; it must come after every task it depends on. */
    public Builder task(TaskDescriptor task) {
      tasks.add(Objects.requireNonNull(task, "task"));
      return this;
    }

    public Builder shapeHash(String shapeHash) {
      this.shapeHash = shapeHash;
      return this;
    }

    public Builder mermaid(String mermaid) {
      this.mermaid = mermaid;
      return this;
    }

    /** Adds a compensation, fault handler or callback. */
    public Builder handler(HandlerDescriptor handler) {
      handlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Fails runs that take longer than {@code deadline}. */
    public Builder deadline(java.time.Duration deadline) {
      if (deadline.isZero() || deadline.isNegative()) {
        throw new IllegalArgumentException("deadline must be positive, was " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /** Runs compensations when a run is cancelled, too. */
    public Builder compensateOnCancel(boolean compensateOnCancel) {
      this.compensateOnCancel = compensateOnCancel;
      return this;
    }

    /**
     * @throws IllegalArgumentException if names repeat or a task is listed before a dependency
     */
    public FlowDescriptor build() {
      return new FlowDescriptor(this);
    }
  }
}

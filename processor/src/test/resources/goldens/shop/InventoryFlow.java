package shop;

import dev.hypha.runtime.FlowHistory;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskArguments;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.spi.TypeRef;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Starts and reads runs of the {@code inventory-check} flow declared by
 * {@link Inventory}.
 *
 * <p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.
 */
@Generated("dev.hypha.processor.HyphaProcessor")
public final class InventoryFlow {
  /**
   * The flow's name in the store, the REST API and the CLI.
   */
  public static final String NAME = "inventory-check";

  /**
   * The flow's {@code @Retry}, the policy of every task without its own.
   */
  private static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(2, Duration.parse("PT1S"), 2.0,
      Duration.parse("PT5M"), 0.0, List.of(UncheckedIOException.class), List.of());

  private static final FlowDescriptor DESCRIPTOR = FlowDescriptor.builder(NAME)
      .flowClass("shop.Inventory")
      .input(TypeRef.of(Void.class))
      .result(TypeRef.of(Result.class))
      .task(TaskDescriptor.builder("skus", new TypeRef<List<String>>() {})
          .retry(DEFAULT_RETRY)
          .build())
      .task(TaskDescriptor.builder("count", TypeRef.of(Integer.class))
          .dependsOn("skus")
          .retry(DEFAULT_RETRY)
          .build())
      .task(TaskDescriptor.builder("low-stock", new TypeRef<Set<String>>() {})
          .method("lowStock")
          .dependsOn("skus")
          .queue("warehouse")
          .retry(DEFAULT_RETRY)
          .build())
      .task(TaskDescriptor.builder("log", TypeRef.of(Void.class))
          .dependsOn("skus")
          .retry(new RetryPolicy(1, Duration.parse("PT1S"), 2.0, Duration.parse("PT5M"), 0.0,
              List.of(), List.of()))
          .build())
      .shapeHash("0216dd4861d9cd48")
      .mermaid("graph TD\n"
          + "  skus --> count\n"
          + "  skus --> t2[\"low-stock\"]\n"
          + "  skus --> log")
      .build();

  private final FlowBinding<Void, Result> binding;

  private InventoryFlow(FlowBinding<Void, Result> binding) {
    this.binding = binding;
  }

  /**
   * Binds {@code flow} to {@code hypha}: runs of this flow started or resumed
   * there call its methods.
   */
  public static InventoryFlow bind(Hypha hypha, Inventory flow) {
    return new InventoryFlow(hypha.bind(new Definition(), flow));
  }

  /**
   * This flow on {@code hypha} without an instance: starts runs that workers execute, and reads
   * runs, typed outputs and history. Executes nothing here, so a flow whose constructor takes
   * arguments needs no dummy instance.
   */
  public static InventoryFlow client(Hypha hypha) {
    return new InventoryFlow(hypha.client(new Definition()));
  }

  /**
   * The flow's name, tasks, edges, queues and shape hash.
   */
  public static FlowDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * A run of this flow to start as the child of a task of another flow: the task returns it, and
   * its output is this flow's result. The engine starts the child once and ends the task when the
   * child ends.
   */
  public static SubFlow<Result> sub() {
    return SubFlow.of(new Definition(), null);
  }

  /**
   * Starts a run; it is committed to the store before this method returns.
   */
  public Run<Result> start() {
    return binding.start(null);
  }

  /**
   * Starts a run unless one of this flow was started with {@code key} (a business key, such as
   * an order id) already; then that run is returned and nothing starts.
   */
  public Run<Result> start(String key) {
    return binding.start(null, key);
  }

  /**
   * Starts a run without waiting for its commit: the future completes, off the engine's threads,
   * once the run is committed. Runs started this way share commits.
   */
  public CompletableFuture<Run<Result>> startAsync() {
    return binding.startAsync(null);
  }

  /**
   * {@link #startAsync} with a business key: the run of that key if there is one already.
   */
  public CompletableFuture<Run<Result>> startAsync(String key) {
    return binding.startAsync(null, key);
  }

  /**
   * A handle on the run {@code id} of this flow, started here or elsewhere.
   */
  public Run<Result> run(RunId id) {
    return binding.run(id);
  }

  /**
   * The typed task outputs recorded for the run {@code id}.
   */
  public Outputs outputs(RunId id) {
    return new Outputs(binding, id);
  }

  /**
   * Typed queries over the runs of this flow.
   */
  public FlowHistory<Result> history() {
    return binding.history();
  }

  /**
   * The recorded task outputs of one run; each is empty until its task has
   * succeeded, or a fault handler recovered it.
   */
  public static final class Outputs {
    private final FlowBinding<?, ?> binding;

    private final RunId id;

    private Outputs(FlowBinding<?, ?> binding, RunId id) {
      this.binding = binding;
      this.id = id;
    }

    /**
     * The run these outputs belong to.
     */
    public RunId runId() {
      return id;
    }

    /**
     * The output of task {@code skus}.
     */
    public Optional<List<String>> skus() {
      return binding.output(id, 0);
    }

    /**
     * The output of task {@code count}.
     */
    public Optional<Integer> count() {
      return binding.output(id, 1);
    }

    /**
     * The output of task {@code low-stock}.
     */
    public Optional<Set<String>> lowStock() {
      return binding.output(id, 2);
    }
  }

  /**
   * The outputs of the flow's final tasks: the result of a run.
   *
   * @param count the output of task {@code count}
   * @param lowStock the output of task {@code low-stock}
   */
  public record Result(int count, Set<String> lowStock) {
  }

  /**
   * How the runtime calls the tasks of {@link Inventory}; found through
   * {@link java.util.ServiceLoader}.
   */
  public static final class Definition implements FlowDefinition<Inventory, Void, Result> {
    /**
     * Called by {@link java.util.ServiceLoader} and by {@code bind}.
     */
    public Definition() {
    }

    @Override
    public FlowDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Class<Inventory> flowClass() {
      return Inventory.class;
    }

    @Override
    public Optional<Inventory> newInstance() {
      return Optional.of(new Inventory());
    }

    @Override
    public Object invoke(Inventory flow, int taskIndex, TaskArguments arguments) throws Exception {
      switch (taskIndex) {
        case 0:
          return flow.skus();
        case 1:
          return flow.count(arguments.<List<String>>output(0));
        case 2:
          return flow.lowStock(arguments.<List<String>>output(0));
        case 3:
          flow.log();
          return null;
        default:
          throw new IndexOutOfBoundsException("flow inventory-check has no task or handler "
              + taskIndex);
      }
    }

    @Override
    public Result result(TaskOutputs outputs) {
      return new Result(outputs.<Integer>output(1), outputs.<Set<String>>output(2));
    }
  }
}

package shop;

import dev.hypha.runtime.FlowHistory;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskArguments;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.spi.TypeRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Starts and reads runs of the {@code restock} flow declared by
 * {@link Restock}.
 *
 * <p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.
 */
@Generated("dev.hypha.processor.HyphaProcessor")
public final class RestockFlow {
  /**
   * The flow's name in the store, the REST API and the CLI.
   */
  public static final String NAME = "restock";

  private static final FlowDescriptor DESCRIPTOR = FlowDescriptor.builder(NAME)
      .flowClass("shop.Restock")
      .input(TypeRef.of(Restock.Order.class))
      .result(TypeRef.of(Result.class))
      .task(TaskDescriptor.builder("skus", new TypeRef<List<String>>() {}).build())
      .task(TaskDescriptor.builder("quote", new TypeRef<List<Restock.Quote>>() {})
          .dependsOn("skus")
          .forEach("skus", TypeRef.of(String.class), TypeRef.of(Restock.Quote.class), 4)
          .retry(new RetryPolicy(3, Duration.parse("PT1S"), 2.0, Duration.parse("PT5M"), 0.0,
              List.of(), List.of()))
          .build())
      .task(TaskDescriptor.builder("weigh", new TypeRef<List<Integer>>() {})
          .dependsOn("skus")
          .forEach("skus", TypeRef.of(String.class), TypeRef.of(Integer.class), 0)
          .queue("scales")
          .build())
      .task(TaskDescriptor.builder("label", TypeRef.of(Void.class))
          .dependsOn("skus")
          .forEach("skus", TypeRef.of(String.class), TypeRef.of(Void.class), 0)
          .build())
      .task(TaskDescriptor.builder("total", TypeRef.of(Integer.class))
          .dependsOn("quote")
          .build())
      .handler(HandlerDescriptor.compensation("quote", "withdraw", RetryPolicy.NONE))
      .shapeHash("47bae267751e6206")
      .mermaid("graph TD\n"
          + "  skus -->|for each| quote\n"
          + "  skus -->|for each| weigh\n"
          + "  skus -->|for each| label\n"
          + "  quote --> total")
      .build();

  private final FlowBinding<Restock.Order, Result> binding;

  private RestockFlow(FlowBinding<Restock.Order, Result> binding) {
    this.binding = binding;
  }

  /**
   * Binds {@code flow} to {@code hypha}: runs of this flow started or resumed
   * there call its methods.
   */
  public static RestockFlow bind(Hypha hypha, Restock flow) {
    return new RestockFlow(hypha.bind(new Definition(), flow));
  }

  /**
   * This flow on {@code hypha} without an instance: starts runs that workers execute, and reads
   * runs, typed outputs and history. Executes nothing here, so a flow whose constructor takes
   * arguments needs no dummy instance.
   */
  public static RestockFlow client(Hypha hypha) {
    return new RestockFlow(hypha.client(new Definition()));
  }

  /**
   * The flow's name, tasks, edges, queues and shape hash.
   */
  public static FlowDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * A run of this flow with {@code input} to start as the child of a task of another flow: the
   * task returns it, and its output is this flow's result. The engine starts the child once and
   * ends the task when the child ends.
   */
  public static SubFlow<Result> sub(Restock.Order input) {
    return SubFlow.of(new Definition(), input);
  }

  /**
   * Starts a run; it is committed to the store before this method returns.
   */
  public Run<Result> start(Restock.Order input) {
    return binding.start(input);
  }

  /**
   * Starts a run unless one of this flow was started with {@code key} (a business key, such as
   * an order id) already; then that run is returned and nothing starts.
   */
  public Run<Result> start(Restock.Order input, String key) {
    return binding.start(input, key);
  }

  /**
   * Starts a run without waiting for its commit: the future completes, off the engine's threads,
   * once the run is committed. Runs started this way share commits.
   */
  public CompletableFuture<Run<Result>> startAsync(Restock.Order input) {
    return binding.startAsync(input);
  }

  /**
   * {@link #startAsync} with a business key: the run of that key if there is one already.
   */
  public CompletableFuture<Run<Result>> startAsync(Restock.Order input, String key) {
    return binding.startAsync(input, key);
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
     * The output of task {@code quote}.
     */
    public Optional<List<Restock.Quote>> quote() {
      return binding.output(id, 1);
    }

    /**
     * The output of task {@code weigh}.
     */
    public Optional<List<Integer>> weigh() {
      return binding.output(id, 2);
    }

    /**
     * The output of task {@code total}.
     */
    public Optional<Integer> total() {
      return binding.output(id, 4);
    }
  }

  /**
   * The outputs of the flow's final tasks: the result of a run.
   *
   * @param weigh the output of task {@code weigh}
   * @param total the output of task {@code total}
   */
  public record Result(List<Integer> weigh, int total) {
  }

  /**
   * How the runtime calls the tasks of {@link Restock}; found through
   * {@link java.util.ServiceLoader}.
   */
  public static final class Definition implements FlowDefinition<Restock, Restock.Order, Result> {
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
    public Class<Restock> flowClass() {
      return Restock.class;
    }

    @Override
    public Optional<Restock> newInstance() {
      return Optional.of(new Restock());
    }

    @Override
    public Object invoke(Restock flow, int taskIndex, TaskArguments arguments) throws Exception {
      switch (taskIndex) {
        case 0:
          return flow.skus(arguments.<Restock.Order>input());
        case 1:
          return flow.quote(arguments.<String>element(), arguments.<Restock.Order>input());
        case 2:
          return flow.weigh(arguments.<String>element());
        case 3:
          flow.label(arguments.<String>element(), arguments.context());
          return null;
        case 4:
          return flow.total(arguments.<List<Restock.Quote>>output(1));
        case 5:
          flow.withdraw(arguments.<List<Restock.Quote>>output(1));
          return null;
        default:
          throw new IndexOutOfBoundsException("flow restock has no task or handler " + taskIndex);
      }
    }

    @Override
    public Result result(TaskOutputs outputs) {
      return new Result(outputs.<List<Integer>>output(2), outputs.<Integer>output(4));
    }
  }
}

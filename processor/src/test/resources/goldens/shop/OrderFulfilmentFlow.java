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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Starts and reads runs of the {@code order-fulfilment} flow declared by
 * {@link OrderFulfilment}.
 *
 * <p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.
 */
@Generated("dev.hypha.processor.HyphaProcessor")
public final class OrderFulfilmentFlow {
  /**
   * The flow's name in the store, the REST API and the CLI.
   */
  public static final String NAME = "order-fulfilment";

  private static final FlowDescriptor DESCRIPTOR = FlowDescriptor.builder(NAME)
      .flowClass("shop.OrderFulfilment")
      .input(TypeRef.of(OrderFulfilment.OrderRequest.class))
      .result(new TypeRef<List<Map<String, Integer>>>() {})
      .task(TaskDescriptor.builder("load", TypeRef.of(OrderFulfilment.Order.class)).build())
      .task(TaskDescriptor.builder("charge", TypeRef.of(OrderFulfilment.Charge.class))
          .dependsOn("load")
          .retry(new RetryPolicy(5, Duration.parse("PT1S"), 2.0, Duration.parse("PT5M"), 0.0,
              List.of(), List.of(IllegalArgumentException.class)))
          .timeout(Duration.parse("PT2S"))
          .build())
      .task(TaskDescriptor.builder("reserve", TypeRef.of(OrderFulfilment.Stock.class))
          .dependsOn("load")
          .queue("stock")
          .build())
      .task(TaskDescriptor.builder("ship", TypeRef.of(OrderFulfilment.Shipment.class))
          .dependsOn("charge", "reserve")
          .build())
      .task(TaskDescriptor.builder("notify-customer", TypeRef.of(Void.class))
          .method("notifyCustomer")
          .dependsOn("ship")
          .build())
      .task(TaskDescriptor.builder("metrics", new TypeRef<List<Map<String, Integer>>>() {})
          .dependsOn("load")
          .build())
      .handler(HandlerDescriptor.compensation("reserve", "release", new RetryPolicy(3,
          Duration.parse("PT0.5S"), 2.0, Duration.parse("PT10S"), 0.1, List.of(), List.of())))
      .handler(HandlerDescriptor.fault("charge", "fallbackCharge",
          List.of(OrderFulfilment.PaymentDeclined.class)))
      .handler(HandlerDescriptor.onSuccess("done"))
      .handler(HandlerDescriptor.onFailure("alert"))
      .deadline(Duration.parse("PT1H"))
      .compensateOnCancel(true)
      .shapeHash("2885e77ba0a41b05")
      .mermaid("graph TD\n"
          + "  load --> charge\n"
          + "  load --> reserve\n"
          + "  charge --> ship\n"
          + "  reserve --> ship\n"
          + "  ship --> t4[\"notify-customer\"]\n"
          + "  load --> metrics")
      .build();

  private final FlowBinding<OrderFulfilment.OrderRequest, List<Map<String, Integer>>> binding;

  private OrderFulfilmentFlow(
      FlowBinding<OrderFulfilment.OrderRequest, List<Map<String, Integer>>> binding) {
    this.binding = binding;
  }

  /**
   * Binds {@code flow} to {@code hypha}: runs of this flow started or resumed
   * there call its methods.
   */
  public static OrderFulfilmentFlow bind(Hypha hypha, OrderFulfilment flow) {
    return new OrderFulfilmentFlow(hypha.bind(new Definition(), flow));
  }

  /**
   * This flow on {@code hypha} without an instance: starts runs that workers execute, and reads
   * runs, typed outputs and history. Executes nothing here, so a flow whose constructor takes
   * arguments needs no dummy instance.
   */
  public static OrderFulfilmentFlow client(Hypha hypha) {
    return new OrderFulfilmentFlow(hypha.client(new Definition()));
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
  public static SubFlow<List<Map<String, Integer>>> sub(OrderFulfilment.OrderRequest input) {
    return SubFlow.of(new Definition(), input);
  }

  /**
   * Starts a run; it is committed to the store before this method returns.
   */
  public Run<List<Map<String, Integer>>> start(OrderFulfilment.OrderRequest input) {
    return binding.start(input);
  }

  /**
   * Starts a run unless one of this flow was started with {@code key} (a business key, such as
   * an order id) already; then that run is returned and nothing starts.
   */
  public Run<List<Map<String, Integer>>> start(OrderFulfilment.OrderRequest input, String key) {
    return binding.start(input, key);
  }

  /**
   * Starts a run without waiting for its commit: the future completes, off the engine's threads,
   * once the run is committed. Runs started this way share commits.
   */
  public CompletableFuture<Run<List<Map<String, Integer>>>> startAsync(
      OrderFulfilment.OrderRequest input) {
    return binding.startAsync(input);
  }

  /**
   * {@link #startAsync} with a business key: the run of that key if there is one already.
   */
  public CompletableFuture<Run<List<Map<String, Integer>>>> startAsync(
      OrderFulfilment.OrderRequest input, String key) {
    return binding.startAsync(input, key);
  }

  /**
   * A handle on the run {@code id} of this flow, started here or elsewhere.
   */
  public Run<List<Map<String, Integer>>> run(RunId id) {
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
  public FlowHistory<List<Map<String, Integer>>> history() {
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
     * The output of task {@code load}.
     */
    public Optional<OrderFulfilment.Order> load() {
      return binding.output(id, 0);
    }

    /**
     * The output of task {@code charge}.
     */
    public Optional<OrderFulfilment.Charge> charge() {
      return binding.output(id, 1);
    }

    /**
     * The output of task {@code reserve}.
     */
    public Optional<OrderFulfilment.Stock> reserve() {
      return binding.output(id, 2);
    }

    /**
     * The output of task {@code ship}.
     */
    public Optional<OrderFulfilment.Shipment> ship() {
      return binding.output(id, 3);
    }

    /**
     * The output of task {@code metrics}.
     */
    public Optional<List<Map<String, Integer>>> metrics() {
      return binding.output(id, 5);
    }
  }

  /**
   * How the runtime calls the tasks of {@link OrderFulfilment}; found through
   * {@link java.util.ServiceLoader}.
   */
  public static final class Definition
      implements FlowDefinition<
          OrderFulfilment, OrderFulfilment.OrderRequest, List<Map<String, Integer>>> {
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
    public Class<OrderFulfilment> flowClass() {
      return OrderFulfilment.class;
    }

    @Override
    public Optional<OrderFulfilment> newInstance() {
      return Optional.of(new OrderFulfilment());
    }

    @Override
    public Object invoke(OrderFulfilment flow, int taskIndex, TaskArguments arguments) throws
        Exception {
      switch (taskIndex) {
        case 0:
          return flow.load(arguments.<OrderFulfilment.OrderRequest>input());
        case 1:
          return flow.charge(arguments.<OrderFulfilment.Order>output(0));
        case 2:
          return flow.reserve(arguments.<OrderFulfilment.Order>output(0));
        case 3:
          return flow.ship(arguments.<OrderFulfilment.Charge>output(1),
              arguments.<OrderFulfilment.Stock>output(2), arguments.context());
        case 4:
          flow.notifyCustomer(arguments.<OrderFulfilment.Shipment>output(3));
          return null;
        case 5:
          return flow.metrics(arguments.<OrderFulfilment.Order>output(0));
        case 6:
          flow.release(arguments.<OrderFulfilment.Stock>output(2), arguments.context());
          return null;
        case 7:
          return flow.fallbackCharge(arguments.<OrderFulfilment.PaymentDeclined>exception(),
              arguments.<OrderFulfilment.OrderRequest>input());
        case 8:
          flow.done(arguments.<List<Map<String, Integer>>>result());
          return null;
        case 9:
          flow.alert(arguments.runError(), arguments.<OrderFulfilment.OrderRequest>input());
          return null;
        default:
          throw new IndexOutOfBoundsException("flow order-fulfilment has no task or handler "
              + taskIndex);
      }
    }

    @Override
    public List<Map<String, Integer>> result(TaskOutputs outputs) {
      return outputs.<List<Map<String, Integer>>>output(5);
    }
  }
}

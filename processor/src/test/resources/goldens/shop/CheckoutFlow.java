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
 * Starts and reads runs of the {@code checkout} flow declared by
 * {@link Checkout}.
 *
 * <p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.
 */
@Generated("dev.hypha.processor.HyphaProcessor")
public final class CheckoutFlow {
  /**
   * The flow's name in the store, the REST API and the CLI.
   */
  public static final String NAME = "checkout";

  private static final FlowDescriptor DESCRIPTOR = FlowDescriptor.builder(NAME)
      .flowClass("shop.Checkout")
      .input(TypeRef.of(Checkout.OrderRequest.class))
      .result(TypeRef.of(Checkout.Receipt.class))
      .task(TaskDescriptor.builder("load", TypeRef.of(Checkout.Order.class)).build())
      .task(TaskDescriptor.builder("bill", TypeRef.of(Billing.Invoice.class))
          .dependsOn("load")
          .subFlow()
          .retry(new RetryPolicy(2, Duration.parse("PT1S"), 2.0, Duration.parse("PT5M"), 0.0,
              List.of(), List.of()))
          .build())
      .task(TaskDescriptor.builder("send", TypeRef.of(Checkout.Receipt.class))
          .dependsOn("bill")
          .build())
      .handler(HandlerDescriptor.fault("bill", "unbilled", List.of(IllegalStateException.class)))
      .handler(HandlerDescriptor.compensation("bill", "refund", RetryPolicy.NONE))
      .shapeHash("08cbb29feb9e59a7")
      .mermaid("graph TD\n"
          + "  load --> bill[[bill]]\n"
          + "  bill --> send")
      .build();

  private final FlowBinding<Checkout.OrderRequest, Checkout.Receipt> binding;

  private CheckoutFlow(FlowBinding<Checkout.OrderRequest, Checkout.Receipt> binding) {
    this.binding = binding;
  }

  /**
   * Binds {@code flow} to {@code hypha}: runs of this flow started or resumed
   * there call its methods.
   */
  public static CheckoutFlow bind(Hypha hypha, Checkout flow) {
    return new CheckoutFlow(hypha.bind(new Definition(), flow));
  }

  /**
   * This flow on {@code hypha} without an instance: starts runs that workers execute, and reads
   * runs, typed outputs and history. Executes nothing here, so a flow whose constructor takes
   * arguments needs no dummy instance.
   */
  public static CheckoutFlow client(Hypha hypha) {
    return new CheckoutFlow(hypha.client(new Definition()));
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
  public static SubFlow<Checkout.Receipt> sub(Checkout.OrderRequest input) {
    return SubFlow.of(new Definition(), input);
  }

  /**
   * Starts a run; it is committed to the store before this method returns.
   */
  public Run<Checkout.Receipt> start(Checkout.OrderRequest input) {
    return binding.start(input);
  }

  /**
   * Starts a run unless one of this flow was started with {@code key} (a business key, such as
   * an order id) already; then that run is returned and nothing starts.
   */
  public Run<Checkout.Receipt> start(Checkout.OrderRequest input, String key) {
    return binding.start(input, key);
  }

  /**
   * Starts a run without waiting for its commit: the future completes, off the engine's threads,
   * once the run is committed. Runs started this way share commits.
   */
  public CompletableFuture<Run<Checkout.Receipt>> startAsync(Checkout.OrderRequest input) {
    return binding.startAsync(input);
  }

  /**
   * {@link #startAsync} with a business key: the run of that key if there is one already.
   */
  public CompletableFuture<Run<Checkout.Receipt>> startAsync(Checkout.OrderRequest input,
      String key) {
    return binding.startAsync(input, key);
  }

  /**
   * A handle on the run {@code id} of this flow, started here or elsewhere.
   */
  public Run<Checkout.Receipt> run(RunId id) {
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
  public FlowHistory<Checkout.Receipt> history() {
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
    public Optional<Checkout.Order> load() {
      return binding.output(id, 0);
    }

    /**
     * The output of task {@code bill}.
     */
    public Optional<Billing.Invoice> bill() {
      return binding.output(id, 1);
    }

    /**
     * The output of task {@code send}.
     */
    public Optional<Checkout.Receipt> send() {
      return binding.output(id, 2);
    }
  }

  /**
   * How the runtime calls the tasks of {@link Checkout}; found through
   * {@link java.util.ServiceLoader}.
   */
  public static final class Definition
      implements FlowDefinition<Checkout, Checkout.OrderRequest, Checkout.Receipt> {
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
    public Class<Checkout> flowClass() {
      return Checkout.class;
    }

    @Override
    public Optional<Checkout> newInstance() {
      return Optional.of(new Checkout());
    }

    @Override
    public Object invoke(Checkout flow, int taskIndex, TaskArguments arguments) throws Exception {
      switch (taskIndex) {
        case 0:
          return flow.load(arguments.<Checkout.OrderRequest>input());
        case 1:
          return flow.bill(arguments.<Checkout.Order>output(0));
        case 2:
          return flow.send(arguments.<Billing.Invoice>output(1));
        case 3:
          return flow.unbilled(arguments.<Checkout.OrderRequest>input());
        case 4:
          flow.refund(arguments.<Billing.Invoice>output(1));
          return null;
        default:
          throw new IndexOutOfBoundsException("flow checkout has no task or handler " + taskIndex);
      }
    }

    @Override
    public Checkout.Receipt result(TaskOutputs outputs) {
      return outputs.<Checkout.Receipt>output(2);
    }
  }
}

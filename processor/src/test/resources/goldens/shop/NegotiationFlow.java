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
 * Starts and reads runs of the {@code negotiation} flow declared by
 * {@link Negotiation}.
 *
 * <p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.
 */
@Generated("dev.hypha.processor.HyphaProcessor")
public final class NegotiationFlow {
  /**
   * The flow's name in the store, the REST API and the CLI.
   */
  public static final String NAME = "negotiation";

  private static final FlowDescriptor DESCRIPTOR = FlowDescriptor.builder(NAME)
      .flowClass("shop.Negotiation")
      .input(TypeRef.of(Integer.class))
      .result(TypeRef.of(String.class))
      .task(TaskDescriptor.builder("open", TypeRef.of(Negotiation.Offer.class)).build())
      .task(TaskDescriptor.builder("haggle", TypeRef.of(Negotiation.Deal.class))
          .dependsOn("open")
          .loop("open", TypeRef.of(Negotiation.Offer.class), 10)
          .retry(new RetryPolicy(2, Duration.parse("PT1S"), 2.0, Duration.parse("PT5M"), 0.0,
              List.of(), List.of()))
          .build())
      .task(TaskDescriptor.builder("sign", TypeRef.of(String.class))
          .dependsOn("haggle")
          .build())
      .handler(HandlerDescriptor.fault("haggle", "walkAway", List.of(IllegalStateException.class)))
      .handler(HandlerDescriptor.compensation("haggle", "withdraw", RetryPolicy.NONE))
      .shapeHash("3d899ef3304a24a3")
      .mermaid("graph TD\n"
          + "  open -->|loop| haggle\n"
          + "  haggle --> sign")
      .build();

  private final FlowBinding<Integer, String> binding;

  private NegotiationFlow(FlowBinding<Integer, String> binding) {
    this.binding = binding;
  }

  /**
   * Binds {@code flow} to {@code hypha}: runs of this flow started or resumed
   * there call its methods.
   */
  public static NegotiationFlow bind(Hypha hypha, Negotiation flow) {
    return new NegotiationFlow(hypha.bind(new Definition(), flow));
  }

  /**
   * This flow on {@code hypha} without an instance: starts runs that workers execute, and reads
   * runs, typed outputs and history. Executes nothing here, so a flow whose constructor takes
   * arguments needs no dummy instance.
   */
  public static NegotiationFlow client(Hypha hypha) {
    return new NegotiationFlow(hypha.client(new Definition()));
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
  public static SubFlow<String> sub(int input) {
    return SubFlow.of(new Definition(), input);
  }

  /**
   * Starts a run; it is committed to the store before this method returns.
   */
  public Run<String> start(int input) {
    return binding.start(input);
  }

  /**
   * Starts a run unless one of this flow was started with {@code key} (a business key, such as
   * an order id) already; then that run is returned and nothing starts.
   */
  public Run<String> start(int input, String key) {
    return binding.start(input, key);
  }

  /**
   * Starts a run without waiting for its commit: the future completes, off the engine's threads,
   * once the run is committed. Runs started this way share commits.
   */
  public CompletableFuture<Run<String>> startAsync(int input) {
    return binding.startAsync(input);
  }

  /**
   * {@link #startAsync} with a business key: the run of that key if there is one already.
   */
  public CompletableFuture<Run<String>> startAsync(int input, String key) {
    return binding.startAsync(input, key);
  }

  /**
   * A handle on the run {@code id} of this flow, started here or elsewhere.
   */
  public Run<String> run(RunId id) {
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
  public FlowHistory<String> history() {
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
     * The output of task {@code open}.
     */
    public Optional<Negotiation.Offer> open() {
      return binding.output(id, 0);
    }

    /**
     * The output of task {@code haggle}.
     */
    public Optional<Negotiation.Deal> haggle() {
      return binding.output(id, 1);
    }

    /**
     * The output of task {@code sign}.
     */
    public Optional<String> sign() {
      return binding.output(id, 2);
    }
  }

  /**
   * How the runtime calls the tasks of {@link Negotiation}; found through
   * {@link java.util.ServiceLoader}.
   */
  public static final class Definition implements FlowDefinition<Negotiation, Integer, String> {
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
    public Class<Negotiation> flowClass() {
      return Negotiation.class;
    }

    @Override
    public Optional<Negotiation> newInstance() {
      return Optional.of(new Negotiation());
    }

    @Override
    public Object invoke(Negotiation flow, int taskIndex, TaskArguments arguments) throws
        Exception {
      switch (taskIndex) {
        case 0:
          return flow.open(arguments.<Integer>input());
        case 1:
          return flow.haggle(arguments.<Negotiation.Offer>element(), arguments.<Integer>input());
        case 2:
          return flow.sign(arguments.<Negotiation.Deal>output(1));
        case 3:
          return flow.walkAway(arguments.<Integer>input());
        case 4:
          flow.withdraw(arguments.<Negotiation.Deal>output(1));
          return null;
        default:
          throw new IndexOutOfBoundsException("flow negotiation has no task or handler "
              + taskIndex);
      }
    }

    @Override
    public String result(TaskOutputs outputs) {
      return outputs.<String>output(2);
    }
  }
}

package shop;

import dev.hypha.runtime.FlowHistory;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.Guard;
import dev.hypha.runtime.spi.TaskArguments;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.spi.TypeRef;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Starts and reads runs of the {@code approval} flow declared by
 * {@link Approval}.
 *
 * <p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.
 */
@Generated("dev.hypha.processor.HyphaProcessor")
public final class ApprovalFlow {
  /**
   * The flow's name in the store, the REST API and the CLI.
   */
  public static final String NAME = "approval";

  private static final FlowDescriptor DESCRIPTOR = FlowDescriptor.builder(NAME)
      .flowClass("shop.Approval")
      .input(TypeRef.of(String.class))
      .result(TypeRef.of(Result.class))
      .task(TaskDescriptor.builder("decide", TypeRef.of(Approval.Decision.class)).build())
      .task(TaskDescriptor.builder("approve", TypeRef.of(Approval.Letter.class))
          .dependsOn("decide")
          .when("decide", Guard.instanceOf(Approval.Approved.class))
          .build())
      .task(TaskDescriptor.builder("reject", TypeRef.of(Approval.Letter.class))
          .dependsOn("decide")
          .when("decide", Guard.instanceOf(Approval.Rejected.class))
          .build())
      .task(TaskDescriptor.builder("send", TypeRef.of(String.class))
          .dependsOn("approve", "reject")
          .optional("approve")
          .optional("reject")
          .build())
      .task(TaskDescriptor.builder("coupon", new TypeRef<Optional<String>>() {}).build())
      .task(TaskDescriptor.builder("redeem", TypeRef.of(Integer.class))
          .dependsOn("coupon")
          .when("coupon", Guard.present())
          .build())
      .shapeHash("6a77132590c60f54")
      .mermaid("graph TD\n"
          + "  decide -->|Approved| approve\n"
          + "  decide -->|Rejected| reject\n"
          + "  approve -.-> send\n"
          + "  reject -.-> send\n"
          + "  coupon -->|present| redeem")
      .build();

  private final FlowBinding<String, Result> binding;

  private ApprovalFlow(FlowBinding<String, Result> binding) {
    this.binding = binding;
  }

  /**
   * Binds {@code flow} to {@code hypha}: runs of this flow started or resumed
   * there call its methods.
   */
  public static ApprovalFlow bind(Hypha hypha, Approval flow) {
    return new ApprovalFlow(hypha.bind(new Definition(), flow));
  }

  /**
   * This flow on {@code hypha} without an instance: starts runs that workers execute, and reads
   * runs, typed outputs and history. Executes nothing here, so a flow whose constructor takes
   * arguments needs no dummy instance.
   */
  public static ApprovalFlow client(Hypha hypha) {
    return new ApprovalFlow(hypha.client(new Definition()));
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
  public static SubFlow<Result> sub(String input) {
    return SubFlow.of(new Definition(), input);
  }

  /**
   * Starts a run; it is committed to the store before this method returns.
   */
  public Run<Result> start(String input) {
    return binding.start(input);
  }

  /**
   * Starts a run unless one of this flow was started with {@code key} (a business key, such as
   * an order id) already; then that run is returned and nothing starts.
   */
  public Run<Result> start(String input, String key) {
    return binding.start(input, key);
  }

  /**
   * Starts a run without waiting for its commit: the future completes, off the engine's threads,
   * once the run is committed. Runs started this way share commits.
   */
  public CompletableFuture<Run<Result>> startAsync(String input) {
    return binding.startAsync(input);
  }

  /**
   * {@link #startAsync} with a business key: the run of that key if there is one already.
   */
  public CompletableFuture<Run<Result>> startAsync(String input, String key) {
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
     * The output of task {@code decide}.
     */
    public Optional<Approval.Decision> decide() {
      return binding.output(id, 0);
    }

    /**
     * The output of task {@code approve}; empty also when a branch skipped it.
     */
    public Optional<Approval.Letter> approve() {
      return binding.output(id, 1);
    }

    /**
     * The output of task {@code reject}; empty also when a branch skipped it.
     */
    public Optional<Approval.Letter> reject() {
      return binding.output(id, 2);
    }

    /**
     * The output of task {@code send}.
     */
    public Optional<String> send() {
      return binding.output(id, 3);
    }

    /**
     * The output of task {@code coupon}.
     */
    public Optional<Optional<String>> coupon() {
      return binding.output(id, 4);
    }

    /**
     * The output of task {@code redeem}; empty also when a branch skipped it.
     */
    public Optional<Integer> redeem() {
      return binding.output(id, 5);
    }
  }

  /**
   * The outputs of the flow's final tasks: the result of a run.
   *
   * @param send the output of task {@code send}
   * @param redeem the output of task {@code redeem}, empty when a branch skipped it
   */
  public record Result(String send, Optional<Integer> redeem) {
  }

  /**
   * How the runtime calls the tasks of {@link Approval}; found through
   * {@link java.util.ServiceLoader}.
   */
  public static final class Definition implements FlowDefinition<Approval, String, Result> {
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
    public Class<Approval> flowClass() {
      return Approval.class;
    }

    @Override
    public Optional<Approval> newInstance() {
      return Optional.of(new Approval());
    }

    @Override
    public Object invoke(Approval flow, int taskIndex, TaskArguments arguments) throws Exception {
      switch (taskIndex) {
        case 0:
          return flow.decide(arguments.<String>input());
        case 1:
          return flow.approve(arguments.<Approval.Approved>output(0));
        case 2:
          return flow.reject(arguments.<Approval.Rejected>output(0));
        case 3:
          return flow.send(arguments.<Approval.Letter>optionalOutput(1),
              arguments.<Approval.Letter>optionalOutput(2));
        case 4:
          return flow.coupon(arguments.<String>input());
        case 5:
          return flow.redeem(arguments.<Optional<String>>output(4).orElseThrow());
        default:
          throw new IndexOutOfBoundsException("flow approval has no task or handler " + taskIndex);
      }
    }

    @Override
    public Result result(TaskOutputs outputs) {
      return new Result(outputs.<String>output(3), outputs.<Integer>optionalOutput(5));
    }
  }
}

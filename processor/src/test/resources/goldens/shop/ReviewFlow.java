package shop;

import dev.hypha.runtime.FlowHistory;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.SignalWait;
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
 * Starts and reads runs of the {@code review} flow declared by
 * {@link Review}.
 *
 * <p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.
 */
@Generated("dev.hypha.processor.HyphaProcessor")
public final class ReviewFlow {
  /**
   * The flow's name in the store, the REST API and the CLI.
   */
  public static final String NAME = "review";

  private static final FlowDescriptor DESCRIPTOR = FlowDescriptor.builder(NAME)
      .flowClass("shop.Review")
      .input(TypeRef.of(String.class))
      .result(TypeRef.of(String.class))
      .task(TaskDescriptor.builder("request", TypeRef.of(String.class)).build())
      .task(TaskDescriptor.builder("notes", new TypeRef<List<String>>() {})
          .signal(SignalWait.of("reviewer-notes", new TypeRef<List<String>>() {}))
          .build())
      .task(TaskDescriptor.builder("decide", TypeRef.of(String.class))
          .dependsOn("request", "notes")
          .signal(SignalWait.of("approval", TypeRef.of(Review.Approval.class))
              .timeout(Duration.parse("PT72H"), false).when(Review::isFinal, "isFinal"))
          .build())
      .task(TaskDescriptor.builder("remind", TypeRef.of(Void.class))
          .dependsOn("request")
          .signal(SignalWait.of("approval", TypeRef.of(Review.Approval.class))
              .timeout(Duration.parse("PT24H"), true))
          .build())
      .shapeHash("6e8343581859a7bb")
      .mermaid("graph TD\n"
          + "  signal_reviewer_notes[/reviewer-notes/] -.->|signal| notes\n"
          + "  request --> decide\n"
          + "  notes --> decide\n"
          + "  signal_approval[/approval/] -.->|signal| decide\n"
          + "  request --> remind\n"
          + "  signal_approval -.->|signal| remind")
      .build();

  private final FlowBinding<String, String> binding;

  private ReviewFlow(FlowBinding<String, String> binding) {
    this.binding = binding;
  }

  /**
   * Binds {@code flow} to {@code hypha}: runs of this flow started or resumed
   * there call its methods.
   */
  public static ReviewFlow bind(Hypha hypha, Review flow) {
    return new ReviewFlow(hypha.bind(new Definition(), flow));
  }

  /**
   * This flow on {@code hypha} without an instance: starts runs that workers execute, and reads
   * runs, typed outputs and history. Executes nothing here, so a flow whose constructor takes
   * arguments needs no dummy instance.
   */
  public static ReviewFlow client(Hypha hypha) {
    return new ReviewFlow(hypha.client(new Definition()));
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
  public static SubFlow<String> sub(String input) {
    return SubFlow.of(new Definition(), input);
  }

  /**
   * Starts a run; it is committed to the store before this method returns.
   */
  public Run<String> start(String input) {
    return binding.start(input);
  }

  /**
   * Starts a run unless one of this flow was started with {@code key} (a business key, such as
   * an order id) already; then that run is returned and nothing starts.
   */
  public Run<String> start(String input, String key) {
    return binding.start(input, key);
  }

  /**
   * Starts a run without waiting for its commit: the future completes, off the engine's threads,
   * once the run is committed. Runs started this way share commits.
   */
  public CompletableFuture<Run<String>> startAsync(String input) {
    return binding.startAsync(input);
  }

  /**
   * {@link #startAsync} with a business key: the run of that key if there is one already.
   */
  public CompletableFuture<Run<String>> startAsync(String input, String key) {
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
   * Sends the signal {@code approval} to the run {@code id}; committed to the store
   * before this method returns. Tasks of the run waiting for it take it; a task that reaches
   * its wait later finds it.
   */
  public void signalApproval(RunId id, Review.Approval payload) {
    binding.signal(id, "approval", payload);
  }

  /**
   * Sends the signal {@code reviewer-notes} to the run {@code id}; committed to the store
   * before this method returns. Tasks of the run waiting for it take it; a task that reaches
   * its wait later finds it.
   */
  public void signalReviewerNotes(RunId id, List<String> payload) {
    binding.signal(id, "reviewer-notes", payload);
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
     * The output of task {@code request}.
     */
    public Optional<String> request() {
      return binding.output(id, 0);
    }

    /**
     * The output of task {@code notes}.
     */
    public Optional<List<String>> notes() {
      return binding.output(id, 1);
    }

    /**
     * The output of task {@code decide}.
     */
    public Optional<String> decide() {
      return binding.output(id, 2);
    }
  }

  /**
   * How the runtime calls the tasks of {@link Review}; found through
   * {@link java.util.ServiceLoader}.
   */
  public static final class Definition implements FlowDefinition<Review, String, String> {
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
    public Class<Review> flowClass() {
      return Review.class;
    }

    @Override
    public Optional<Review> newInstance() {
      return Optional.of(new Review());
    }

    @Override
    public Object invoke(Review flow, int taskIndex, TaskArguments arguments) throws Exception {
      switch (taskIndex) {
        case 0:
          return flow.request(arguments.<String>input());
        case 1:
          return flow.notes(arguments.<List<String>>signal().orElseThrow());
        case 2:
          return flow.decide(arguments.<String>output(0), arguments.<List<String>>output(1),
              arguments.<Review.Approval>signal().orElseThrow());
        case 3:
          flow.remind(arguments.<String>output(0), arguments.<Review.Approval>signal());
          return null;
        default:
          throw new IndexOutOfBoundsException("flow review has no task or handler " + taskIndex);
      }
    }

    @Override
    public String result(TaskOutputs outputs) {
      return outputs.<String>output(2);
    }
  }
}

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Starts and reads runs of the {@code domains} flow declared by
 * {@link Domains}.
 *
 * <p>Its graph, as a Mermaid flowchart, is {@code descriptor().mermaid()}.
 */
@Generated("dev.hypha.processor.HyphaProcessor")
public final class DomainsFlow {
  /**
   * The flow's name in the store, the REST API and the CLI.
   */
  public static final String NAME = "domains";

  private static final FlowDescriptor DESCRIPTOR = FlowDescriptor.builder(NAME)
      .flowClass("shop.Domains")
      .input(TypeRef.of(String.class))
      .result(TypeRef.of(Domains.Report.class))
      .task(TaskDescriptor.builder("plan", new TypeRef<List<Domains.Lookup>>() {}).build())
      .task(TaskDescriptor.builder("dns", new TypeRef<List<Domains.Address>>() {})
          .dependsOn("plan")
          .forEach("plan", TypeRef.of(Domains.Lookup.class), TypeRef.of(Domains.Address.class), 0,
              Guard.instanceOf(Domains.Dns.class))
          .build())
      .task(TaskDescriptor.builder("whois", new TypeRef<List<Domains.Owner>>() {})
          .dependsOn("plan")
          .forEach("plan", TypeRef.of(Domains.Lookup.class), TypeRef.of(Domains.Owner.class), 2,
              Guard.instanceOf(Domains.Whois.class))
          .build())
      .task(TaskDescriptor.builder("geo", new TypeRef<List<Domains.Place>>() {})
          .dependsOn("plan")
          .forEach("plan", TypeRef.of(Domains.Lookup.class), TypeRef.of(Domains.Place.class), 0,
              Guard.instanceOf(Domains.Geo.class))
          .build())
      .task(TaskDescriptor.builder("report", TypeRef.of(Domains.Report.class))
          .dependsOn("dns", "whois", "geo")
          .build())
      .shapeHash("d7e3e24d4a557633")
      .mermaid("graph TD\n"
          + "  plan -->|for each Dns| dns\n"
          + "  plan -->|for each Whois| whois\n"
          + "  plan -->|for each Geo| geo\n"
          + "  dns --> report\n"
          + "  whois --> report\n"
          + "  geo --> report")
      .build();

  private final FlowBinding<String, Domains.Report> binding;

  private DomainsFlow(FlowBinding<String, Domains.Report> binding) {
    this.binding = binding;
  }

  /**
   * Binds {@code flow} to {@code hypha}: runs of this flow started or resumed
   * there call its methods.
   */
  public static DomainsFlow bind(Hypha hypha, Domains flow) {
    return new DomainsFlow(hypha.bind(new Definition(), flow));
  }

  /**
   * This flow on {@code hypha} without an instance: starts runs that workers execute, and reads
   * runs, typed outputs and history. Executes nothing here, so a flow whose constructor takes
   * arguments needs no dummy instance.
   */
  public static DomainsFlow client(Hypha hypha) {
    return new DomainsFlow(hypha.client(new Definition()));
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
  public static SubFlow<Domains.Report> sub(String input) {
    return SubFlow.of(new Definition(), input);
  }

  /**
   * Starts a run; it is committed to the store before this method returns.
   */
  public Run<Domains.Report> start(String input) {
    return binding.start(input);
  }

  /**
   * Starts a run unless one of this flow was started with {@code key} (a business key, such as
   * an order id) already; then that run is returned and nothing starts.
   */
  public Run<Domains.Report> start(String input, String key) {
    return binding.start(input, key);
  }

  /**
   * Starts a run without waiting for its commit: the future completes, off the engine's threads,
   * once the run is committed. Runs started this way share commits.
   */
  public CompletableFuture<Run<Domains.Report>> startAsync(String input) {
    return binding.startAsync(input);
  }

  /**
   * {@link #startAsync} with a business key: the run of that key if there is one already.
   */
  public CompletableFuture<Run<Domains.Report>> startAsync(String input, String key) {
    return binding.startAsync(input, key);
  }

  /**
   * A handle on the run {@code id} of this flow, started here or elsewhere.
   */
  public Run<Domains.Report> run(RunId id) {
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
  public FlowHistory<Domains.Report> history() {
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
     * The output of task {@code plan}.
     */
    public Optional<List<Domains.Lookup>> plan() {
      return binding.output(id, 0);
    }

    /**
     * The output of task {@code dns}.
     */
    public Optional<List<Domains.Address>> dns() {
      return binding.output(id, 1);
    }

    /**
     * The output of task {@code whois}.
     */
    public Optional<List<Domains.Owner>> whois() {
      return binding.output(id, 2);
    }

    /**
     * The output of task {@code geo}.
     */
    public Optional<List<Domains.Place>> geo() {
      return binding.output(id, 3);
    }

    /**
     * The output of task {@code report}.
     */
    public Optional<Domains.Report> report() {
      return binding.output(id, 4);
    }
  }

  /**
   * How the runtime calls the tasks of {@link Domains}; found through
   * {@link java.util.ServiceLoader}.
   */
  public static final class Definition implements FlowDefinition<Domains, String, Domains.Report> {
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
    public Class<Domains> flowClass() {
      return Domains.class;
    }

    @Override
    public Optional<Domains> newInstance() {
      return Optional.of(new Domains());
    }

    @Override
    public Object invoke(Domains flow, int taskIndex, TaskArguments arguments) throws Exception {
      switch (taskIndex) {
        case 0:
          return flow.plan(arguments.<String>input());
        case 1:
          return flow.dns(arguments.<Domains.Dns>element());
        case 2:
          return flow.whois(arguments.<Domains.Whois>element());
        case 3:
          return flow.geo(arguments.<Domains.Geo>element());
        case 4:
          return flow.report(arguments.<List<Domains.Address>>output(1),
              arguments.<List<Domains.Owner>>output(2), arguments.<List<Domains.Place>>output(3));
        default:
          throw new IndexOutOfBoundsException("flow domains has no task or handler " + taskIndex);
      }
    }

    @Override
    public Domains.Report result(TaskOutputs outputs) {
      return outputs.<Domains.Report>output(4);
    }
  }
}

package dev.hypha.runtime.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskArguments;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.SharedStores;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hostBoundFlowsOnly()}: a worker leaves a class-path flow with a public no-argument
 * constructor alone until it is bound, then runs it on the bound instance.
 */
class HostBoundFlowsOnlyTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TypeRef<String> TEXT = TypeRef.of(String.class);

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aWorkerRunsAClassPathFlowOnlyOnceBoundAndOnTheBoundInstance(String kind) throws IOException {
    String store = SharedStores.fresh(kind, dir);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classPathListing(Stamped.class));
    try (Hypha client = Hypha.connect(store)) {
      FlowBinding<String, String> stamped = client.client(new Stamped());
      Run<String> waiting = stamped.start("x");

      try (Hypha worker =
          Hypha.builder().database(store).worker("stamps").hostBoundFlowsOnly().open()) {
        // A flow bound at once, on the same queue: once its run is done, the worker has claimed
        // from "stamps" after the stamped task was READY there, and left that task alone.
        LambdaFlow probe =
            LambdaFlow.builder("probe")
                .input(TEXT)
                .result(TEXT)
                .task(
                    TaskDescriptor.builder("echo", TEXT).queue("stamps").build(),
                    args -> args.input())
                .build();
        assertThat(worker.bind(probe, probe).start("p").await(WAIT)).isEqualTo("p");
        assertThat(client.history().detail(waiting.id()).orElseThrow().task("stamp").orElseThrow())
            .satisfies(task -> assertThat(task.state()).isEqualTo(TaskState.READY))
            .satisfies(task -> assertThat(task.attempt()).isZero());

        worker.bind(new Stamped(), new Stamper("bound"));

        assertThat(waiting.await(WAIT)).isEqualTo("bound:x");
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** A class loader whose class path lists {@code definition} as a flow, as the processor does. */
  private ClassLoader classPathListing(Class<?> definition) throws IOException {
    Path root = dir.resolve("classes");
    Path file = root.resolve("META-INF/services/" + FlowDefinition.class.getName());
    Files.createDirectories(file.getParent());
    Files.writeString(file, definition.getName() + "\n");
    return new URLClassLoader(
        new URL[] {root.toUri().toURL()}, HostBoundFlowsOnlyTest.class.getClassLoader());
  }

  /** The flow class: its one task returns the instance's tag. */
  public static final class Stamper {
    final String tag;

    public Stamper() {
      this("made by the runtime");
    }

    Stamper(String tag) {
      this.tag = tag;
    }
  }

  /** The definition, as generated for a flow class with a public no-argument constructor. */
  public static final class Stamped implements FlowDefinition<Stamper, String, String> {
    private static final FlowDescriptor DESCRIPTOR =
        FlowDescriptor.builder("stamped")
            .flowClass(Stamper.class.getName())
            .input(TEXT)
            .result(TEXT)
            .task(TaskDescriptor.builder("stamp", TEXT).queue("stamps").build())
            .shapeHash("5151515151515151")
            .build();

    @Override
    public FlowDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Class<Stamper> flowClass() {
      return Stamper.class;
    }

    @Override
    public Optional<Stamper> newInstance() {
      return Optional.of(new Stamper());
    }

    @Override
    public Object invoke(Stamper flow, int taskIndex, TaskArguments arguments) {
      return flow.tag + ":" + arguments.<String>input();
    }

    @Override
    public String result(TaskOutputs outputs) {
      return outputs.output(0);
    }
  }
}

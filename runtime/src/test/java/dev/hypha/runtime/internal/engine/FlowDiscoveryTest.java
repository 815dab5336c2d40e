package dev.hypha.runtime.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskArguments;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.testing.Graphs;
import dev.hypha.runtime.testing.LambdaFlow;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows are found through the service file that the processor writes; an entry an earlier build
 * left behind for a class that is gone or broken is skipped with a warning, not fatal.
 */
class FlowDiscoveryTest {
  private static final String SERVICE_FILE =
      "META-INF/services/dev.hypha.runtime.spi.FlowDefinition";

  @TempDir Path dir;

  @Test
  void skipsAClassThatIsGoneWithAWarningThatNamesItAndTheFix() throws IOException {
    List<String> warnings = new ArrayList<>();

    Map<String, FlowDefinition<?, ?, ?>> flows =
        FlowDiscovery.flows(
            loader("shop.DeletedFlow$Definition", Discovered.class.getName()), warnings::add);

    assertThat(flows).containsOnlyKeys("discovered");
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("shop.DeletedFlow$Definition")
        .contains(SERVICE_FILE)
        .contains("rebuild")
        .contains("clean");
  }

  @Test
  void skipsAClassThatCannotBeInstantiatedOrDescribedOrIsNoDefinition() throws IOException {
    List<String> warnings = new ArrayList<>();

    Map<String, FlowDefinition<?, ?, ?>> flows =
        FlowDiscovery.flows(
            loader(
                Unconstructible.class.getName(),
                Discovered.class.getName(),
                Undescribable.class.getName(),
                FlowDiscoveryTest.class.getName()),
            warnings::add);

    assertThat(flows).containsOnlyKeys("discovered");
    assertThat(warnings).hasSize(3);
    assertThat(warnings.get(0)).contains(Unconstructible.class.getName(), "no constructor today");
    assertThat(warnings.get(1)).contains(Undescribable.class.getName(), "no descriptor today");
    assertThat(warnings.get(2)).contains(FlowDiscoveryTest.class.getName(), "not a subtype");
  }

  @Test
  void hyphaOpensAndFindsTheOtherFlowsDespiteAStaleEntry() throws IOException {
    ClassLoader loader = loader("shop.DeletedFlow$Definition", Discovered.class.getName());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try (Hypha hypha = Hypha.open(dir.resolve("hypha.db"))) {
      assertThat(hypha.flows()).extracting(FlowDescriptor::name).containsExactly("discovered");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** A class loader whose class path has a service file listing {@code entries}. */
  private ClassLoader loader(String... entries) throws IOException {
    Path root = dir.resolve("classes");
    Path file = root.resolve(SERVICE_FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", entries) + "\n");
    return new URLClassLoader(
        new URL[] {root.toUri().toURL()}, FlowDiscoveryTest.class.getClassLoader());
  }

  /** A definition as the processor generates it: public, with a public no-argument constructor. */
  public static class Discovered implements FlowDefinition<LambdaFlow, Object, Object> {
    private final LambdaFlow flow;

    public Discovered() {
      this(Graphs.diamond("discovered"));
    }

    Discovered(LambdaFlow flow) {
      this.flow = flow;
    }

    @Override
    public FlowDescriptor descriptor() {
      return flow.descriptor();
    }

    @Override
    public Class<LambdaFlow> flowClass() {
      return LambdaFlow.class;
    }

    @Override
    public Optional<LambdaFlow> newInstance() {
      return flow.newInstance();
    }

    @Override
    public Object invoke(LambdaFlow instance, int taskIndex, TaskArguments arguments)
        throws Exception {
      return flow.invoke(instance, taskIndex, arguments);
    }

    @Override
    public Object result(TaskOutputs outputs) {
      return flow.result(outputs);
    }
  }

  /** A definition whose constructor fails, like one whose generated code no longer links. */
  public static final class Unconstructible extends Discovered {
    public Unconstructible() {
      super(fail("no constructor today"));
    }
  }

  /** A definition whose descriptor fails. */
  public static final class Undescribable extends Discovered {
    @Override
    public FlowDescriptor descriptor() {
      throw new IllegalStateException("no descriptor today");
    }
  }

  private static LambdaFlow fail(String message) {
    throw new IllegalStateException(message);
  }
}

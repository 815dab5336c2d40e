package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are JSON written with the configured mapper and read back before they are recorded. */
class OutputJsonTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  record Shipment(String trackingNumber, int parcelCount) {}

  /** Jackson writes it through its getters but has no constructor to read it back with. */
  public static final class Opaque {
    private final String name;
    private final int size;

    public Opaque(String name, int size) {
      this.name = name;
      this.size = size;
    }

    public String getName() {
      return name;
    }

    public int getSize() {
      return size;
    }
  }

  /**
   * Defect: an output that Jackson wrote but could not read back was recorded SUCCEEDED, and its
   * dependent failed reading it, blamed for its producer's output. Now the producer fails with
   * OutputNotSerializableException naming the type (once: running it again would repeat its effects
   * for the same value), its dependent is SKIPPED with nothing recorded against it, and independent
   * branches still run.
   */
  @EngineKind.All
  void anOutputThatCannotBeReadBackFailsItsProducerNotItsDependent(EngineKind engine) {
    AtomicInteger producerCalls = new AtomicInteger();
    AtomicInteger dependentCalls = new AtomicInteger();
    RetryPolicy threeAttempts =
        new RetryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, 0.0, List.of(), List.of());
    LambdaFlow flow =
        LambdaFlow.builder("opaque")
            .task(
                TaskDescriptor.builder("make", TypeRef.of(Opaque.class))
                    .retry(threeAttempts)
                    .build(),
                args -> {
                  producerCalls.incrementAndGet();
                  return new Opaque("box", 3);
                })
            .task(
                "use",
                INT,
                args -> {
                  dependentCalls.incrementAndGet();
                  return args.<Opaque>output(0).getSize();
                },
                "make")
            .task("independent", INT, args -> 2)
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOfSatisfying(
              RunFailedException.class,
              e -> {
                assertThat(e.error().task()).isEqualTo("make");
                assertThat(e.error().type())
                    .isEqualTo(OutputNotSerializableException.class.getName());
              });
      RunDetail detail = run.detail();
      TaskRecord make = detail.task("make").orElseThrow();
      assertThat(make.state()).isEqualTo(TaskState.FAILED);
      assertThat(make.attempt()).isEqualTo(1);
      assertThat(make.error().orElseThrow().type())
          .isEqualTo(OutputNotSerializableException.class.getName());
      assertThat(make.error().get().message())
          .contains(Opaque.class.getName())
          .contains("cannot be read back");
      assertThat(producerCalls).hasValue(1);

      TaskRecord use = detail.task("use").orElseThrow();
      assertThat(use.state()).isEqualTo(TaskState.SKIPPED);
      assertThat(use.attempt()).isZero();
      assertThat(use.error()).isEmpty();
      assertThat(use.failures()).isEmpty();
      assertThat(dependentCalls).hasValue(0);

      assertThat(detail.task("independent").get().state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(detail.summary().error().orElseThrow().task()).isEqualTo("make");
    }
  }

  /**
   * The mapper given to {@code objectMapper(...)} writes and reads outputs: a record output is
   * stored in snake_case, and its dependent and the typed output reader read it back, after
   * reopening too.
   */
  @EngineKind.All
  void aGivenObjectMapperWritesOutputsAndReadsThemBack(EngineKind engine) {
    Path file = dir.resolve("h.db");
    ObjectMapper snakeCase =
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    LambdaFlow flow =
        LambdaFlow.builder("shipping")
            .task("ship", TypeRef.of(Shipment.class), args -> new Shipment("TN-1", 2))
            .task(
                "label",
                TypeRef.of(String.class),
                args -> {
                  Shipment shipment = args.output(0);
                  return shipment.trackingNumber() + "/" + shipment.parcelCount();
                },
                "ship")
            .build();
    RunId id;
    try (Hypha hypha = engine.builder(file).objectMapper(snakeCase).open()) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      Run<Object> run = binding.start(null);
      id = run.id();
      assertThat(run.await(WAIT)).isEqualTo("TN-1/2");
      String stored = run.detail().task("ship").orElseThrow().outputJson().orElseThrow();
      assertThat(stored)
          .contains("\"tracking_number\":\"TN-1\"")
          .contains("\"parcel_count\":2")
          .doesNotContain("trackingNumber");
      assertThat(binding.<Shipment>output(id, 0)).contains(new Shipment("TN-1", 2));
    }
    try (Hypha hypha = engine.builder(file).objectMapper(snakeCase).open()) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      assertThat(binding.<Shipment>output(id, 0)).contains(new Shipment("TN-1", 2));
    }
  }
}

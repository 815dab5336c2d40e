package dev.hypha.bench.jmh;

import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.spi.TypeRef;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding a task's output and decoding a dependency's: done on every task execution. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  /** A typical small output. */
  public record Order(String id, String customer, List<String> skus, double total) {}

  private final JsonCodec codec = new JsonCodec();
  private final TypeRef<Order> orderType = TypeRef.of(Order.class);
  private final Order order = new Order("order-42", "ada", List.of("sku-1", "sku-2"), 59.8);
  private final String orderJson;

  public CodecBenchmark() {
    try {
      orderJson = codec.write(order);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public String writeOutput() throws Exception {
    return codec.write(order);
  }

  @Benchmark
  public Object readArgument() throws Exception {
    return codec.read(orderJson, orderType);
  }
}

package dev.hypha.test;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** What one test gets: its clock, its Hypha on a fresh store, and what removes them afterwards. */
final class TestEnvironment implements AutoCloseable {
  /** How long closing lets a task still running finish: short, a test is over. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final SkippingClock clock;
  private final Hypha hypha;
  private final Path folder;
  private final PostgresSchema schema;
  private final SharedSkipper skipper;

  private TestEnvironment(
      SkippingClock clock, Hypha hypha, Path folder, PostgresSchema schema, SharedSkipper skipper) {
    this.clock = clock;
    this.hypha = hypha;
    this.folder = folder;
    this.schema = schema;
    this.skipper = skipper;
  }

  static TestEnvironment open(HyphaTest settings, HyphaTest.Engine engine) {
    SkippingClock clock = new SkippingClock(settings.skipTime());
    return settings.store() == HyphaTest.Store.POSTGRES ? postgres(clock) : sqlite(clock, engine);
  }

  private static TestEnvironment sqlite(SkippingClock clock, HyphaTest.Engine engine) {
    Path folder;
    try {
      folder = Files.createTempDirectory("hypha-test-");
    } catch (IOException e) {
      throw new HyphaTestException(
          "could not create a temporary folder for the test's store: "
              + e
              + "; check that java.io.tmpdir ("
              + System.getProperty("java.io.tmpdir")
              + ") is writable",
          e);
    }
    try {
      Hypha.Builder builder = Hypha.builder().path(folder.resolve("hypha.db"));
      builder = engine == HyphaTest.Engine.SERIAL ? builder.serial() : builder.parallel(4);
      Hypha hypha = builder.clock(clock).flushToDisk(false).shutdownGrace(GRACE).open();
      return new TestEnvironment(clock, hypha, folder, null, null);
    } catch (RuntimeException | Error e) {
      delete(folder);
      throw e;
    }
  }

  private static TestEnvironment postgres(SkippingClock clock) {
    PostgresSchema schema = PostgresSchema.create(PostgresSchema.serverUrl(System::getenv));
    try {
      Hypha hypha =
          Hypha.builder()
              .database(schema.url())
              .worker(hostedQueues())
              .parallel(4)
              .pollInterval(Duration.ofMillis(10))
              .clock(clock)
              .shutdownGrace(GRACE)
              .open();
      return new TestEnvironment(clock, hypha, null, schema, new SharedSkipper(hypha, clock));
    } catch (RuntimeException | Error e) {
      schema.close();
      throw e;
    }
  }

  /** Every queue of the flows on the class path, so the test's worker runs all their tasks. */
  private static String[] hostedQueues() {
    Set<String> queues = new TreeSet<>(Set.of(dev.hypha.runtime.spi.TaskDescriptor.DEFAULT_QUEUE));
    for (FlowDescriptor flow :
        Hypha.flowsOnClassPath(Thread.currentThread().getContextClassLoader())) {
      queues.addAll(flow.queues());
    }
    return queues.toArray(String[]::new);
  }

  Hypha hypha() {
    return hypha;
  }

  TestClock clock() {
    return clock;
  }

  @Override
  public void close() {
    try {
      if (skipper != null) {
        skipper.close();
      }
      hypha.close();
    } finally {
      if (schema != null) {
        schema.close();
      }
      if (folder != null) {
        delete(folder);
      }
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the test's store " + folder, e);
    }
  }
}

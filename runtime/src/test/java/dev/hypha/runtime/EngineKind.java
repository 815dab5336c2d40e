package dev.hypha.runtime;

import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.testing.SharedStores;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engines the semantic tests run on: the embedded engine, serial and parallel, and a process
 * that is client and worker of a shared store, a SQLite file or (when {@value
 * SharedStores#URL_VARIABLE} is set) PostgreSQL.
 *
 * <p>A test names its store by a file in its {@code @TempDir}: opening that path again (a restart)
 * opens the same store. For PostgreSQL, each path is a fresh schema, created the first time it is
 * opened; a server named by the variable but unreachable fails the test.
 *
 * <p>Annotate a test {@link All @EngineKind.All} to run it on every kind, or {@link Embedded
 * {@code @EngineKind.Embedded}} (saying why) when it relies on what a shared store does not have:
 * handlers, run deadlines, listeners, the serial engine's order, {@code maxActiveRuns}, the engine
 * thread and lock, or the embedded engine's internals.
 */
enum EngineKind {
  SERIAL,
  PARALLEL,
  SHARED_SQLITE,
  SHARED_POSTGRES;

  /** The queue the test flows' tasks are on, which a shared kind's worker hosts. */
  static final String QUEUE = TaskDescriptor.DEFAULT_QUEUE;

  /** The PostgreSQL schema of each store path a test opened, so that a reopen finds its runs. */
  private static final Map<Path, String> POSTGRES_STORES = new ConcurrentHashMap<>();

  /** Runs the test once per kind of {@link #all()}. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hypha.runtime.EngineKind#all")
  @interface All {}

  /** Runs the test on the embedded engines only; say why where it is used. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hypha.runtime.EngineKind#embedded")
  @interface Embedded {}

  /** Every kind: PostgreSQL only when {@value SharedStores#URL_VARIABLE} is set. */
  static List<EngineKind> all() {
    List<EngineKind> kinds = new ArrayList<>(List.of(SERIAL, PARALLEL, SHARED_SQLITE));
    if (SharedStores.postgresUrl() != null) {
      kinds.add(SHARED_POSTGRES);
    }
    return kinds;
  }

  /** The embedded engines. */
  static List<EngineKind> embedded() {
    return List.of(SERIAL, PARALLEL);
  }

  /** Whether this kind is a process on a shared store rather than an embedded engine. */
  boolean shared() {
    return this == SHARED_SQLITE || this == SHARED_POSTGRES;
  }

  /**
   * A builder for the store named by {@code file}, with worker id {@code test-worker}. The shared
   * kinds host {@link #QUEUE} on 4 threads and poll every 20 ms.
   */
  Hypha.Builder builder(Path file) {
    return switch (this) {
      case SERIAL -> Hypha.builder().path(file).workerId("test-worker").serial();
      case PARALLEL -> Hypha.builder().path(file).workerId("test-worker").parallel(4);
      case SHARED_SQLITE, SHARED_POSTGRES ->
          Hypha.builder()
              .database(url(file))
              .worker(QUEUE)
              .parallel(4)
              .workerId("test-worker")
              .pollInterval(Duration.ofMillis(20));
    };
  }

  Hypha open(Path file) {
    return builder(file).open();
  }

  /** The shared store named by {@code file}: the file itself, or its PostgreSQL schema. */
  String url(Path file) {
    Path key = file.toAbsolutePath().normalize();
    return switch (this) {
      case SHARED_SQLITE -> key.toString();
      case SHARED_POSTGRES ->
          POSTGRES_STORES.computeIfAbsent(
              key, ignored -> SharedStores.fresh("postgres", key.getParent()));
      default -> throw new IllegalStateException(this + " is not a shared store");
    };
  }
}

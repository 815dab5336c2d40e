package dev.hypha.spring.internal;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.spring.HyphaProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the starter opens, decided from the properties before anything is opened: the store, the
 * role of this application on it, and its worker's id and queues. Immutable.
 *
 * @param store a SQLite file path or a JDBC URL (which may carry credentials: never log it)
 * @param role how this application takes part
 * @param workerId the name recorded on the attempts this application runs
 * @param queues the queues it hosts as a worker of a shared store; empty otherwise
 * @param threads task threads, or null for the runtime's default
 * @param shutdownGrace how long closing lets running tasks finish
 */
public record HyphaSetup(
    String store,
    Role role,
    String workerId,
    List<String> queues,
    Integer threads,
    Duration shutdownGrace) {

  /** How this application takes part in its store. */
  public enum Role {
    /** The embedded engine: it holds a SQLite file alone and runs every task of it. */
    EMBEDDED,
    /** A worker of a shared store: it runs the tasks of its queues, and starts and reads runs. */
    WORKER,
    /** A client of a shared store: it starts, cancels and reads runs, and executes nothing. */
    CLIENT
  }

  public HyphaSetup {
    queues = List.copyOf(queues);
  }

  /**
   * The setup of {@code properties}, with {@code store} the store they name or the one of the
   * application's DataSource, and {@code flows} the flows on the class path (for the default
   * queues).
   */
  public static HyphaSetup of(
      HyphaProperties properties, String store, List<FlowDescriptor> flows) {
    HyphaProperties.Worker worker = properties.getWorker();
    boolean postgres = store.startsWith("jdbc:postgresql:");
    boolean shared =
        postgres || properties.isShared() || !worker.isEnabled() || !worker.getQueues().isEmpty();
    if (worker.getThreads() != null && worker.getThreads() < 1) {
      throw new InvalidConfigurationException(
          "hypha.worker.threads is "
              + worker.getThreads()
              + ", but a worker needs at least 1 thread; set it to 1 or more, or remove it for the"
              + " default");
    }
    String id = worker.getId() != null ? worker.getId() : Hypha.defaultWorkerId();
    if (!shared) {
      return new HyphaSetup(
          store, Role.EMBEDDED, id, List.of(), worker.getThreads(), properties.getShutdownGrace());
    }
    if (!worker.isEnabled()) {
      return new HyphaSetup(
          store, Role.CLIENT, id, List.of(), worker.getThreads(), properties.getShutdownGrace());
    }
    List<String> queues = worker.getQueues().isEmpty() ? queuesOf(flows) : worker.getQueues();
    return new HyphaSetup(
        store, Role.WORKER, id, queues, worker.getThreads(), properties.getShutdownGrace());
  }

  /** Opens the Hypha of this setup. The caller closes it. */
  public Hypha open() {
    Hypha.Builder builder = Hypha.builder().workerId(workerId).shutdownGrace(shutdownGrace);
    if (threads != null) {
      builder.parallel(threads);
    }
    if (role == Role.EMBEDDED) {
      return builder.path(embeddedFile()).open();
    }
    builder.database(store);
    if (role == Role.WORKER) {
      // The starter binds the flows' beans once the Hypha is open: until a flow is bound, the
      // worker does not run its tasks, so none runs on an instance Spring did not make.
      builder.worker(queues.toArray(String[]::new)).hostBoundFlowsOnly();
    }
    return builder.open();
  }

  private Path embeddedFile() {
    Path file =
        Path.of(store.startsWith("jdbc:sqlite:") ? store.substring("jdbc:sqlite:".length()) : store)
            .toAbsolutePath()
            .normalize();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          "cannot create the folder of hypha.store "
              + file
              + " ("
              + e
              + "); set hypha.store to a file in a folder this application may write");
    }
    return file;
  }

  private static List<String> queuesOf(List<FlowDescriptor> flows) {
    Set<String> queues = new TreeSet<>();
    for (FlowDescriptor flow : flows) {
      queues.addAll(flow.queues());
    }
    return queues.isEmpty() ? List.of("default") : List.copyOf(queues);
  }
}

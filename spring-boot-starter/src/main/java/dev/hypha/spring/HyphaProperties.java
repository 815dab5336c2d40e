package dev.hypha.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code hypha.*} properties from which the starter opens the application's {@code Hypha}.
 *
 * <p>A SQLite path alone (the default, {@code hypha.db}) opens the embedded engine: this
 * application runs every task of the file. A PostgreSQL store (the application's {@code
 * DataSource}, or a {@code jdbc:postgresql:} URL in {@code hypha.store}), {@code hypha.shared},
 * {@code hypha.worker.queues} or {@code hypha.worker.enabled=false} open a shared store instead,
 * where this application is a worker of some queues, or only a client.
 *
 * <p>Not thread-safe: Spring binds it once, at startup.
 */
@ConfigurationProperties("hypha")
public class HyphaProperties {

  /**
   * Where the runs are stored: a SQLite file path, jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB.
   * When unset, the application's DataSource if it has one (it must be PostgreSQL), else the file
   * hypha.db in the working directory.
   */
  private String store;

  /**
   * Whether a SQLite store is shared with other processes (workers of other queues, clients such as
   * the hypha command): then every process claims its tasks with leases. When false, this
   * application's embedded engine holds the file alone, which is the fastest. A PostgreSQL store is
   * always shared.
   */
  private boolean shared;

  /**
   * How long closing the application context lets running tasks finish and be recorded. Tasks still
   * running then are taken up again by the next start (embedded) or given back at once to the other
   * workers (shared store).
   */
  private Duration shutdownGrace = Duration.ofSeconds(10);

  private final Worker worker = new Worker();

  public String getStore() {
    return store;
  }

  public void setStore(String store) {
    this.store = store;
  }

  public boolean isShared() {
    return shared;
  }

  public void setShared(boolean shared) {
    this.shared = shared;
  }

  public Duration getShutdownGrace() {
    return shutdownGrace;
  }

  public void setShutdownGrace(Duration shutdownGrace) {
    this.shutdownGrace = shutdownGrace;
  }

  public Worker getWorker() {
    return worker;
  }

  /** The {@code hypha.worker.*} properties: whether and how this application runs tasks. */
  public static class Worker {

    /**
     * Whether this application runs tasks. When false it is a client of a shared store: it starts,
     * cancels and reads runs, and workers in other processes execute them.
     */
    private boolean enabled = true;

    /**
     * The queues whose tasks this application runs on a shared store (tasks without a queue are on
     * "default"). By default every queue of the flows on the class path. Setting it makes the store
     * shared.
     */
    private List<String> queues = new ArrayList<>();

    /** How many threads run tasks; by default twice the number of processors, at least 4. */
    private Integer threads;

    /**
     * The name recorded on every attempt this application runs and in the list of workers; PID@HOST
     * by default.
     */
    private String id;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getQueues() {
      return queues;
    }

    public void setQueues(List<String> queues) {
      this.queues = queues;
    }

    public Integer getThreads() {
      return threads;
    }

    public void setThreads(Integer threads) {
      this.threads = threads;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }
  }
}

package dev.hypha.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Worker;
import dev.hypha.samples.ChildJvm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Worker processes of a shared store: {@code dev.hypha.runtime.Worker} in JVMs of their own. */
final class WorkerProcess {
  /** How long a worker JVM may take to say it is ready, on a busy two-core machine. */
  static final long READY_MILLIS = 60_000;

  private WorkerProcess() {}

  /**
   * Launches a worker named {@code name} on {@code url} for {@code queues} (comma separated) with a
   * lease of two seconds and a poll interval of 50 ms, without waiting for it to be ready.
   */
  static ChildJvm launch(String url, String name, String queues, int threads, String flow)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--db", url, "--queues", queues, "--name", name));
    args.addAll(List.of("--threads", Integer.toString(threads), "--flows", flow));
    args.addAll(List.of("--lease", "2s", "--poll", "50ms", "--grace", "1s"));
    return ChildJvm.start(Worker.class, args.toArray(String[]::new));
  }

  /** Waits until {@code worker} says it is ready, and fails with its output if it does not. */
  static void awaitReady(ChildJvm worker, String name) throws InterruptedException {
    assertThat(worker.awaitLine("ready on", READY_MILLIS))
        .as("worker %s did not say it was ready; its output:%n%s", name, worker.output())
        .isTrue();
  }

  /** Launches a worker and waits until it is ready. */
  static ChildJvm start(String url, String name, String queues, int threads, String flow)
      throws IOException, InterruptedException {
    ChildJvm worker = launch(url, name, queues, threads, flow);
    try {
      awaitReady(worker, name);
    } catch (AssertionError | InterruptedException e) {
      worker.close();
      throw e;
    }
    return worker;
  }
}

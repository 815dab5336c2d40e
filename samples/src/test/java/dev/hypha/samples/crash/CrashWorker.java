package dev.hypha.samples.crash;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One generation of the crash test, in its own JVM: opens the database (resuming the runs the
 * previous generation left in flight), then either starts new runs one after the other, waits until
 * every run has ended, prints {@code all runs ended} and waits to be killed ({@code work}), or
 * waits until every run has ended and exits 0 ({@code finish}).
 */
public final class CrashWorker {
  private CrashWorker() {}

  public static void main(String[] args) throws Exception {
    Path database = Path.of(args[0]);
    Path log = Path.of(args[1]);
    String generation = args[2];
    boolean work = args[3].equals("work");
    int maxNewRuns = Integer.parseInt(args[4]);
    try (Hypha hypha =
        Hypha.builder()
            .path(database)
            .parallel(4)
            .workerId(generation)
            .busyTimeout(Duration.ofSeconds(30))
            .open()) {
      CrashFlowFlow flow = CrashFlowFlow.bind(hypha, new CrashFlow(log, generation));
      System.out.println("ready " + generation);
      System.out.flush();
      long began = System.nanoTime();
      if (work) {
        int next = countRuns(flow);
        for (int i = 0; i < maxNewRuns; i++) {
          flow.start(new CrashFlow.Seed(next + i));
          Thread.sleep(2);
        }
      }
      while (hasRunning(flow)) {
        Thread.sleep(20);
      }
      System.out.println("all runs ended after " + (System.nanoTime() - began) / 1_000_000 + " ms");
      System.out.flush();
      if (work) {
        // A generation never ends by itself: the test checks that each kill hit a live process.
        Thread.sleep(120_000);
        System.out.println("not killed");
      }
    }
  }

  private static int countRuns(CrashFlowFlow flow) {
    int count = 0;
    Page<RunSummary> page = flow.history().find(RunQuery.builder().limit(1000).build());
    count += page.items().size();
    while (page.nextPageToken().isPresent()) {
      page =
          flow.history()
              .find(RunQuery.builder().limit(1000).after(page.nextPageToken().get()).build());
      count += page.items().size();
    }
    return count;
  }

  private static boolean hasRunning(CrashFlowFlow flow) {
    return !flow.history()
        .find(RunQuery.builder().state(RunState.RUNNING).limit(1).build())
        .items()
        .isEmpty();
  }
}

package dev.hypha.samples.animals;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.WorkerRecord;
import dev.hypha.samples.animals.Herds.Herd;
import dev.hypha.samples.animals.Herds.Measurement;
import dev.hypha.samples.animals.Herds.Summary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;

/**
 * The client of the animal census: starts one {@link AnimalStats} run per herd on a shared store,
 * executes none of them (worker processes do), waits for all, and checks each run's statistics
 * against the ones it computes itself from the same herds.
 *
 * <pre>
 * java -cp ... dev.hypha.samples.animals.AnimalCensus &lt;store&gt; [herds]
 * </pre>
 *
 * {@code <store>} is a SQLite file or a {@code jdbc:postgresql://} URL; {@code herds} is 20 unless
 * given. The run of herd {@code n} is started with the key {@code herd-n}, so starting the census
 * again on the same store finds the runs instead of repeating them. Exits 0 when every run
 * succeeded with the right statistics, 1 otherwise; waits at most {@code -Danimals.timeout} (an
 * ISO-8601 duration, {@code PT2M} unless given) for all of them.
 */
public final class AnimalCensus {
  private static final double TOLERANCE = 1e-9;

  private AnimalCensus() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: AnimalCensus <sqlite file | jdbc:postgresql://...> [herds]");
      System.exit(2);
    }
    int herds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Duration timeout = Duration.parse(System.getProperty("animals.timeout", "PT2M"));
    boolean ok;
    try (Hypha hypha = Hypha.connect(args[0])) {
      ok = census(hypha, Herds.census(herds), timeout, System.out);
    }
    System.exit(ok ? 0 : 1);
  }

  /** Runs the census of {@code herds}; true if every run succeeded with the right statistics. */
  static boolean census(Hypha hypha, List<Herd> herds, Duration timeout, PrintStream out) {
    AnimalStatsFlow flow = AnimalStatsFlow.client(hypha);
    List<Run<Summary>> runs = new ArrayList<>();
    for (Herd herd : herds) {
      runs.add(flow.start(herd, "herd-" + herd.id()));
    }
    out.println("census: started " + runs.size() + " runs");
    out.flush();
    long deadline = System.nanoTime() + timeout.toNanos();
    int right = 0;
    int interrupted = 0;
    for (int i = 0; i < herds.size(); i++) {
      Herd herd = herds.get(i);
      Run<Summary> run = runs.get(i);
      Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      try {
        Summary summary = run.await(left);
        String wrong = check(herd, summary);
        out.println(summary.line() + (wrong == null ? "  ok" : "  WRONG: " + wrong));
        if (wrong == null) {
          right++;
        }
      } catch (HyphaException e) {
        out.println(
            "herd " + herd.id() + ": run " + run.id() + " did not succeed: " + e.getMessage());
      }
      for (TaskRecord task : run.detail().tasks()) {
        for (AttemptRecord failure : task.failures()) {
          if (failure.interrupted()) {
            interrupted++;
            out.println(
                "  "
                    + task.name()
                    + " attempt "
                    + failure.attempt()
                    + " was cut short on "
                    + failure.worker().orElse("?")
                    + "; attempt "
                    + task.attempt()
                    + " ran on "
                    + task.worker().orElse("?"));
          }
        }
      }
      out.flush();
    }
    out.println("workers:");
    for (WorkerRecord worker : hypha.history().workers()) {
      out.println(
          "  "
              + worker.worker()
              + " "
              + worker.queues()
              + (worker.stoppedAt().isPresent() ? " stopped" : " last seen " + worker.lastSeen()));
    }
    boolean all = right == herds.size();
    out.printf(
        "census: %d of %d runs succeeded with the right statistics; %d attempts cut short and"
            + " repeated%n",
        right, herds.size(), interrupted);
    out.println(all ? "census: OK" : "census: FAILED");
    out.flush();
    return all;
  }

  /** What is wrong with {@code summary} for {@code herd}, or null if it is right. */
  static String check(Herd herd, Summary summary) {
    DoubleSummaryStatistics expected =
        Herds.weigh(herd).stream().mapToDouble(Measurement::weightKg).summaryStatistics();
    List<String> wrong = new ArrayList<>();
    if (summary.herd() != herd.id() || summary.animals() != expected.getCount()) {
      wrong.add("herd " + summary.herd() + " of " + summary.animals() + " animals");
    }
    if (Math.abs(summary.meanKg() - expected.getAverage()) > TOLERANCE) {
      wrong.add("mean " + summary.meanKg() + " instead of " + expected.getAverage());
    }
    if (summary.minKg() != expected.getMin()) {
      wrong.add("min " + summary.minKg() + " instead of " + expected.getMin());
    }
    if (summary.maxKg() != expected.getMax()) {
      wrong.add("max " + summary.maxKg() + " instead of " + expected.getMax());
    }
    return wrong.isEmpty() ? null : String.join(", ", wrong);
  }
}

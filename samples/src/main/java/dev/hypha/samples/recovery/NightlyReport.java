package dev.hypha.samples.recovery;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import java.util.List;

/**
 * A nightly report: fetch the day's readings, then clean them and archive the raw data in parallel,
 * summarise the clean data and publish. A negative reading fails {@code clean}: {@code summarize}
 * and {@code publish} are skipped while {@code archive} still completes. With {@code crashDuring}
 * set, the process dies in the middle of {@code summarize}, as with {@code kill -9}.
 */
@Flow
public class NightlyReport {
  private final String crashDuring;

  /** Never crashes. */
  public NightlyReport() {
    this("");
  }

  /** Halts the JVM when the task named {@code crashDuring} runs. */
  public NightlyReport(String crashDuring) {
    this.crashDuring = crashDuring;
  }

  /** Which day to report on. */
  public record ReportRequest(String day, List<Integer> readings) {}

  public record Readings(String day, List<Integer> values) {}

  public record Cleaned(String day, List<Integer> values) {}

  public record Archived(String location, int count) {}

  public record Summary(String day, int count, int min, int max, double mean) {}

  public record Publication(String url, Summary summary, String archive) {}

  @Task
  public Readings fetch(@Input ReportRequest request) {
    return new Readings(request.day(), request.readings());
  }

  @Task
  @DependsOn("fetch")
  public Cleaned clean(Readings fetch) {
    for (int value : fetch.values()) {
      if (value < 0) {
        throw new IllegalArgumentException("negative reading " + value + " on " + fetch.day());
      }
    }
    return new Cleaned(fetch.day(), fetch.values().stream().sorted().toList());
  }

  @Task(queue = "storage")
  @DependsOn("fetch")
  public Archived archive(Readings fetch) {
    return new Archived("archive/" + fetch.day() + ".json", fetch.values().size());
  }

  @Task
  @DependsOn("clean")
  public Summary summarize(Cleaned clean, TaskContext context) {
    if (context.task().equals(crashDuring) && context.attempt() == 1) {
      pretendToWork(); // An attempt is recorded as begun within a few milliseconds of its start.
      System.out.println("  !! the process dies in the middle of summarize (attempt 1)");
      System.out.flush();
      Runtime.getRuntime().halt(137);
    }
    List<Integer> values = clean.values();
    double mean = values.stream().mapToInt(Integer::intValue).average().orElse(0);
    return new Summary(
        clean.day(), values.size(), values.get(0), values.get(values.size() - 1), mean);
  }

  private static void pretendToWork() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Task
  @DependsOn({"summarize", "archive"})
  public Publication publish(Summary summarize, Archived archive) {
    return new Publication(
        "https://reports.example/" + summarize.day(), summarize, archive.location());
  }
}
